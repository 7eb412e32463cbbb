"""Writing and verifying the change log."""

import contextlib
import contextvars
import datetime
import decimal
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from zongzhi.utilities.scope import _resolve

from .context import current
from .models import GENESIS, AuditChainHead, ChangeLogEntry


def json_value(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, memoryview | bytes):
        return None
    if hasattr(value, "name") and hasattr(value, "storage"):  # FieldFile
        return value.name or ""
    return value


def logged_fields(model):
    exclude = set(getattr(model, "audit_exclude", ()))
    return [f for f in model._meta.concrete_fields if f.name not in exclude and f.attname not in exclude]


def serialize(instance) -> dict:
    return {f.attname: json_value(getattr(instance, f.attname)) for f in logged_fields(type(instance))}


def serialize_loaded(instance) -> dict | None:
    loaded = getattr(instance, "_loaded_values", None)
    if loaded is None:
        return None
    return {f.attname: json_value(loaded.get(f.attname)) for f in logged_fields(type(instance)) if f.attname in loaded}


def scope_paths(instance) -> tuple[str, str]:
    spec = getattr(type(instance), "scope", None)
    if spec is None:
        return "", ""
    region = _resolve(instance, spec.region) if spec.region else None
    agency = _resolve(instance, spec.agency) if spec.agency else None
    return region or "", agency or ""


_batch = contextvars.ContextVar("audit_chain_batch", default=None)


def _locked_head():
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    return head if head is not None else AuditChainHead.objects.create(pk=1)


@contextlib.contextmanager
def chain_batch():
    """Many changes in one transaction (an import): the chain head is locked once and written once at the end,
    instead of once per entry. The chain is the same as without the batch."""
    if _batch.get() is not None:
        yield
        return
    with transaction.atomic():
        head = _locked_head()
        state = {"hash": head.last_hash, "id": head.last_id, "n": 0}
        token = _batch.set(state)
        try:
            yield
        finally:
            _batch.reset(token)
        if state["n"]:
            AuditChainHead.objects.filter(pk=1).update(
                last_hash=state["hash"], last_id=state["id"], count=models.F("count") + state["n"])


def record(action, instance, before, after):
    """Append one entry to the chain. Runs inside the caller's transaction."""
    user, source, request_id = current()
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    region_path, agency_path = scope_paths(instance)
    batch = _batch.get()
    if batch is not None:
        entry = _new_entry(action, instance, before, after, user, source, request_id, region_path, agency_path,
                           batch["hash"])
        batch.update(hash=entry.hash, id=entry.pk, n=batch["n"] + 1)
        return entry
    with transaction.atomic():
        head = _locked_head()
        entry = _new_entry(action, instance, before, after, user, source, request_id, region_path, agency_path,
                           head.last_hash)
        AuditChainHead.objects.filter(pk=1).update(
            last_hash=entry.hash, last_id=entry.pk, count=models.F("count") + 1
        )
    return entry


def _new_entry(action, instance, before, after, user, source, request_id, region_path, agency_path, prev_hash):
    entry = ChangeLogEntry(
        time=timezone.now(),
        user=user,
        user_name=(user.get_username() if user else ""),
        request_id=request_id or "",
        source=source,
        action=action,
        content_type=ContentType.objects.get_for_model(type(instance), for_concrete_model=True),
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        before=before,
        after=after,
        region_path=region_path,
        agency_path=agency_path,
        prev_hash=prev_hash,
    )
    entry.hash = entry.compute_hash()
    entry.save(force_insert=True)
    return entry


def history(instance):
    ct = ContentType.objects.get_for_model(type(instance), for_concrete_model=True)
    return ChangeLogEntry.objects.filter(content_type=ct, object_id=str(instance.pk)).order_by("-id")


class BrokenLink(Exception):
    def __init__(self, entry_id, reason):
        self.entry_id = entry_id
        self.reason = reason
        super().__init__(f"entry #{entry_id}: {reason}")


def verify_chain(*, chunk_size=5000, progress=None) -> int:
    """Walk the chain from the start; raise ``BrokenLink`` at the first broken link, return the count."""
    prev_hash = GENESIS
    count = 0
    last_id = 0
    qs = ChangeLogEntry.objects.order_by("id")
    while True:
        batch = list(qs.filter(id__gt=last_id)[:chunk_size])
        if not batch:
            break
        for entry in batch:
            if entry.prev_hash != prev_hash:
                raise BrokenLink(entry.pk, "previous-hash mismatch: an entry before it was removed or changed")
            if entry.compute_hash() != entry.hash:
                raise BrokenLink(entry.pk, "content does not match its hash: this entry was edited")
            prev_hash = entry.hash
            last_id = entry.pk
            count += 1
        if progress:
            progress(count)
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_hash != prev_hash or head.count != count):
        raise BrokenLink(head.last_id, "the chain ends before its recorded head: entries at the end were removed")
    return count

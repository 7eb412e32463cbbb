"""Writing and verifying the change log."""

import contextlib
import contextvars
import datetime
import decimal
import json
import os
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from zongzhi.utilities.files import hash_stored, stored_file_fields
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


def verify_chain(*, chunk_size=5000, progress=None, anchors=()) -> int:
    """Walk the chain from the start; raise ``BrokenLink`` at the first broken link, return the count. Each anchor
    (``read_anchors``) must find its entry at its place in the chain with its hash."""
    by_id = {}
    for anchor in anchors:
        by_id.setdefault(anchor["last_id"], []).append(anchor)
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
            for anchor in by_id.pop(entry.pk, ()):
                if anchor["hash"] != entry.hash or anchor["count"] != count:
                    raise BrokenLink(entry.pk, f"differs from the anchor of {anchor['time']}: the chain was "
                                               "rewritten after it was anchored")
        if progress:
            progress(count)
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_hash != prev_hash or head.count != count):
        raise BrokenLink(head.last_id, "the chain ends before its recorded head: entries at the end were removed")
    for anchor in sorted((a for group in by_id.values() for a in group), key=lambda a: a["last_id"]):
        if anchor["last_id"] or anchor["count"]:
            raise BrokenLink(anchor["last_id"], f"is missing, but the anchor of {anchor['time']} records it: entries "
                                                "were removed (or an older backup was restored)")
    return count


# --- anchors outside the database -----------------------------------------------------------------------------


class BrokenAnchorFile(Exception):
    pass


def anchor_head(path=None) -> dict:
    """Append the chain's head (last id, count, hash) to the append-only anchor file and return it. The head row
    lives in the database with the chain; a copy outside it catches a rewrite of the newest entries and the head."""
    head = AuditChainHead.objects.filter(pk=1).first()
    anchor = {"time": timezone.now().isoformat(timespec="seconds"), "last_id": head.last_id if head else 0,
              "count": head.count if head else 0, "hash": head.last_hash if head else GENESIS}
    path = Path(path or settings.AUDIT_ANCHOR_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(anchor, sort_keys=True) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return anchor


def read_anchors(path=None) -> list[dict]:
    """The anchors of the file (none when it does not exist yet)."""
    path = Path(path or settings.AUDIT_ANCHOR_FILE)
    if not path.exists():
        return []
    anchors = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            anchor = json.loads(line)
            anchors.append({"time": str(anchor["time"]), "last_id": int(anchor["last_id"]),
                            "count": int(anchor["count"]), "hash": str(anchor["hash"])})
        except (ValueError, KeyError, TypeError):
            raise BrokenAnchorFile(f"{path}, line {number}: not an anchor") from None
    return anchors


# --- stored files ---------------------------------------------------------------------------------------------


def verify_files(*, progress=None) -> tuple[int, list[str]]:
    """Hash every stored file of every model and compare it with the SHA-256 recorded when it was written.
    Returns (files checked, problems), a problem being one line naming the record and the file."""
    checked, problems = 0, []
    for model, field, hash_name in stored_file_fields():
        rows = model._base_manager.exclude(**{field.name: ""}).only("pk", field.name, hash_name).order_by("pk")
        for instance in rows.iterator(chunk_size=2000):
            stored, recorded = getattr(instance, field.name), getattr(instance, hash_name)
            label = f"{model._meta.label} #{instance.pk} {field.name} {stored.name}"
            try:
                actual = hash_stored(stored)
            except FileNotFoundError:
                problems.append(f"{label}: missing from storage")
            else:
                if actual != recorded:
                    problems.append(f"{label}: does not match its recorded SHA-256")
            checked += 1
            if progress and checked % 1000 == 0:
                progress(checked)
    return checked, problems

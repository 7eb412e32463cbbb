"""Every create, update and delete of a ``BaseModel`` (UI, API, admin, import, command) is logged."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from zongzhi.utilities.models import BaseModel

from .choices import Action
from .services import record, serialize, serialize_loaded


def _logged(sender):
    return isinstance(sender, type) and issubclass(sender, BaseModel)


@receiver(pre_save)
def remember_before(sender, instance, raw=False, **kwargs):
    if raw or not _logged(sender) or instance._state.adding:
        return
    if getattr(instance, "_loaded_values", None) is None and instance.pk is not None:
        current = sender._base_manager.filter(pk=instance.pk).values(*[f.attname for f in sender._meta.concrete_fields]).first()
        instance._loaded_values = current


@receiver(post_save)
def log_save(sender, instance, created, raw=False, **kwargs):
    if raw or not _logged(sender):
        return
    after = serialize(instance)
    if created:
        record(Action.CREATE, instance, None, after)
    else:
        before = serialize_loaded(instance)
        if before is not None:
            before = {k: v for k, v in before.items() if k in after}
        if before != after:
            record(Action.UPDATE, instance, before, after)
    instance._loaded_values = {f.attname: getattr(instance, f.attname) for f in sender._meta.concrete_fields}


@receiver(post_delete)
def log_delete(sender, instance, **kwargs):
    if not _logged(sender):
        return
    record(Action.DELETE, instance, serialize(instance), None)


@receiver(m2m_changed)
def log_m2m(sender, instance, action, reverse, **kwargs):
    if reverse or not isinstance(instance, BaseModel):
        return
    field = next((f for f in type(instance)._meta.many_to_many if f.remote_field.through is sender), None)
    if field is None:
        return
    if action in ("pre_add", "pre_remove", "pre_clear"):
        instance.__dict__.setdefault("_m2m_before", {})[field.name] = sorted(
            getattr(instance, field.name).values_list("pk", flat=True)
        )
    elif action in ("post_add", "post_remove", "post_clear"):
        before = instance.__dict__.get("_m2m_before", {}).pop(field.name, None)
        after = sorted(getattr(instance, field.name).values_list("pk", flat=True))
        if before != after:
            record(Action.UPDATE, instance, {field.name: before}, {field.name: after})

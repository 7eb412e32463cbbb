"""The API mirrors the UI: thin viewsets on one base that applies the same scope (STYLE.md §10)."""

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers, viewsets

from .scope import ADD, CHANGE, DELETE, VIEW, in_scope


class ScopedSerializer(serializers.ModelSerializer):
    """Offers only related records the user can see, and runs the model's ``clean()``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        for f in self.fields.values():
            target = getattr(f, "child_relation", f)
            qs = getattr(target, "queryset", None)
            if qs is not None and hasattr(qs, "restrict") and hasattr(qs.model, "scope") and not f.read_only:
                target.queryset = qs.restrict(user, VIEW)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        instance = copy.copy(self.instance) if self.instance is not None else model()
        m2m = {f.name for f in model._meta.many_to_many}
        for key, value in attrs.items():
            if key not in m2m:
                setattr(instance, key, value)
        try:
            instance.clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(
                error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
            ) from None
        self._candidate = instance
        return attrs


class ScopedViewSet(viewsets.ModelViewSet):
    """Lists, details and writes all go through ``restrict``; a hidden record is a 404; a write outside
    the user's scope is refused."""

    action_map_scope = {"list": VIEW, "retrieve": VIEW, "create": ADD, "update": CHANGE, "partial_update": CHANGE,
                        "destroy": DELETE}

    def get_queryset(self):
        action = self.action_map_scope.get(self.action, VIEW)
        return super().get_queryset().restrict(self.request.user, action)

    def _check(self, serializer, action):
        candidate = getattr(serializer, "_candidate", None)
        if candidate is not None and not in_scope(self.request.user, candidate, action):
            raise exceptions.PermissionDenied(_("This record would lie outside the area your role covers."))

    def perform_create(self, serializer):
        self._check(serializer, ADD)
        serializer.save()

    def perform_update(self, serializer):
        self._check(serializer, CHANGE)
        serializer.save()

    def perform_destroy(self, instance):
        from django.db.models import ProtectedError

        try:
            instance.delete()
        except ProtectedError:
            raise exceptions.ValidationError(
                {"detail": _("This record cannot be deleted: other records still refer to it.")}
            ) from None


class ReadOnlyScopedViewSet(ScopedViewSet):
    http_method_names = ["get", "head", "options"]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """No models: what running an installation needs — the health endpoint, answers when a service fails, static
    files storage, structured logs, backup and restore."""

    name = "zongzhi.operations"
    label = "operations"
    verbose_name = _("Operations")

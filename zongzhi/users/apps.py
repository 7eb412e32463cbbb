from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UsersConfig(AppConfig):
    name = "zongzhi.users"
    label = "users"
    verbose_name = _("Users and roles")

    def ready(self):
        from .api import schema  # noqa: F401  (registers the OpenAPI extension)

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")


ACTION_COLORS = {Action.CREATE: "green", Action.UPDATE: "blue", Action.DELETE: "red"}


class Source(models.TextChoices):
    UI = "ui", _("Web page")
    API = "api", _("API")
    ADMIN = "admin", _("Admin site")
    IMPORT = "import", _("Excel import")
    COMMAND = "command", _("Command")

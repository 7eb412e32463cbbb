from django.apps import AppConfig


class UtilitiesConfig(AppConfig):
    name = "zongzhi.utilities"
    label = "utilities"
    verbose_name = "Utilities"

from django.contrib import admin

from .models import Agency, Domain


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "order"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "is_enforcement_body", "active"]
    list_filter = ["kind", "is_enforcement_body"]
    search_fields = ["name"]
    autocomplete_fields = ["region", "parent", "acts_in_name_of"]

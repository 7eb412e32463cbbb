from django.contrib import admin

from .models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "kind", "parent", "administered_by"]
    list_filter = ["level", "kind"]
    search_fields = ["code", "name"]
    readonly_fields = ["path"]

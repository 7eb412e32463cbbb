"""Read-mostly admin for the superuser: evidence and the ledger change only through the services."""

from django.contrib import admin

from .models import Evidence, EvidenceFile, Preservation, PreservationItem, SeizedItem, SeizedItemEvent, Seizure


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EvidenceFileInline(admin.TabularInline):
    model = EvidenceFile
    fields = ["original_name", "content_type", "size", "sha256"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["case", "serial", "kind", "title", "collected_by", "collected_at"]
    list_filter = ["kind"]
    search_fields = ["title", "case__number"]
    inlines = [EvidenceFileInline]


class PreservationItemInline(admin.TabularInline):
    model = PreservationItem
    extra = 0


@admin.register(Preservation)
class PreservationAdmin(ReadOnlyAdmin):
    list_display = ["case", "serial", "registered_on", "status", "due_on", "decision", "decided_on"]
    list_filter = ["status"]
    inlines = [PreservationItemInline]


@admin.register(Seizure)
class SeizureAdmin(ReadOnlyAdmin):
    list_display = ["case", "serial", "kind", "seized_on", "status", "term_days", "extension_days", "due_on"]
    list_filter = ["status", "kind"]


class SeizedItemEventInline(admin.TabularInline):
    model = SeizedItemEvent
    extra = 0
    can_delete = False


@admin.register(SeizedItem)
class SeizedItemAdmin(ReadOnlyAdmin):
    list_display = ["name", "quantity", "unit", "case", "status", "status_on", "custody_place"]
    list_filter = ["status"]
    search_fields = ["name", "case__number"]
    inlines = [SeizedItemEventInline]

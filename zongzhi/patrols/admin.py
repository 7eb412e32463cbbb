from django.contrib import admin

from .models import Campaign, NonSiteTask, Patrol, PatrolFinding


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "starts_on", "ends_on"]
    raw_id_fields = ["agency", "region", "domain"]
    filter_horizontal = ["matters"]


@admin.register(Patrol)
class PatrolAdmin(admin.ModelAdmin):
    list_display = ["started_at", "agency", "area", "campaign"]
    raw_id_fields = ["agency", "area", "campaign", "officers"]


@admin.register(PatrolFinding)
class PatrolFindingAdmin(admin.ModelAdmin):
    list_display = ["found_at", "patrol", "clue"]
    raw_id_fields = ["patrol", "subject", "matter", "category"]
    readonly_fields = ["clue", "photo_sha256"]


@admin.register(NonSiteTask)
class NonSiteTaskAdmin(admin.ModelAdmin):
    """Read-only: tasks change only through their services (send, submit, review, expire)."""

    list_display = ["subject", "kind", "status", "sent_at", "expires_at"]
    list_filter = ["kind", "status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

from django.contrib import admin

from .models import DiscretionBand, DiscretionStandard


class DiscretionBandInline(admin.TabularInline):
    model = DiscretionBand
    extra = 0


@admin.register(DiscretionStandard)
class DiscretionStandardAdmin(admin.ModelAdmin):
    list_display = ["matter", "issuing_region", "version", "effective_from", "status"]
    list_filter = ["status", "issuing_region__level"]
    search_fields = ["title", "document_number", "matter__name", "matter__code"]
    autocomplete_fields = ["issuing_region", "supersedes"]
    raw_id_fields = ["matter"]
    readonly_fields = ["status", "filed_on", "published_on"]
    inlines = [DiscretionBandInline]

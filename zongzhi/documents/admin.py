from django.contrib import admin

from .models import DocumentTemplate, GeneratedDocument, Publication


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    list_display = ["kind", "region", "version", "active", "title"]
    list_filter = ["kind", "active"]
    search_fields = ["title"]


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(admin.ModelAdmin):
    list_display = ["number", "kind", "agency", "issued_at", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["number"]
    raw_id_fields = ["case", "template", "agency"]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["title", "agency", "decision_date", "due_date", "published_at", "late", "status"]
    list_filter = ["status", "late"]
    raw_id_fields = ["case", "document", "agency"]

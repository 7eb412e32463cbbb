from rest_framework import serializers

from zongzhi.utilities.api import ScopedSerializer
from zongzhi.utilities.scope import CHANGE

from ..choices import CASE_FILE_KINDS, DocumentKind
from ..models import DocumentTemplate, GeneratedDocument, Publication


class DocumentTemplateSerializer(ScopedSerializer):
    class Meta:
        model = DocumentTemplate
        fields = ["id", "kind", "region", "version", "active", "title", "body", "note", "created", "updated"]
        read_only_fields = ["created", "updated"]


class GeneratedDocumentSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    pdf_url = serializers.SerializerMethodField()
    docx_url = serializers.SerializerMethodField()

    class Meta:
        model = GeneratedDocument
        fields = ["id", "kind", "kind_display", "number", "year", "serial", "agency", "agency_name", "case",
                  "title", "template", "template_version", "pdf_sha256", "docx_sha256", "verification_code",
                  "issued_at", "issued_by_name", "status", "voided_at", "void_reason", "pdf_url", "docx_url"]
        read_only_fields = fields

    def get_pdf_url(self, obj) -> str:
        return f"/api/v1/documents/{obj.pk}/pdf/"

    def get_docx_url(self, obj) -> str:
        return f"/api/v1/documents/{obj.pk}/docx/"


class CaseField(serializers.PrimaryKeyRelatedField):
    """A case the user may change (others are "does not exist", as if hidden)."""

    def get_queryset(self):
        from zongzhi.cases.models import Case

        user = getattr(self.context.get("request"), "user", None)
        return Case.objects.restrict(user, CHANGE).select_related("agency", "deciding_body", "region")


class IssueSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[c for c in DocumentKind.choices if c[0] not in CASE_FILE_KINDS])
    case = CaseField()
    context = serializers.DictField(required=False, default=dict,
                                    help_text="Extra template variables (e.g. inquiry questions, seized items).")


class VoidSerializer(serializers.Serializer):
    reason = serializers.CharField()


class PublicationSerializer(serializers.ModelSerializer):
    public_url = serializers.SerializerMethodField()

    class Meta:
        model = Publication
        fields = ["id", "case", "agency", "document", "title", "party", "text", "decision_date", "due_date",
                  "due_citation", "published_at", "late", "status", "changed_on", "withdrawal_due", "withdrawn_at",
                  "withdrawal_reason", "withdrawn_late", "public_url"]
        read_only_fields = fields

    def get_public_url(self, obj) -> str | None:
        return obj.get_public_url() if obj.status == "published" else None


class PublishSerializer(serializers.Serializer):
    case = CaseField()


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField()
    changed_on = serializers.DateField(required=False)

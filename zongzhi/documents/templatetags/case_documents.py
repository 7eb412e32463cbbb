from django import template
from django.urls import reverse

from zongzhi.utilities.scope import ADD, CHANGE, can, in_scope

from ..choices import PUBLICATION_COLORS, STATUS_COLORS, PublicationStatus
from ..models import GeneratedDocument, Publication

register = template.Library()


@register.inclusion_tag("documents/_case_section.html", takes_context=True)
def documents_section(context, case, user=None):
    """The case page's documents section: the issued documents, the publication, links to issue more and to the
    whole case file (two queries)."""
    user = user or context.get("user")
    documents = list(GeneratedDocument.objects.restrict(user).filter(case=case).order_by("issued_at", "id"))
    publications = list(Publication.objects.restrict(user).filter(case=case).order_by("-published_at", "-id"))
    return {
        "case": case,
        "documents": documents,
        "publication": next((p for p in publications if p.status == PublicationStatus.PUBLISHED),
                            publications[0] if publications else None),
        "may_issue": can(user, GeneratedDocument, ADD) and in_scope(user, case, CHANGE),
        "documents_url": reverse("documents:case_documents", kwargs={"case_pk": case.pk}),
        "case_file_url": reverse("documents:case_file", kwargs={"case_pk": case.pk}),
        "status_colors": STATUS_COLORS,
        "publication_colors": PUBLICATION_COLORS,
    }

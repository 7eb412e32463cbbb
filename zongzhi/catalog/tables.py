from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.tables import Column, Table

from .choices import ACCEPTANCE_STATUS_COLORS, CATALOG_STATUS_COLORS, CONCLUSION_COLORS
from .models import Acceptance, CatalogItem, CountySelection, DelegationCatalog, Evaluation, Matter, TransitionSetting

CITATION_RELATED = ("violated_article__version__law", "penalty_article__version__law")

matter_table = Table(
    Matter,
    [
        Column("code", link=True, order_by="code"),
        Column("name", link=True, order_by="name"),
        Column("kind"),
        Column("domain"),
        Column("applies_to"),
        Column("violated_citation", _("Violated provision")),
        Column("penalty_citation", _("Penalty provision")),
        Column("fine_min"),
        Column("fine_max"),
        Column("original_department"),
        Column("first_violation_exempt"),
    ],
    select_related=("domain", *CITATION_RELATED),
)

catalog_table = Table(
    DelegationCatalog,
    [
        Column("name", link=True, order_by="name"),
        Column("version"),
        Column("issuer"),
        Column("document_number"),
        Column("effective", order_by="effective"),
        Column("status", colors=CATALOG_STATUS_COLORS),
        Column("previous"),
    ],
    select_related=("issuer", "previous"),
)

item_table = Table(
    CatalogItem,
    [
        Column("number"),
        Column("matter.code", _("Code")),
        Column("name", link=True),
        Column("domain"),
        Column("applies_to"),
        Column("violated_basis"),
        Column("penalty_basis"),
        Column("fine_min"),
        Column("fine_max"),
        Column("original_department"),
        Column("concurrent"),
        Column("catalog", export=True),
    ],
    select_related=("matter", "domain", "catalog"),
)

selection_table = Table(
    CountySelection,
    [
        Column("county", link=True),
        Column("catalog"),
        Column("decided_on"),
        Column("document_number"),
    ],
    select_related=("county", "catalog"),
)


def in_force_today(acceptance):
    import datetime

    return acceptance.is_active_on(datetime.date.today())


acceptance_table = Table(
    Acceptance,
    [
        Column("agency", link=True),
        Column("matter.code", _("Code")),
        Column("matter.name", _("Matter"), link=True),
        Column("matter.domain", _("Domain")),
        Column("catalog"),
        Column("accepted_on", order_by="accepted_on"),
        Column("lapses_on", order_by="lapses_on"),
        Column("status", colors=ACCEPTANCE_STATUS_COLORS),
        Column("in_force", _("In force today"), render=in_force_today),
    ],
    select_related=("agency", "matter__domain", "catalog"),
)

evaluation_table = Table(
    Evaluation,
    [
        Column("agency", link=True),
        Column("matter.code", _("Code")),
        Column("matter.name", _("Matter"), link=True),
        Column("matter.domain", _("Domain")),
        Column("conclusion", colors=CONCLUSION_COLORS),
        Column("reasons"),
        Column("evaluator"),
        Column("evaluated_on", order_by="evaluated_on"),
    ],
    select_related=("agency", "matter__domain"),
)

transition_table = Table(
    TransitionSetting,
    [Column("region"), Column("days"), Column("basis")],
    select_related=("region",),
)

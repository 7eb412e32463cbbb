"""Which benchmark applies, what it allows, and whether a proposed penalty keeps to it; filing, publishing and
new versions. The UI, the API, the Excel import, the case module and the tests all call these functions."""

import contextlib
import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zongzhi.audit.context import audit_context, current
from zongzhi.catalog.choices import PenaltyType
from zongzhi.utilities.scope import ancestor_paths

from .choices import APPLICABLE_STATUSES, MULTIPLE_BASE_WORDS, Flag, Level, MultipleBase, StandardStatus
from .models import DiscretionStandard

CENT = Decimal("0.01")
# Legal review before the decision when the amount departs from the benchmark (行政处罚法 Art. 58 and local rules).
REVIEW_BASIS = "《中华人民共和国行政处罚法》第五十八条"


class NoApplicableStandard(Exception):
    """No filed or published benchmark of the matter is in effect for the region on the date."""


def money(value):
    return None if value is None else Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def parse_facts(data):
    """The facts a multiple is taken of (``illegal_gains``, ``goods_value`` …), as non-negative Decimals."""
    facts, errors = {}, {}
    for name in MultipleBase.values:
        raw = data.get(name)
        if raw is None or str(raw).strip() == "":
            continue
        try:
            value = Decimal(str(raw).strip())
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite() or value < 0:
            errors[name] = _("Enter an amount of zero or more.")
        else:
            facts[name] = value
    if errors:
        raise ValidationError(errors)
    return facts


def applicable_standard(matter, region, on_date):
    """The most local benchmark of ``matter`` in force in ``region`` on ``on_date``: the region's own, else its
    county's, prefecture's or province's. Drafts never apply; a superseded version applies until its successor
    takes effect."""
    paths = [*ancestor_paths(region.path), region.path]
    candidates = (DiscretionStandard.objects.filter(matter=matter, issuing_region__path__in=paths,
                                                    status__in=APPLICABLE_STATUSES, effective_from__lte=on_date)
                  .select_related("matter", "issuing_region"))
    best = max(candidates, key=lambda s: (len(s.issuing_region.path), s.effective_from, s.pk), default=None)
    if best is None:
        raise NoApplicableStandard(
            _("No filed or published discretion standard of %(matter)s applies in %(region)s on %(date)s.")
            % {"matter": matter, "region": region.name, "date": on_date})
    return best


@dataclass
class Band:
    """What the benchmark allows at one level for the given facts. Amounts in yuan; ``None``: no bound."""

    standard: DiscretionStandard
    level: str
    conditions: str
    penalty_types: list
    amount_min: Decimal | None
    amount_max: Decimal | None
    amount_basis: str  # "fixed", "multiple" or "" (no fine at this level)
    other_measures: str
    legal_types: list
    legal_min: Decimal | None
    legal_max: Decimal | None
    benchmark_citation: str
    penalty_citation: str

    @property
    def penalty_type_labels(self):
        return [PenaltyType(t).label for t in self.penalty_types]

    @property
    def has_fine(self):
        return self.amount_basis != ""


def multiple_base_key(text):
    """The fact a matter's multiple is taken of, from the words of the law (违法所得 → illegal_gains)."""
    for key, word in MULTIPLE_BASE_WORDS.items():
        if word in (text or ""):
            return key
    return None


def legal_range(matter, facts):
    """The fine range the penalty provision allows: the fixed range, the multiple of the base, or the span of both
    when the law sets both (``None`` where the law or the facts give no bound)."""
    ranges = []
    base = facts.get(multiple_base_key(matter.multiple_base))
    if matter.multiple_max is not None and base:
        ranges.append((money((matter.multiple_min or 0) * base), money(matter.multiple_max * base)))
    if matter.fine_min is not None or matter.fine_max is not None:
        ranges.append((money(matter.fine_min or 0), money(matter.fine_max)))
    if not ranges:
        return None, None
    highs = [high for _low, high in ranges]
    return min(low for low, _high in ranges), None if None in highs else max(highs)


def band_for(matter, region, on_date, level, facts):
    """The band of ``level`` in the benchmark that applies; a multiple turns into money with the facts."""
    standard = applicable_standard(matter, region, on_date)
    band = next((b for b in standard.bands.all() if b.level == level), None)
    if band is None:
        raise NoApplicableStandard(_("%(standard)s sets no band for the level %(level)s.")
                                   % {"standard": standard.citation, "level": Level(level).label})
    base = facts.get(band.multiple_base) if band.multiple_base else None
    if band.has_multiple and base and (band.multiple_from is None or base >= band.multiple_from):
        low, high, basis = money(band.multiple_min * base), money(band.multiple_max * base), "multiple"
    elif band.has_fixed:
        low, high, basis = money(band.fine_min), money(band.fine_max), "fixed"
    elif band.has_multiple:
        raise ValidationError({band.multiple_base: _("Enter the %(base)s: this band is a multiple of it.")
                               % {"base": MultipleBase(band.multiple_base).label}})
    else:
        low, high, basis = None, None, ""
    legal_min, legal_max = legal_range(matter, facts)
    return Band(standard=standard, level=level, conditions=band.conditions, penalty_types=list(band.penalty_types),
                amount_min=low, amount_max=high, amount_basis=basis, other_measures=band.other_measures,
                legal_types=list(matter.penalty_types), legal_min=legal_min, legal_max=legal_max,
                benchmark_citation=band.citation, penalty_citation=matter.penalty_citation)


@dataclass
class Check:
    """A proposed penalty measured against the band. Any flag means the decision needs a written reason and
    legal review before it is made."""

    band: Band
    amount: Decimal
    penalty_types: list
    flags: list = field(default_factory=list)
    messages: list = field(default_factory=list)
    review_basis: str = REVIEW_BASIS

    @property
    def needs_reason(self):
        return bool(self.flags)

    @property
    def needs_legal_review(self):
        return bool(self.flags)


def check_amount(matter, region, on_date, level, facts, amount, penalty_types):
    """Flag a proposed amount and types against the band. What the law itself forbids is an error
    (``ValidationError``), not a flag: an amount above the legal maximum, below the legal minimum without
    mitigation, or a penalty type the provision does not allow."""
    band = band_for(matter, region, on_date, level, facts)
    amount = money(amount)
    types = list(dict.fromkeys(penalty_types))
    errors = {}
    unknown = [t for t in types if t not in PenaltyType.values]
    illegal = [t for t in types if t in PenaltyType.values and band.legal_types and t not in band.legal_types]
    if unknown:
        errors["penalty_types"] = _("Unknown penalty type: %(types)s.") % {"types": "、".join(unknown)}
    elif illegal:
        errors["penalty_types"] = _("The penalty provision (%(citation)s) does not allow: %(types)s.") % {
            "citation": band.penalty_citation or matter, "types": "、".join(str(PenaltyType(t).label) for t in illegal)}
    if amount < 0:
        errors["amount"] = _("The amount cannot be negative.")
    elif (amount > 0) != (PenaltyType.FINE in types):
        errors["amount"] = _("Give an amount above zero exactly when the penalty types include a fine.")
    elif band.legal_max is not None and amount > band.legal_max:
        errors["amount"] = _("%(amount)s yuan is above the legal maximum of %(max)s yuan (%(citation)s): it cannot "
                             "be imposed.") % {"amount": amount, "max": band.legal_max,
                                               "citation": band.penalty_citation or matter}
    elif (amount > 0 and band.legal_min is not None and amount < band.legal_min and level != Level.MITIGATED):
        errors["amount"] = _("%(amount)s yuan is below the legal minimum of %(min)s yuan: only a mitigated penalty "
                             "may go below it.") % {"amount": amount, "min": band.legal_min}
    if errors:
        raise ValidationError(errors)
    check = Check(band=band, amount=amount, penalty_types=types)

    def flag(code, message):
        check.flags.append(code)
        check.messages.append(message)

    low, high = (band.amount_min, band.amount_max) if band.has_fine else (Decimal(0), Decimal(0))
    if not (low <= amount <= high):
        flag(Flag.OUTSIDE_BAND, _("%(amount)s yuan is outside the band of %(min)s–%(max)s yuan (%(citation)s).")
             % {"amount": amount, "min": low, "max": high, "citation": band.benchmark_citation})
    if amount > 0 and band.legal_min is not None and amount < band.legal_min:
        flag(Flag.OUTSIDE_LEGAL_RANGE, _("%(amount)s yuan is below the legal minimum of %(min)s yuan (mitigated "
                                         "penalty).") % {"amount": amount, "min": band.legal_min})
    extra = [t for t in types if t not in band.penalty_types]
    if extra:
        flag(Flag.TYPE_NOT_ALLOWED, _("The band does not provide for: %(types)s.")
             % {"types": "、".join(str(PenaltyType(t).label) for t in extra)})
    return check


# --- state changes ------------------------------------------------------------------------------------------
@contextlib.contextmanager
def _acting(by):
    _user, source, request_id = current()
    with transaction.atomic(), audit_context(user=by, source=source, request_id=request_id or None):
        yield


def _locked(standard):
    return DiscretionStandard.objects.select_for_update().select_related("matter", "issuing_region").get(
        pk=standard.pk)


def _take_over(standard):
    """A new version that is filed or published supersedes the version it names."""
    previous = standard.supersedes
    if previous is not None and previous.status != StandardStatus.SUPERSEDED:
        previous.status = StandardStatus.SUPERSEDED
        previous.save()


def file_standard(standard, *, by, filed_on=None):
    """备案: the draft is filed with the justice administration and applies from its effective date."""
    with _acting(by):
        standard = _locked(standard)
        if standard.status != StandardStatus.DRAFT:
            raise ValidationError(_("Only a draft can be filed."))
        if not standard.bands.exists():
            raise ValidationError(_("A benchmark without bands cannot be filed."))
        standard.status = StandardStatus.FILED
        standard.filed_on = filed_on or datetime.date.today()
        standard.save()
        _take_over(standard)
    return standard


def publish_standard(standard, *, by, published_on=None):
    """公开: a draft or filed benchmark is published to society."""
    with _acting(by):
        standard = _locked(standard)
        if not standard.is_publishable:
            raise ValidationError(_("Only a draft or filed benchmark can be published."))
        if not standard.bands.exists():
            raise ValidationError(_("A benchmark without bands cannot be published."))
        standard.status = StandardStatus.PUBLISHED
        standard.published_on = published_on or datetime.date.today()
        standard.save()
        _take_over(standard)
    return standard


def new_version(standard, *, version, effective_from, by):
    """A draft copy of ``standard`` with its bands, superseding it once filed or published."""
    with _acting(by):
        draft = DiscretionStandard(matter=standard.matter, issuing_region=standard.issuing_region,
                                   issuer=standard.issuer, title=standard.title,
                                   document_number=standard.document_number, version=(version or "").strip(),
                                   effective_from=effective_from, supersedes=standard)
        draft.full_clean()
        draft.save()
        for band in standard.bands.all():
            band.pk, band.id, band.standard = None, None, draft
            band._state.adding = True
            band.full_clean()
            band.save()
    return draft

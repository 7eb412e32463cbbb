import datetime

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from zongzhi.agencies.models import Agency
from zongzhi.utilities import views as generic
from zongzhi.utilities.documents import FORMATS
from zongzhi.utilities.scope import ADD, CHANGE, VIEW, can, in_scope

from . import services
from .choices import (
    ACTION_COLORS,
    DRAW_COLORS,
    JOINT_COLORS,
    PLAN_COLORS,
    POINT_COLORS,
    RANDOM_RULE,
    RESULT_COLORS,
    STATUS_COLORS,
    UNPUBLISHED_ITEM_RULE,
    DrawStatus,
    InspectionStatus,
    PlanStatus,
)
from .documents import build_record, record_filename
from .filtersets import (
    DrawFilterSet,
    InspectionFilterSet,
    InspectionItemFilterSet,
    InspectionPlanFilterSet,
    JointInspectionFilterSet,
)
from .forms import (
    ChecklistForm,
    ConflictForm,
    CorrectionForm,
    DateForm,
    DrawForm,
    FindingForm,
    FinishForm,
    InspectionForm,
    InspectionItemForm,
    InspectionPlanForm,
    MergeForm,
    PhotoForm,
    RatingForm,
)
from .models import (
    ConflictOfInterest,
    Draw,
    Finding,
    Inspection,
    InspectionItem,
    InspectionPhoto,
    InspectionPlan,
    JointInspection,
    Rating,
)
from .qr import qr_svg
from .tables import conflict_table, draw_table, inspection_table, item_table, joint_table, plan_table


def describe(error):
    if hasattr(error, "error_dict"):
        return " ".join(m for errors in error.message_dict.values() for m in errors)
    return " ".join(error.messages)


class ActionView(generic.ObjectMixin, View):
    """POST a small form to a service; the page shows the outcome (or the refusal, with its rule)."""

    action = CHANGE
    form_class = DateForm
    done = gettext_lazy("Done.")

    def form(self, obj):
        return self.form_class(self.request.POST, self.request.FILES)

    def post(self, request, pk):
        obj = self.get_object()
        form = self.form(obj)
        try:
            if not form.is_valid():
                raise ValidationError({k: v for k, v in form.errors.items()})
            result = self.perform(obj, form.cleaned_data)
        except ValidationError as error:
            messages.error(request, _("Nothing was changed: %(errors)s") % {"errors": describe(error)})
            return redirect(self.back(obj))
        messages.success(request, self.done)
        return redirect(self.next_url(obj, result))

    def back(self, obj):
        return obj.get_absolute_url()

    def next_url(self, obj, result):
        return self.back(obj)


def ledger_export(subject, user):
    """The subject's ledger (一台账) as Excel: every inspection and finding the user may see, in time order."""
    from zongzhi.utilities.excel import export_response

    from .tables import Rows, ledger_table

    return export_response(ledger_table, Rows(services.ledger_entries(subject, user)),
                           _("%(subject)s ledger") % {"subject": subject.name})


# --- items -------------------------------------------------------------------------------------------------------

class InspectionItemListView(generic.ObjectListView):
    model = InspectionItem
    queryset = InspectionItem.objects.order_by("agency_id", "code")
    table = item_table
    filterset_class = InspectionItemFilterSet


class InspectionItemDetailView(generic.ObjectDetailView):
    model = InspectionItem
    queryset = InspectionItem.objects.select_related("agency", "domain", "matter")

    def extra_context(self, obj):
        return {"may_publish": not obj.published and in_scope(self.request.user, obj, CHANGE),
                "rule": UNPUBLISHED_ITEM_RULE}


class UnpublishedOnly:
    def base_queryset(self):
        return super().base_queryset().filter(published=False)


class InspectionItemEditView(generic.ObjectEditView):
    model = InspectionItem
    form_class = InspectionItemForm

    def get_instance(self):
        instance = super().get_instance()
        if instance.pk and instance.published:
            raise Http404
        return instance


class InspectionItemDeleteView(UnpublishedOnly, generic.ObjectDeleteView):
    model = InspectionItem


class PublishItemView(ActionView):
    model = InspectionItem
    done = gettext_lazy("The item is published.")

    def perform(self, item, data):
        return services.publish_item(item, published_on=data.get("on"), by=self.request.user)


# --- plans -------------------------------------------------------------------------------------------------------

class InspectionPlanListView(generic.ObjectListView):
    model = InspectionPlan
    queryset = InspectionPlan.objects.order_by("-year", "agency_id", "id")
    table = plan_table
    filterset_class = InspectionPlanFilterSet


class InspectionPlanDetailView(generic.ObjectDetailView):
    model = InspectionPlan
    queryset = InspectionPlan.objects.select_related("agency", "approved_by")

    def extra_context(self, obj):
        may_change = in_scope(self.request.user, obj, CHANGE)
        return {"items": obj.items.select_related("domain"), "plan_colors": PLAN_COLORS,
                "may_approve": obj.status == PlanStatus.DRAFT and services.may_approve(self.request.user, obj),
                "may_publish": obj.status == PlanStatus.APPROVED and may_change,
                "draws": obj.draws.order_by("-id")[:20],
                "inspection_count": obj.inspections.count()}


class DraftPlanOnly:
    def base_queryset(self):
        return super().base_queryset().filter(status=PlanStatus.DRAFT)


class InspectionPlanEditView(generic.ObjectEditView):
    model = InspectionPlan
    form_class = InspectionPlanForm

    def get_instance(self):
        instance = super().get_instance()
        if instance.pk and instance.status != PlanStatus.DRAFT:
            raise Http404
        return instance

    def save(self, form):
        return services.save_plan(form.instance, items=form.cleaned_data["items"], by=self.request.user)


class InspectionPlanDeleteView(DraftPlanOnly, generic.ObjectDeleteView):
    model = InspectionPlan


class ApprovePlanView(ActionView):
    model = InspectionPlan
    done = gettext_lazy("The plan is approved.")

    def perform(self, plan, data):
        return services.approve_plan(plan, approved_on=data.get("on"), by=self.request.user)


class PublishPlanView(ActionView):
    model = InspectionPlan
    done = gettext_lazy("The plan is published.")

    def perform(self, plan, data):
        return services.publish_plan(plan, published_on=data.get("on"), by=self.request.user)


# --- inspections ---------------------------------------------------------------------------------------------------

class InspectionListView(generic.ObjectListView):
    model = Inspection
    queryset = Inspection.objects.order_by("-date", "-id")
    table = inspection_table
    filterset_class = InspectionFilterSet
    extra_actions = (("inspections:inspectionplan_list", gettext_lazy("Plans")),
                     ("inspections:conflictofinterest_list", gettext_lazy("Conflicts of interest")),
                     ("inspections:jointinspection_candidates", gettext_lazy("Find joint inspections")))


DETAIL_RELATED = ("agency", "subject__region", "plan", "draw", "joint__lead_agency", "follow_up_of")


class InspectionDetailView(generic.ObjectDetailView):
    model = Inspection
    queryset = Inspection.objects.select_related(*DETAIL_RELATED)

    def extra_context(self, obj):
        user = self.request.user
        may_change = in_scope(user, obj, CHANGE)
        is_open = obj.is_open
        return {
            "items": obj.items.select_related("domain", "matter"),
            "inspectors": obj.inspectors.prefetch_related("certificates"),
            "results": obj.checklist_results.select_related("item"),
            "findings": obj.findings.select_related("matter", "clue", "case", "follow_up"),
            "photos": obj.photos.all(),
            "status_colors": STATUS_COLORS, "result_colors": RESULT_COLORS, "point_colors": POINT_COLORS,
            "action_colors": ACTION_COLORS,
            "may_change": may_change,
            "checklist_form": ChecklistForm(inspection=obj) if may_change and is_open else None,
            "finding_form": FindingForm(inspection=obj) if may_change and obj.status != InspectionStatus.CANCELLED
            else None,
            "finish_form": FinishForm() if may_change and is_open else None,
            "photo_form": PhotoForm() if may_change else None,
            "correction_form": CorrectionForm() if may_change else None,
            "joint_agencies": list(obj.joint.agencies.all()) if obj.joint_id else [],
            "joint_checklist": services.combined_checklist(obj.joint) if obj.joint_id else [],
            "rated": Rating.objects.filter(inspection=obj).first(),
        }


class InspectionRegisterView(generic.ObjectEditView):
    """Registration: the limits are checked first; warnings are shown and must be confirmed, caps need a reason."""

    model = Inspection
    form_class = InspectionForm
    template_name = "inspections/inspection_register.html"

    def get_instance(self):
        if not can(self.request.user, Inspection, ADD):
            raise Http404
        return Inspection()

    def post(self, request, *args, **kwargs):
        form = self.get_form(self.get_instance(), request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, _("Please correct the errors below; nothing was saved."))
            return self.render_form(form, status=400)
        data = form.cleaned_data
        report = services.check_limits(form.instance.subject, form.instance.date, list(data["inspectors"]))
        if not report.clean and not data.get("confirm"):
            messages.warning(request, _("Read the warnings below before registering."))
            return self.render_form(form, report=report, status=200)
        try:
            inspection = services.register_inspection(form.instance, items=data["items"],
                                                      inspectors=data["inspectors"], by=request.user,
                                                      reason=data.get("reason", ""))
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
            messages.error(request, _("Please correct the errors below; nothing was saved."))
            return self.render_form(form, report=report, status=400)
        messages.success(request, _("Saved: %(object)s") % {"object": inspection})
        return redirect(inspection.get_absolute_url())

    def render_form(self, form, status=200, report=None):
        return render(self.request, self.template_name, self.common_context(form=form, object=None, report=report),
                      status=status)


class StartView(ActionView):
    model = Inspection
    done = gettext_lazy("The inspection has started.")

    def perform(self, inspection, data):
        return services.start_inspection(inspection, by=self.request.user)


class CancelView(ActionView):
    model = Inspection
    done = gettext_lazy("The inspection is cancelled.")

    def perform(self, inspection, data):
        return services.cancel_inspection(inspection, by=self.request.user)


class ChecklistView(ActionView):
    model = Inspection
    done = gettext_lazy("The checklist is saved.")

    def form(self, obj):
        return ChecklistForm(self.request.POST, inspection=obj)

    def perform(self, inspection, data):
        form = ChecklistForm(self.request.POST, inspection=inspection)
        form.is_valid()
        return services.record_checklist(inspection, form.answers(), by=self.request.user)


class FindingView(ActionView):
    model = Inspection
    done = gettext_lazy("The finding is recorded.")

    def form(self, obj):
        return FindingForm(self.request.POST, inspection=obj)

    def perform(self, inspection, data):
        return services.add_finding(inspection, description=data["description"], matter=data.get("matter"),
                                    by=self.request.user)


class FinishView(ActionView):
    model = Inspection
    form_class = FinishForm
    done = gettext_lazy("The inspection is finished.")

    def perform(self, inspection, data):
        return services.finish_inspection(inspection, result=data.get("result") or None, summary=data.get("summary"),
                                          by=self.request.user)


class PhotoView(ActionView):
    model = Inspection
    form_class = PhotoForm
    done = gettext_lazy("The file is stored.")

    def perform(self, inspection, data):
        return services.add_photo(inspection, data["file"], caption=data.get("caption", ""), by=self.request.user)


class PhotoFileView(generic.ObjectMixin, View):
    model = InspectionPhoto

    def get(self, request, pk):
        photo = self.get_object()
        return FileResponse(photo.file.open("rb"), content_type=photo.content_type)


class FindingActionView(ActionView):
    model = Finding

    def back(self, finding):
        return finding.inspection.get_absolute_url()


class CorrectionView(FindingActionView):
    form_class = CorrectionForm
    done = gettext_lazy("The correction is ordered and the re-inspection scheduled.")

    def perform(self, finding, data):
        return services.order_correction(finding, deadline=data["deadline"], by=self.request.user)


class OpenClueView(FindingActionView):
    done = gettext_lazy("A clue is opened.")

    def perform(self, finding, data):
        return services.open_clue(finding, by=self.request.user)

    def next_url(self, finding, result):
        return result.clue.get_absolute_url()


class RecordView(generic.ObjectMixin, View):
    """The on-site record (现场检查笔录) as DOCX or PDF."""

    model = Inspection
    queryset = Inspection.objects.select_related(*DETAIL_RELATED)

    def get(self, request, pk, fmt):
        inspection = self.get_object()
        render_document, content_type = FORMATS[fmt]
        response = HttpResponse(render_document(build_record(inspection)), content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(True, record_filename(inspection, fmt))
        return response


class NoticeView(generic.ObjectMixin, View):
    """The inspection notice with its inspection code as a QR code, to be shown or handed to the subject."""

    model = Inspection
    queryset = Inspection.objects.select_related(*DETAIL_RELATED)

    def get(self, request, pk):
        inspection = self.get_object()
        url = request.build_absolute_uri(inspection.get_public_url())
        return render(request, "inspections/notice.html", {
            "object": inspection, "public_url": url, "qr": qr_svg(url),
            "items": inspection.items.all(), "inspectors": inspection.inspectors.prefetch_related("certificates")})


# --- the public inspection-code page (no login) -------------------------------------------------------------------

RATE_LIMIT = 5  # ratings (attempts) per address per hour
VERIFY_LIMIT = 60  # page views per address per minute


def _throttled(request, kind, limit, seconds):
    address = request.META.get("REMOTE_ADDR", "")
    key = f"inspections:{kind}:{address}"
    cache.add(key, 0, seconds)
    try:
        n = cache.incr(key)
    except ValueError:
        cache.set(key, 1, seconds)
        n = 1
    return n > limit


def public_code(request, code):
    if _throttled(request, "verify", VERIFY_LIMIT, 60):
        return HttpResponse(_("Too many requests; try again later."), status=429)
    inspection = get_object_or_404(Inspection.objects.select_related("agency", "subject"), code=code.upper())
    form = RatingForm(request.POST or None)
    rated = Inspection.objects.filter(pk=inspection.pk, rating__isnull=False).exists()
    status = 200
    if request.method == "POST":
        if _throttled(request, "rate", RATE_LIMIT, 3600):
            return HttpResponse(_("Too many requests; try again later."), status=429)
        if form.is_valid():
            try:
                services.rate_inspection(inspection, **form.cleaned_data)
            except ValidationError as error:
                messages.error(request, describe(error))
                status = 400
            else:
                messages.success(request, _("Thank you: your rating is recorded anonymously."))
                return redirect(request.path)
        else:
            status = 400
    inspectors = [(o.name, next((c.number for c in o.certificates.all() if c.kind == "enforcement"
                                 and c.is_valid_on(inspection.date)), "")) for o in
                  inspection.inspectors.prefetch_related("certificates").order_by("name")]
    return render(request, "inspections/public_code.html", {
        "object": inspection, "items": inspection.items.order_by("code"), "inspectors": inspectors,
        "form": form, "rated": rated, "status_colors": STATUS_COLORS}, status=status)


# --- draws ----------------------------------------------------------------------------------------------------------

class DrawListView(generic.ObjectListView):
    model = Draw
    queryset = Draw.objects.order_by("-id")
    table = draw_table
    filterset_class = DrawFilterSet
    extra_actions = (("inspections:draw_public_list", gettext_lazy("Published results")),)


class DrawDetailView(generic.ObjectDetailView):
    model = Draw
    queryset = Draw.objects.select_related("agency", "plan", "region", "area", "drawn_by")

    def extra_context(self, obj):
        may_change = in_scope(self.request.user, obj, CHANGE)
        return {"draw_colors": DRAW_COLORS, "may_run": may_change and obj.status == DrawStatus.DRAFT,
                "may_publish": may_change and obj.status == DrawStatus.DRAWN,
                "inspections": obj.inspections.select_related("subject").prefetch_related("inspectors")
                .order_by("subject__name", "id"),
                "excluded": len(obj.inputs.get("excluded_inspectors", {})),
                "candidates": len(obj.inputs.get("candidates", [])), "rule": RANDOM_RULE,
                "result_colors": RESULT_COLORS}


class DrawEditView(generic.ObjectEditView):
    model = Draw
    form_class = DrawForm

    def get_instance(self):
        instance = super().get_instance()
        if instance.pk and instance.status != DrawStatus.DRAFT:
            raise Http404
        return instance


class DrawDeleteView(generic.ObjectDeleteView):
    model = Draw

    def base_queryset(self):
        return Draw.objects.filter(status=DrawStatus.DRAFT)


class RunDrawView(ActionView):
    model = Draw
    done = gettext_lazy("The draw is done; the inspections are registered.")

    def perform(self, draw, data):
        return services.run_draw(draw, by=self.request.user)


class VerifyDrawView(generic.ObjectMixin, View):
    model = Draw

    def post(self, request, pk):
        draw = self.get_object()
        if services.verify_draw(draw):
            messages.success(request, _("Verified: re-running the draw with its seed and inputs gives the same "
                                        "result."))
        else:
            messages.error(request, _("The draw could not be reproduced from its seed and inputs."))
        return redirect(draw.get_absolute_url())


class PublishDrawView(ActionView):
    model = Draw
    done = gettext_lazy("The results are published.")

    def perform(self, draw, data):
        return services.publish_draw(draw, published_on=data.get("on"), by=self.request.user)


published_draws = Draw.objects.filter(status=DrawStatus.PUBLISHED).select_related("agency", "plan")


def draw_public_list(request):
    return render(request, "inspections/draw_public_list.html", {"draws": published_draws.order_by("-published_on",
                                                                                                   "-id")[:200]})


def draw_public(request, pk):
    draw = get_object_or_404(published_draws, pk=pk)
    inspections = draw.inspections.select_related("subject").prefetch_related(
        Prefetch("inspectors")).order_by("subject__name", "id")
    return render(request, "inspections/draw_public.html", {"object": draw, "inspections": inspections,
                                                            "rule": RANDOM_RULE, "result_colors": RESULT_COLORS})


# --- conflicts of interest (回避) ---------------------------------------------------------------------------------

class ConflictListView(generic.ObjectListView):
    model = ConflictOfInterest
    queryset = ConflictOfInterest.objects.order_by("officer_id", "subject_id")
    table = conflict_table


class ConflictDetailView(generic.ObjectDetailView):
    model = ConflictOfInterest
    queryset = ConflictOfInterest.objects.select_related("officer", "subject")


class ConflictEditView(generic.ObjectEditView):
    model = ConflictOfInterest
    form_class = ConflictForm


class ConflictDeleteView(generic.ObjectDeleteView):
    model = ConflictOfInterest


# --- joint inspections ---------------------------------------------------------------------------------------------

class JointInspectionListView(generic.ObjectListView):
    model = JointInspection
    queryset = JointInspection.objects.order_by("-scheduled_for", "-id")
    table = joint_table
    filterset_class = JointInspectionFilterSet
    extra_actions = (("inspections:jointinspection_candidates", gettext_lazy("Find joint inspections")),)


class JointInspectionDetailView(generic.ObjectDetailView):
    model = JointInspection
    queryset = JointInspection.objects.select_related("subject", "lead_agency")

    def extra_context(self, obj):
        return {"joint_colors": JOINT_COLORS, "status_colors": STATUS_COLORS,
                "members": obj.inspections.select_related("agency").prefetch_related("inspectors"),
                "checklist": services.combined_checklist(obj)}


class JointCandidatesView(generic.ObjectMixin, View):
    """综合查一次: subjects that several agencies plan to inspect within the window; merge them into one visit."""

    model = Inspection
    action = VIEW

    def window(self, request):
        today = timezone.localdate()
        try:
            start = datetime.date.fromisoformat(request.GET.get("start", "")) if request.GET.get("start") else today
            end = datetime.date.fromisoformat(request.GET.get("end", "")) if request.GET.get("end") else \
                today + datetime.timedelta(days=30)
        except ValueError:
            start, end = today, today + datetime.timedelta(days=30)
        return start, end

    def get(self, request):
        start, end = self.window(request)
        candidates = services.joint_candidates(self.get_queryset(CHANGE), start, end)
        return render(request, "inspections/joint_candidates.html", {
            "candidates": candidates, "start": start, "end": end, "model": Inspection,
            "verbose_name_plural": JointInspection._meta.verbose_name_plural,
            "list_url": reverse("inspections:jointinspection_list"),
            "total_saved": sum(c.visits_saved for c in candidates)})

    def post(self, request):
        visible = self.get_queryset(CHANGE)
        form = MergeForm(request.POST, candidates=visible,
                         agencies=Agency.objects.filter(pk__in=visible.values("agency_id")))
        if form.is_valid():
            try:
                joint = services.merge_joint(form.cleaned_data["inspections"],
                                             lead_agency=form.cleaned_data["lead_agency"],
                                             date=form.cleaned_data["date"], by=request.user)
            except ValidationError as error:
                messages.error(request, describe(error))
            else:
                messages.success(request, _("Merged: %(n)s visits saved.") % {"n": joint.visits_saved})
                return redirect(joint.get_absolute_url())
        else:
            messages.error(request, _("Nothing was changed: %(errors)s") % {
                "errors": " ".join(m for e in form.errors.values() for m in e)})
        return redirect(reverse("inspections:jointinspection_candidates"))


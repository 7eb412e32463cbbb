from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from zongzhi.utilities import views as generic
from zongzhi.utilities.scope import ADD, CHANGE, VIEW, can, in_scope

from . import services
from .choices import NONSITE_EVENT_COLORS, NONSITE_KIND_COLORS, NONSITE_STATUS_COLORS, NonSiteKind, NonSiteStatus
from .filtersets import CampaignFilterSet, NonSiteTaskFilterSet, PatrolFilterSet
from .forms import CampaignForm, FindingForm, NonSiteTaskForm, OpenClueForm, PatrolForm, ReviewForm, SubmitForm
from .models import Campaign, NonSiteAttachment, NonSiteTask, Patrol, PatrolFinding
from .tables import campaign_table, nonsite_table, patrol_table

LINK_SESSION_KEY = "patrols_nonsite_link_%s"
# The figures drawn on the campaign's chart (the table shows them all).
CHARTED = ("patrols", "findings", "clues", "clues_education", "clues_filed", "cases", "cases_penalty",
           "cases_education_pledge")


def errors_into(form, error):
    """Put a service's ValidationError on the form, keyed by field where the form has it."""
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def remember_link(request, task, token):
    """The link is shown once, on the next page the officer sees (only its hash is stored)."""
    request.session[LINK_SESSION_KEY % task.pk] = request.build_absolute_uri(
        reverse("patrols:nonsite_public", args=[token]))


# --- non-site tasks -------------------------------------------------------------------------------------------


class NonSiteTaskListView(generic.ObjectListView):
    model = NonSiteTask
    table = nonsite_table
    filterset_class = NonSiteTaskFilterSet
    template_name = "patrols/nonsitetask_list.html"

    def extra_context(self, request):
        queryset, _filterset = self.filtered(request)
        counts = services.nonsite_counts(queryset)
        return {"counts": [(label, counts[value]) for value, label in NonSiteKind.choices],
                "total": counts["total"], "status_colors": NONSITE_STATUS_COLORS}


class NonSiteTaskDetailView(generic.ObjectDetailView):
    model = NonSiteTask
    queryset = NonSiteTask.objects.select_related("agency", "subject__region", "matter", "category", "campaign",
                                                  "reviewed_by", "clue")

    def extra_context(self, obj, review_form=None):
        may_review = obj.status == NonSiteStatus.SUBMITTED and in_scope(self.request.user, obj, CHANGE)
        return {
            "link": self.request.session.pop(LINK_SESSION_KEY % obj.pk, None),
            "attachments": obj.attachments.all(),
            "events": obj.events.select_related("actor"),
            "event_colors": NONSITE_EVENT_COLORS, "status_colors": NONSITE_STATUS_COLORS,
            "kind_colors": NONSITE_KIND_COLORS,
            "review_form": review_form if review_form is not None else (ReviewForm() if may_review else None),
        }


class NonSiteTaskSendView(generic.ObjectEditView):
    """Sending a task: the form, then the service that makes the link (shown once on the task's page)."""

    model = NonSiteTask
    form_class = NonSiteTaskForm

    def get_instance(self):
        if not can(self.request.user, self.model, ADD):
            raise Http404
        return self.model()

    def save(self, form):
        task, token = services.send_task(form.instance, by=self.request.user)
        remember_link(self.request, task, token)
        return task

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError as error:  # a precondition of the service
            form = self.get_form(self.get_instance(), request.POST)
            form.is_valid()
            errors_into(form, error)
            return self.render_form(form, status=400)


class NonSiteReviewView(NonSiteTaskDetailView):
    action = CHANGE

    def get(self, request, *args, **kwargs):
        return redirect(self.get_object(VIEW).get_absolute_url())

    def post(self, request, *args, **kwargs):
        task = self.get_object()
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                task, token = services.review_task(task, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                errors_into(form, error)
            else:
                if token:
                    remember_link(request, task, token)
                messages.success(request, _("Reviewed: %(status)s") % {"status": task.get_status_display()})
                return redirect(task.get_absolute_url())
        messages.error(request, _("Please correct the errors below; nothing was saved."))
        return render(request, self.get_template_names(), self.common_context(
            object=task, tab="detail", **self.extra_context(task, review_form=form)), status=400)


class NonSiteAttachmentView(generic.ObjectMixin, View):
    """An uploaded photo or file, to users who may see its task."""

    model = NonSiteAttachment
    queryset = NonSiteAttachment.objects.select_related("task")

    def get(self, request, pk):
        attachment = self.get_object()
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, content_type=attachment.content_type)
        inline = attachment.content_type.startswith("image/") or attachment.content_type == "application/pdf"
        response["Content-Disposition"] = content_disposition_header(not inline, attachment.original_name)
        response["X-Content-Type-Options"] = "nosniff"
        return response


@never_cache
@csrf_protect
def nonsite_public(request, token):
    """The subject's page (no login): its own task only, through the token of the link."""
    try:
        task = services.task_for_token(token)
    except services.LinkRefused as refused:
        return render(request, "patrols/nonsite_refused.html", {"message": refused.message}, status=refused.status)
    form = SubmitForm()
    if request.method == "POST":
        form = SubmitForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.submit_task(task, **form.cleaned_data)
            except ValidationError as error:
                errors_into(form, error)
            else:
                return render(request, "patrols/nonsite_done.html", {"task": task})
        return render(request, "patrols/nonsite_public.html", {"task": task, "form": form, **_asked(task)},
                      status=400)
    return render(request, "patrols/nonsite_public.html", {"task": task, "form": form, **_asked(task)})


def _asked(task):
    """What the officer said when asking again (shown to the subject)."""
    last = task.events.filter(kind="asked_again").order_by("-at", "-id").first() if task.round > 1 else None
    return {"asked_again": last.note if last else ""}


# --- patrols ------------------------------------------------------------------------------------------------


class PatrolListView(generic.ObjectListView):
    model = Patrol
    queryset = Patrol.objects.annotate(finding_count=Count("findings")).order_by("-started_at", "-id")
    table = patrol_table
    filterset_class = PatrolFilterSet


class PatrolDetailView(generic.ObjectDetailView):
    model = Patrol
    queryset = Patrol.objects.select_related("agency__region", "area", "campaign").prefetch_related("officers")

    def extra_context(self, obj, finding_form=None):
        may_change = in_scope(self.request.user, obj, CHANGE)
        return {
            "findings": obj.findings.select_related("subject", "matter", "category", "clue"),
            "finding_form": finding_form if finding_form is not None else (
                FindingForm(user=self.request.user, patrol=obj) if may_change else None),
            "may_open_clue": may_change and can(self.request.user, _clue_model(), ADD),
            "open_clue_form": OpenClueForm(),
        }


def _clue_model():
    from zongzhi.cases.models import Clue

    return Clue


class PatrolEditView(generic.ObjectEditView):
    model = Patrol
    form_class = PatrolForm

    def save(self, form):
        patrol = form.save(commit=False)
        return services.save_patrol(patrol, officers=form.cleaned_data.get("officers"), by=self.request.user)


class PatrolDeleteView(generic.ObjectDeleteView):
    model = Patrol


class FindingAddView(PatrolDetailView):
    action = CHANGE

    def get(self, request, *args, **kwargs):
        return redirect(self.get_object(VIEW).get_absolute_url())

    def post(self, request, *args, **kwargs):
        patrol = self.get_object()
        form = FindingForm(request.POST, request.FILES, user=request.user, patrol=patrol)
        if form.is_valid():
            try:
                finding = services.add_finding(form.instance, photo=form.cleaned_data.get("photo_upload"),
                                               by=request.user)
            except ValidationError as error:
                errors_into(form, error)
            else:
                messages.success(request, _("Finding recorded."))
                return redirect(finding.get_absolute_url())
        messages.error(request, _("Please correct the errors below; nothing was saved."))
        return render(request, self.get_template_names(), self.common_context(
            object=patrol, tab="detail", **self.extra_context(patrol, finding_form=form)), status=400)


class FindingOpenClueView(generic.ObjectMixin, View):
    model = PatrolFinding
    queryset = PatrolFinding.objects.select_related("patrol__agency__region", "patrol__area__region", "subject__region",
                                                    "matter", "category")
    action = CHANGE

    def post(self, request, pk):
        finding = self.get_object()
        if not can(request.user, _clue_model(), ADD):
            raise Http404
        form = OpenClueForm(request.POST)
        form.is_valid()
        try:
            clue = services.open_clue(finding, by=request.user, category=form.cleaned_data.get("category"))
        except ValidationError as error:
            messages.error(request, _("No clue was opened: %(errors)s") % {"errors": " ".join(error.messages)})
            return redirect(finding.get_absolute_url())
        messages.success(request, _("Clue %(number)s opened.") % {"number": clue.number})
        return redirect(clue.get_absolute_url())


class FindingPhotoView(generic.ObjectMixin, View):
    model = PatrolFinding

    def get(self, request, pk):
        finding = self.get_object()
        if not finding.photo:
            raise Http404
        try:
            handle = finding.photo.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle)
        response["X-Content-Type-Options"] = "nosniff"
        return response


# --- campaigns ----------------------------------------------------------------------------------------------


class CampaignListView(generic.ObjectListView):
    model = Campaign
    queryset = Campaign.objects.annotate(patrol_count=Count("patrols")).order_by("-starts_on", "-id")
    table = campaign_table
    filterset_class = CampaignFilterSet


class CampaignDetailView(generic.ObjectDetailView):
    model = Campaign
    queryset = Campaign.objects.select_related("agency", "region", "domain").prefetch_related("matters")

    def extra_context(self, obj):
        user = self.request.user
        comparison = services.campaign_comparison(obj, user)
        labels = services.figure_labels()
        (start, end), (last_start, last_end) = comparison["period"], comparison["last_period"]
        charted = [row for row in comparison["rows"] if row[0] in CHARTED]
        return {
            "comparison": comparison,
            "chart": {"labels": [str(labels.get(key, key)) for key, *_rest in charted],
                      "this": [now for _key, now, _before, _change in charted],
                      "last": [before for _key, _now, before, _change in charted],
                      "this_label": f"{start:%Y-%m-%d}—{end:%Y-%m-%d}",
                      "last_label": f"{last_start:%Y-%m-%d}—{last_end:%Y-%m-%d}"},
            "rows": [(labels.get(key, key), now, before, change) for key, now, before, change in comparison["rows"]],
            "patrols": obj.patrols.restrict(user).select_related("agency", "area").annotate(
                finding_count=Count("findings")).order_by("-started_at")[:50],
            "clues": services.campaign_clues(obj, user).select_related("agency").order_by("-received_at")[:50],
            "findings": PatrolFinding.objects.restrict(user).filter(patrol__campaign=obj).select_related(
                "patrol__agency", "clue", "subject").order_by("-found_at")[:50],
        }


class CampaignEditView(generic.ObjectEditView):
    model = Campaign
    form_class = CampaignForm


class CampaignDeleteView(generic.ObjectDeleteView):
    model = Campaign

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from zongzhi.utilities import views as generic
from zongzhi.utilities.scope import CHANGE

from . import services
from .choices import LEVEL_COLORS, STATUS_COLORS
from .excel import StandardImporter
from .filtersets import DiscretionStandardFilterSet
from .forms import BandFormSet, CalculatorForm, DiscretionStandardForm
from .models import DiscretionStandard
from .tables import standard_table


class DiscretionStandardListView(generic.ObjectListView):
    model = DiscretionStandard
    table = standard_table
    filterset_class = DiscretionStandardFilterSet
    import_url_name = "discretion:import"
    extra_actions = (("discretion:calculator", gettext_lazy("Discretion calculator")),
                     ("discretion:export", gettext_lazy("Export bands")))


class StandardExportView(DiscretionStandardListView):
    """The bands of the filtered standards, in the layout of the import template."""

    def get(self, request, *args, **kwargs):
        return StandardImporter(request.user).export_response(self.filtered(request)[0])


class DiscretionStandardDetailView(generic.ObjectDetailView):
    model = DiscretionStandard
    queryset = DiscretionStandard.objects.select_related(
        "matter", "matter__domain", "matter__penalty_article__version__law", "issuing_region").prefetch_related(
        "bands")

    def extra_context(self, obj):
        return {
            "bands": obj.ordered_bands(),
            "status_colors": STATUS_COLORS,
            "level_colors": LEVEL_COLORS,
            "versions": DiscretionStandard.objects.filter(matter=obj.matter, issuing_region=obj.issuing_region)
            .select_related("matter", "issuing_region").order_by("-effective_from"),
        }


class DiscretionStandardEditView(generic.ObjectEditView):
    """A draft benchmark with its bands, validated together: each band against the matter's legal range."""

    model = DiscretionStandard
    form_class = DiscretionStandardForm
    template_name = "discretion/discretionstandard_edit.html"

    def get(self, request, *args, **kwargs):
        instance = self.get_instance()
        form = self.form_class(instance=instance, user=request.user, initial=request.GET.dict())
        return self.render_form(form, BandFormSet(instance=instance, prefix="bands"))

    def post(self, request, *args, **kwargs):
        instance = self.get_instance()
        form = self.get_form(instance, request.POST)
        form_valid = form.is_valid()
        formset = BandFormSet(request.POST, instance=form.instance, prefix="bands")
        if form_valid and formset.is_valid():
            with transaction.atomic():
                obj = form.save()
                formset.instance = obj
                formset.save()
            messages.success(request, _("Saved: %(object)s") % {"object": obj})
            return redirect(obj.get_absolute_url())
        messages.error(request, _("Please correct the errors below; nothing was saved."))
        return self.render_form(form, formset, status=400)

    def render_form(self, form, formset=None, status=200):
        instance = form.instance
        return render(self.request, self.template_name, self.common_context(
            form=form, formset=formset, object=instance if instance.pk else None), status=status)


class DiscretionStandardDeleteView(generic.ObjectDeleteView):
    model = DiscretionStandard

    def get_object(self, action=None):
        obj = super().get_object(action)
        if not obj.is_draft:
            raise Http404
        return obj


class StandardActionView(generic.ObjectMixin, View):
    """File, publish or start a new version: each through its service function."""

    model = DiscretionStandard

    def post(self, request, pk, action):
        obj = self.get_object(CHANGE)
        try:
            if action == "file":
                obj = services.file_standard(obj, by=request.user)
                messages.success(request, _("Filed: %(object)s") % {"object": obj})
            elif action == "publish":
                obj = services.publish_standard(obj, by=request.user)
                messages.success(request, _("Published: %(object)s") % {"object": obj})
            else:
                obj = services.new_version(obj, version=request.POST.get("version", ""),
                                           effective_from=_date(request.POST.get("effective_from")), by=request.user)
                messages.success(request, _("New draft version: %(object)s") % {"object": obj})
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        return redirect(obj.get_absolute_url())


def _date(text):
    try:
        return datetime.date.fromisoformat((text or "").strip())
    except ValueError:
        raise ValidationError(_("Enter the date the new version takes effect.")) from None


class CalculatorView(LoginRequiredMixin, View):
    """Matter, level and facts → the band with its citations; a proposed penalty → its flags (HTMX)."""

    def get(self, request):
        bound = "level" in request.GET  # a link may preselect a matter without asking for a result yet
        form = CalculatorForm(request.GET if bound else None, initial={**self.initial(request), **request.GET.dict()})
        context = {"form": form}
        if bound and form.is_valid():
            data = form.cleaned_data
            args = (data["matter"], data["region"], data["date"], data["level"], form.facts())
            try:
                context["band"] = services.band_for(*args)
                if data["amount"] is not None or data["penalty_types"]:
                    context["check"] = services.check_amount(*args, data["amount"] or 0, data["penalty_types"])
            except services.NoApplicableStandard as error:
                context["missing"] = str(error)
            except ValidationError as error:
                for name, errors in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
        template = "discretion/_calculator_result.html" if request.headers.get("HX-Request") else \
            "discretion/calculator.html"
        return render(request, template, context)

    def initial(self, request):
        assignment = request.user.role_assignments.select_related("agency__region").first()
        return {"date": datetime.date.today(), "level": "ordinary",
                "region": assignment.agency.region.code if assignment else ""}


class StandardImportView(generic.ImportView):
    importer_class = StandardImporter
    model = DiscretionStandard

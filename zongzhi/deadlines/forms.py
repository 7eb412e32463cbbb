from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from zongzhi.regions.models import Region
from zongzhi.utilities.forms import DateInput, ScopedModelForm
from zongzhi.utilities.scope import ADD, CHANGE, grants_for

from .choices import Direction, TimeUnit
from .models import DeadlineRule, HolidayYear
from .services import parse_holiday_lines
from .workdays import validate_in_range


class DeadlineRuleForm(ScopedModelForm):
    """National rules are the system administrator's; a justice bureau writes local rules for its own region."""

    class Meta:
        model = DeadlineRule
        fields = ["code", "name", "count", "unit", "direction", "start_event", "citation", "note", "region"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        grants = grants_for(user, DeadlineRule, CHANGE if self.instance.pk else ADD)
        if not any(g.kind == "all" for g in grants):
            region = self.fields["region"]
            region.required = True
            q = Q(pk__in=[])
            for g in grants:
                q |= Q(path__startswith=g.path)
            region.queryset = Region.objects.filter(q)


class HolidayYearForm(forms.ModelForm):
    """A year's arrangement pasted as lines or uploaded as a CSV file (the format of data/calendar/); every bad
    line is reported and nothing is saved until all are right."""

    lines = forms.CharField(
        label=_("Days"), required=False, widget=forms.Textarea(attrs={"rows": 16, "placeholder": "2027-01-01,off,元旦"}),
        help_text=_("One day a line: date,kind,festival — kind is off (a day off, weekends inside the holiday "
                    "included) or makeup_workday (a Saturday or Sunday worked). Other days follow Monday–Friday."),
    )
    file = forms.FileField(label=_("or a CSV file"), required=False,
                           help_text=_("UTF-8, columns date,kind,festival,source, as in data/calendar/."))

    class Meta:
        model = HolidayYear
        fields = ["year", "source", "published"]
        widgets = {"published": DateInput()}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.days = []
        if self.instance.pk and not self.is_bound:
            self.initial["lines"] = "\n".join(
                f"{d.date.isoformat()},{d.kind},{d.festival}" for d in self.instance.days.all())

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), data.get("lines", "")
        field = "file" if upload else "lines"
        if upload:
            if text.strip():
                self.add_error("file", _("Paste the days or upload a file, not both."))
                return data
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                self.add_error("file", _("The file is not UTF-8 text."))
                return data
        if data.get("year") is None:
            return data
        self.days, errors = parse_holiday_lines(text, data["year"])
        if errors:
            self.add_error(field, errors)
        return data


class CalculatorForm(forms.Form):
    rule = forms.ChoiceField(label=_("Deadline rule"), required=False)
    count = forms.IntegerField(label=_("Count"), required=False, min_value=0, max_value=1000,
                               help_text=_("Without a rule: how many units."))
    unit = forms.ChoiceField(label=_("Unit"), required=False, choices=[("", "—"), *TimeUnit.choices])
    direction = forms.ChoiceField(label=_("Direction"), required=False, choices=Direction.choices)
    start = forms.DateField(label=_("Start date"), widget=DateInput(), validators=[validate_in_range],
                            help_text=_("The day of the start event (not counted)."))
    start_time = forms.TimeField(label=_("Start time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}),
                                 help_text=_("For periods in hours."))
    region = forms.ModelChoiceField(label=_("Jurisdiction"), required=False, queryset=Region.objects.none(),
                                    empty_label=_("National rules"),
                                    help_text=_("Where a local rule of the jurisdiction exists, it applies."))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        names = {}  # a code's name: the national rule's, else a local rule's
        for code, name in DeadlineRule.objects.order_by(F("region").asc(nulls_first=True)).values_list("code", "name"):
            names.setdefault(code, name)
        self.fields["rule"].choices = [("", _("— a count of my own —")),
                                       *sorted(names.items(), key=lambda item: item[1])]
        regions = Region.objects.filter(deadline_rules__isnull=False).distinct().order_by("path")
        self.fields["region"].queryset = regions
        if user is not None and "region" not in self.initial:  # the user's own jurisdiction, if it has local rules
            own = [a.agency.region.path for a in user.active_assignments()]
            nearest = [r for r in regions if any(path.startswith(r.path) for path in own)]
            if nearest:
                self.initial["region"] = nearest[-1].pk
        for f in self.fields.values():
            f.widget.attrs.setdefault("class", "form-select" if isinstance(f.widget, forms.Select) else "form-control")

    def clean(self):
        data = super().clean()
        if not data.get("rule"):
            if data.get("count") is None:
                self.add_error("count", _("Choose a rule or enter a count."))
            if not data.get("unit"):
                self.add_error("unit", _("Choose a rule or a unit."))
        return data

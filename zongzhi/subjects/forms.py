from django import forms
from django.utils.translation import gettext_lazy as _

from zongzhi.officers.models import Officer
from zongzhi.regions.choices import RegionLevel
from zongzhi.utilities.forms import ScopedModelForm
from zongzhi.utilities.scope import ADD

from . import geo, services
from .choices import CoordinateSystem
from .models import Area, ClassStrategy, Subject


class SubjectForm(ScopedModelForm):
    coordinate_system = forms.ChoiceField(
        label=_("coordinate system"), choices=CoordinateSystem.choices, initial=CoordinateSystem.WGS84,
        help_text=_("Coordinates read from Amap or Tencent maps are GCJ-02; they are converted to WGS84."))

    class Meta:
        model = Subject
        fields = ["kind", "name", "uscc", "region", "address", "latitude", "longitude", "coordinate_system", "area",
                  "category", "risk_class", "credit_class", "department", "contact_name", "contact_phone", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = services.townships_for(self.user, Subject, ADD)
        self.fields["area"].queryset = self.fields["area"].queryset.select_related("region")

    def clean_uscc(self):
        return self.cleaned_data["uscc"].strip().upper()

    def clean(self):
        cleaned = super().clean()
        lat, lng = cleaned.get("latitude"), cleaned.get("longitude")
        if lat is not None and lng is not None:
            cleaned["latitude"], cleaned["longitude"] = geo.to_wgs84(lat, lng, cleaned.get("coordinate_system"))
        return cleaned

    def save(self, commit=True):
        return services.create_or_update_subject(self.instance, by=self.user)


class BoundaryWidget(forms.Textarea):
    """The GeoJSON text, edited by the map above it (subjects/polygon_editor.js)."""

    def __init__(self):
        super().__init__(attrs={"rows": 3, "class": "form-control font-monospace small", "data-polygon-editor": ""})

    def format_value(self, value):
        return "" if value == "null" else super().format_value(value)


class AreaForm(ScopedModelForm):
    class Meta:
        model = Area
        fields = ["name", "region", "kind", "key_area", "team", "officers", "note", "boundary"]
        widgets = {"boundary": BoundaryWidget()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = services.townships_for(self.user, Area, ADD)
        self.fields["officers"].queryset = Officer.objects.restrict(self.user).select_related("agency").order_by(
            "agency__name", "name")

    def save(self, commit=True):
        services.save_area(self.instance, officers=self.cleaned_data["officers"], by=self.user)
        return self.instance


class ClassStrategyForm(ScopedModelForm):
    class Meta:
        model = ClassStrategy
        fields = ["region", "risk_class", "inspections_per_year", "mode", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = services.townships_for(
            self.user, ClassStrategy, ADD, levels=(RegionLevel.COUNTY, RegionLevel.TOWNSHIP))

from django import forms
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zongzhi.regions.models import Region
from zongzhi.utilities.excel import ExcelImporter, ImportColumn, RowValueError
from zongzhi.utilities.forms import ScopedModelForm

from .choices import LawKind
from .models import Law


class LawForm(ScopedModelForm):
    """A law's metadata. The jurisdiction is given by its region code (4110 for 许昌市)."""

    region = forms.ModelChoiceField(Region.objects.all(), to_field_name="code", required=False)

    class Meta:
        model = Law
        fields = ["title", "short_title", "kind", "issuer", "region"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].label = _("Jurisdiction region code")
        if self.instance.region_id:
            self.initial["region"] = self.instance.region.code


def kind_value(text: str) -> str:
    """A kind from its code or its label in Chinese or English (法律, Law (法律), law)."""
    for value, label in LawKind.choices:
        names = {value}
        for language in ("zh-hans", "en"):
            with translation.override(language):
                names.add(str(label))
        if text in names:
            return value
    raise RowValueError("kind", _("Unknown kind “%(kind)s”: use one of %(kinds)s.")
                        % {"kind": text, "kinds": "、".join(str(label) for label in LawKind.labels)})


class LawImporter(ExcelImporter):
    """Law metadata in Excel: the same columns as the export of the law list, so an export can be edited and
    imported again. Texts and versions come from ``import_laws``, not from here."""

    form_class = LawForm
    key = "title"

    @property
    def title(self):
        return _("Law library")

    @property
    def columns(self):
        label = LawForm.base_fields
        return [
            ImportColumn("title", str(label["title"].label), True,
                         _("The full title without 《》, e.g. 中华人民共和国行政处罚法. A row whose title exists updates "
                           "that law; a new title adds a law."), "中华人民共和国行政处罚法"),
            ImportColumn("short_title", str(label["short_title"].label), False,
                         _("Optional, e.g. 行政处罚法. Citations may use it."), "行政处罚法"),
            ImportColumn("kind", str(label["kind"].label), True,
                         _("One of: %(kinds)s.") % {"kinds": "、".join(str(k) for k in LawKind.labels)},
                         str(LawKind.LAW.label)),
            ImportColumn("issuer", str(label["issuer"].label), False,
                         _("The enacting body, e.g. 全国人民代表大会常务委员会."), "全国人民代表大会"),
            ImportColumn("region", _("Jurisdiction region code"), False,
                         _("Only for local regulations: the statistical code of the region, e.g. 4110 for 许昌市. "
                           "Empty for national laws and regulations."), ""),
        ]

    def prepare(self, data):
        if data.get("kind"):
            data["kind"] = kind_value(data["kind"])
        return data


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False)
    law = forms.ModelChoiceField(Law.objects.none(), label=gettext_lazy("Law"), required=False,
                                 empty_label=gettext_lazy("All laws"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["law"].queryset = Law.objects.restrict(user)
        self.fields["q"].widget.attrs.update({"class": "form-control", "autofocus": True, "autocomplete": "off",
                                              "placeholder": _("e.g. 露天焚烧秸秆, 占道经营, 当场处罚")})
        self.fields["law"].widget.attrs["class"] = "form-select"

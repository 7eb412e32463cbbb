from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.forms import ScopedModelForm

from .models import Region
from .services import is_inside


class RegionForm(ScopedModelForm):
    """Administrators correct names and record who runs a region; codes come from the division file."""

    class Meta:
        model = Region
        fields = ["name", "administered_by"]

    def clean_administered_by(self):
        body = self.cleaned_data["administered_by"]
        if body is not None and is_inside(body, self.instance):
            raise ValidationError(_("A region cannot be administered by itself or by a region inside it."))
        return body

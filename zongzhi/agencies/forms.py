from zongzhi.utilities.forms import ScopedModelForm

from .models import Agency


class AgencyForm(ScopedModelForm):
    class Meta:
        model = Agency
        fields = ["name", "short_name", "kind", "region", "parent", "domains", "uscc", "is_enforcement_body",
                  "acts_in_name_of", "address", "phone", "liaison_name", "liaison_phone", "active"]

from django.utils.translation import gettext_lazy as _

from zongzhi.utilities import views as generic

from .filtersets import AgencyFilterSet
from .forms import AgencyForm
from .models import Agency
from .tables import agency_table, liaison_table


class AgencyListView(generic.ObjectListView):
    model = Agency
    table = agency_table
    filterset_class = AgencyFilterSet
    extra_actions = (("agencies:liaison_directory", _("Liaison directory")),)


class LiaisonDirectoryView(generic.ObjectListView):
    """The liaison directory of seed 004: who to call in each body."""

    model = Agency
    table = liaison_table
    filterset_class = AgencyFilterSet
    export_filename = _("Liaison directory")

    def get_queryset(self, action=None):
        return super().get_queryset(action).filter(active=True)

    def has_add_view(self):
        return False


class AgencyDetailView(generic.ObjectDetailView):
    model = Agency
    queryset = Agency.objects.select_related("region", "parent", "acts_in_name_of").prefetch_related("domains")

    def extra_context(self, obj):
        user = self.request.user
        return {
            "children": Agency.objects.restrict(user).filter(parent=obj).select_related("region"),
            "agents": Agency.objects.restrict(user).filter(acts_in_name_of=obj),
        }


class AgencyEditView(generic.ObjectEditView):
    model = Agency
    form_class = AgencyForm


class AgencyDeleteView(generic.ObjectDeleteView):
    model = Agency

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from zongzhi.utilities import views as generic

from .filtersets import RegionFilterSet
from .forms import RegionForm
from .models import Region
from .services import set_administered_by
from .tables import region_table


class RegionListView(generic.ObjectListView):
    model = Region
    table = region_table
    filterset_class = RegionFilterSet
    extra_actions = (("regions:region_tree", _("Division tree")),)


class RegionTreeView(generic.ObjectMixin, generic.View):
    """The division tree, one level at a time (HTMX loads the children of a node when it is opened)."""

    model = Region

    def get(self, request):
        parent_code = request.GET.get("parent")
        qs = self.get_queryset().select_related("administered_by").order_by("code")
        if parent_code:
            parent = Region.objects.filter(code=parent_code).first()
            nodes = qs.filter(path__regex=rf"^{parent.path}[0-9]+/$") if parent else qs.none()
            return render(request, "regions/_tree_nodes.html", {"nodes": nodes})
        roots = qs.filter(path__regex=r"^/[0-9]+/$")
        return render(request, "regions/region_tree.html", self.common_context(nodes=roots))


class RegionDetailView(generic.ObjectDetailView):
    model = Region
    queryset = Region.objects.select_related("parent", "administered_by")

    def extra_context(self, obj):
        user = self.request.user
        from zongzhi.agencies.models import Agency

        return {
            "children": Region.objects.filter(path__regex=rf"^{obj.path}[0-9]+/$").select_related("parent"),
            "ancestors": obj.ancestors(),
            "agencies": Agency.objects.restrict(user).filter(region=obj),
        }


class RegionEditView(generic.ObjectEditView):
    model = Region
    form_class = RegionForm

    def save(self, form):
        region = form.save(commit=False)
        body = region.administered_by
        region.administered_by = Region.objects.get(pk=region.pk).administered_by
        region.save()
        return set_administered_by(region, body)

from django.urls import path

from zongzhi.utilities.views import model_urls

from . import views
from .models import Region

app_name = "regions"
urlpatterns = [
    path("tree/", views.RegionTreeView.as_view(), name="region_tree"),
    *model_urls(Region, list_view=views.RegionListView, detail=views.RegionDetailView, edit=views.RegionEditView,
                add=False),
]

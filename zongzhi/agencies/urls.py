from django.urls import path

from zongzhi.utilities.views import model_urls

from . import views
from .models import Agency

app_name = "agencies"
urlpatterns = [
    path("liaison/", views.LiaisonDirectoryView.as_view(), name="liaison_directory"),
    *model_urls(Agency, list_view=views.AgencyListView, detail=views.AgencyDetailView, edit=views.AgencyEditView,
                delete=views.AgencyDeleteView),
]

from django.urls import path

from zongzhi.utilities.views import model_urls

from . import views
from .models import Area, ClassStrategy, Subject

app_name = "subjects"
urlpatterns = [
    path("map/", views.MapView.as_view(), name="map"),
    path("import/", views.SubjectImportView.as_view(), name="subject_import"),
    *model_urls(Subject, "", list_view=views.SubjectListView, detail=views.SubjectDetailView,
                edit=views.SubjectEditView, delete=views.SubjectDeleteView),
    path("areas/<int:pk>/table/", views.AreaLedgerView.as_view(), name="area_ledger"),
    *model_urls(Area, "areas/", list_view=views.AreaListView, detail=views.AreaDetailView, edit=views.AreaEditView,
                delete=views.AreaDeleteView),
    *model_urls(ClassStrategy, "strategies/", list_view=views.ClassStrategyListView,
                detail=views.ClassStrategyDetailView, edit=views.ClassStrategyEditView,
                delete=views.ClassStrategyDeleteView),
]

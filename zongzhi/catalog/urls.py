from django.urls import path

from zongzhi.utilities.views import model_urls

from . import views
from .models import Acceptance, CatalogItem, CountySelection, DelegationCatalog, Evaluation, Matter, TransitionSetting

app_name = "catalog"
urlpatterns = [
    path("matters/import/", views.MatterImportView.as_view(), name="matter_import"),
    *model_urls(Matter, "matters/", list_view=views.MatterListView, detail=views.MatterDetailView,
                edit=views.MatterEditView, delete=views.MatterDeleteView),
    path("catalogs/<int:pk>/publish/", views.CatalogPublishView.as_view(), name="delegationcatalog_publish"),
    path("catalogs/<int:pk>/diff/", views.CatalogDiffView.as_view(), name="delegationcatalog_diff"),
    path("catalogs/<int:pk>/import/", views.ItemImportView.as_view(), name="catalogitem_import"),
    *model_urls(DelegationCatalog, "catalogs/", list_view=views.CatalogListView, detail=views.CatalogDetailView,
                edit=views.CatalogEditView, delete=views.CatalogDeleteView),
    *model_urls(CatalogItem, "items/", list_view=views.CatalogItemListView, edit=views.CatalogItemEditView,
                delete=views.CatalogItemDeleteView),
    *model_urls(CountySelection, "selections/", list_view=views.SelectionListView, edit=views.SelectionEditView),
    *model_urls(TransitionSetting, "transition/", list_view=views.TransitionListView, edit=views.TransitionEditView),
    path("acceptances/import/", views.AcceptanceImportView.as_view(), name="acceptance_import"),
    path("acceptances/<int:pk>/withdraw/", views.AcceptanceWithdrawView.as_view(), name="acceptance_withdraw"),
    *model_urls(Acceptance, "acceptances/", list_view=views.AcceptanceListView, detail=views.AcceptanceDetailView,
                edit=views.AcceptanceEditView, delete=views.AcceptanceDeleteView),
    path("evaluations/report/", views.EvaluationReportView.as_view(), name="evaluation_report"),
    *model_urls(Evaluation, "evaluations/", list_view=views.EvaluationListView, detail=views.EvaluationDetailView,
                edit=views.EvaluationEditView, delete=views.EvaluationDeleteView),
    path("boundaries/", views.BoundariesView.as_view(), name="boundaries"),
    path("may-exercise/", views.MayExerciseView.as_view(), name="may_exercise"),
    path("imports/<int:pk>/", views.ImportJobView.as_view(), name="importjob"),
]

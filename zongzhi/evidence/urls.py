from django.urls import path

from zongzhi.utilities.views import model_urls

from . import views
from .models import Evidence, Preservation, SeizedItem, Seizure

app_name = "evidence"
urlpatterns = [
    path("files/<int:pk>/download/", views.FileDownloadView.as_view(), name="evidencefile_download"),
    path("case/<int:case_pk>/section/", views.CaseSectionView.as_view(), name="case_section"),
    path("case/<int:case_pk>/add/", views.AddEvidenceView.as_view(), name="evidence_add"),
    path("case/<int:case_pk>/preservations/add/", views.AddPreservationView.as_view(), name="preservation_add"),
    path("case/<int:case_pk>/seizures/add/", views.AddSeizureView.as_view(), name="seizure_add"),
    path("<int:pk>/files/", views.AddFilesView.as_view(), name="evidence_files"),
    path("<int:pk>/remove/", views.DeleteEvidenceView.as_view(), name="evidence_remove"),
    path("preservations/<int:pk>/approve/", views.ApprovePreservationView.as_view(), name="preservation_approve"),
    path("preservations/<int:pk>/decide/", views.DecidePreservationView.as_view(), name="preservation_decide"),
    path("seizures/<int:pk>/approve/", views.ApproveSeizureView.as_view(), name="seizure_approve"),
    path("seizures/<int:pk>/extend/", views.ExtendSeizureView.as_view(), name="seizure_extend"),
    path("seizures/<int:pk>/testing/", views.TestingPeriodView.as_view(), name="seizure_testing"),
    path("items/<int:pk>/status/", views.ItemStatusView.as_view(), name="seizeditem_status"),
    path("items/<int:pk>/custody/", views.MoveItemView.as_view(), name="seizeditem_move"),
    *model_urls(Preservation, "preservations/", list_view=views.PreservationListView,
                detail=views.PreservationDetailView),
    *model_urls(Seizure, "seizures/", list_view=views.SeizureListView, detail=views.SeizureDetailView),
    *model_urls(SeizedItem, "items/", list_view=views.SeizedItemListView, detail=views.SeizedItemDetailView),
    *model_urls(Evidence, "", list_view=views.EvidenceListView, detail=views.EvidenceDetailView),
]

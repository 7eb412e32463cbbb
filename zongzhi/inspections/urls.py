from django.urls import path

from zongzhi.utilities.views import model_urls

from . import views
from .models import ConflictOfInterest, Draw, Inspection, InspectionItem, InspectionPlan, JointInspection

app_name = "inspections"
urlpatterns = [
    path("add/", views.InspectionRegisterView.as_view(), name="inspection_add"),
    path("<int:pk>/start/", views.StartView.as_view(), name="inspection_start"),
    path("<int:pk>/cancel/", views.CancelView.as_view(), name="inspection_cancel"),
    path("<int:pk>/checklist/", views.ChecklistView.as_view(), name="inspection_checklist"),
    path("<int:pk>/findings/", views.FindingView.as_view(), name="inspection_finding"),
    path("<int:pk>/finish/", views.FinishView.as_view(), name="inspection_finish"),
    path("<int:pk>/photos/", views.PhotoView.as_view(), name="inspection_photo"),
    path("<int:pk>/notice/", views.NoticeView.as_view(), name="inspection_notice"),
    path("<int:pk>/record.docx", views.RecordView.as_view(), {"fmt": "docx"}, name="record_docx"),
    path("<int:pk>/record.pdf", views.RecordView.as_view(), {"fmt": "pdf"}, name="record_pdf"),
    path("photos/<int:pk>/", views.PhotoFileView.as_view(), name="photo_file"),
    path("findings/<int:pk>/correction/", views.CorrectionView.as_view(), name="finding_correction"),
    path("findings/<int:pk>/clue/", views.OpenClueView.as_view(), name="finding_clue"),
    # Public (no login): the inspection code and the published results of random draws.
    path("code/<str:code>/", views.public_code, name="code"),
    path("draws/public/", views.draw_public_list, name="draw_public_list"),
    path("draws/public/<int:pk>/", views.draw_public, name="draw_public"),
    path("items/<int:pk>/publish/", views.PublishItemView.as_view(), name="inspectionitem_publish"),
    path("plans/<int:pk>/approve/", views.ApprovePlanView.as_view(), name="inspectionplan_approve"),
    path("plans/<int:pk>/publish/", views.PublishPlanView.as_view(), name="inspectionplan_publish"),
    path("draws/<int:pk>/run/", views.RunDrawView.as_view(), name="draw_run"),
    path("draws/<int:pk>/verify/", views.VerifyDrawView.as_view(), name="draw_verify"),
    path("draws/<int:pk>/publish/", views.PublishDrawView.as_view(), name="draw_publish"),
    path("joint/candidates/", views.JointCandidatesView.as_view(), name="jointinspection_candidates"),
    *model_urls(Inspection, "", list_view=views.InspectionListView, detail=views.InspectionDetailView),
    *model_urls(InspectionItem, "items/", list_view=views.InspectionItemListView,
                detail=views.InspectionItemDetailView, edit=views.InspectionItemEditView,
                delete=views.InspectionItemDeleteView),
    *model_urls(InspectionPlan, "plans/", list_view=views.InspectionPlanListView,
                detail=views.InspectionPlanDetailView, edit=views.InspectionPlanEditView,
                delete=views.InspectionPlanDeleteView),
    *model_urls(Draw, "draws/", list_view=views.DrawListView, detail=views.DrawDetailView, edit=views.DrawEditView,
                delete=views.DrawDeleteView),
    *model_urls(ConflictOfInterest, "conflicts/", list_view=views.ConflictListView, detail=views.ConflictDetailView,
                edit=views.ConflictEditView, delete=views.ConflictDeleteView),
    *model_urls(JointInspection, "joint/", list_view=views.JointInspectionListView,
                detail=views.JointInspectionDetailView),
]

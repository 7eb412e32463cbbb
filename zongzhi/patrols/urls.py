from django.urls import path

from zongzhi.utilities.views import model_urls

from . import views
from .models import Campaign, NonSiteTask, Patrol

app_name = "patrols"
urlpatterns = [
    # Public (no login): the subject's page of a non-site task, opened by the token of its link.
    path("nonsite/<str:token>/", views.nonsite_public, name="nonsite_public"),
    path("tasks/add/", views.NonSiteTaskSendView.as_view(), name="nonsitetask_add"),
    path("tasks/<int:pk>/review/", views.NonSiteReviewView.as_view(), name="nonsitetask_review"),
    path("tasks/files/<int:pk>/", views.NonSiteAttachmentView.as_view(), name="nonsiteattachment_download"),
    *model_urls(NonSiteTask, "tasks/", list_view=views.NonSiteTaskListView, detail=views.NonSiteTaskDetailView),
    path("<int:pk>/findings/add/", views.FindingAddView.as_view(), name="finding_add"),
    path("findings/<int:pk>/open-clue/", views.FindingOpenClueView.as_view(), name="finding_open_clue"),
    path("findings/<int:pk>/photo/", views.FindingPhotoView.as_view(), name="finding_photo"),
    *model_urls(Campaign, "campaigns/", list_view=views.CampaignListView, detail=views.CampaignDetailView,
                edit=views.CampaignEditView, delete=views.CampaignDeleteView),
    *model_urls(Patrol, "", list_view=views.PatrolListView, detail=views.PatrolDetailView,
                edit=views.PatrolEditView, delete=views.PatrolDeleteView),
]

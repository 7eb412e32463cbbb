from django.urls import path

from zongzhi.utilities.views import model_urls

from . import views
from .models import CollectiveDiscussion, LegalReview, Transfer

app_name = "reviews"
urlpatterns = [
    path("legal-reviews/<int:pk>/opinion/", views.LegalReviewOpinionView.as_view(), name="legalreview_opinion"),
    path("cases/<int:case_pk>/discussion/", views.DiscussionRecordView.as_view(), name="discussion_record"),
    path("cases/<int:case_pk>/transfer/", views.TransferCreateView.as_view(), name="transfer_add"),
    path("cases/<int:case_pk>/criminal-transfer/", views.CriminalReportView.as_view(), name="criminal_report"),
    path("transfers/<int:pk>/decide/", views.TransferDecideView.as_view(), name="transfer_decide"),
    path("transfers/<int:pk>/send/", views.TransferSendView.as_view(), name="transfer_send"),
    path("transfers/<int:pk>/answer/", views.TransferAnswerView.as_view(), name="transfer_answer"),
    *model_urls(LegalReview, "legal-reviews/", list_view=views.LegalReviewListView,
                detail=views.LegalReviewDetailView),
    *model_urls(CollectiveDiscussion, "discussions/", list_view=views.CollectiveDiscussionListView,
                detail=views.CollectiveDiscussionDetailView),
    *model_urls(Transfer, "transfers/", list_view=views.TransferListView, detail=views.TransferDetailView),
]

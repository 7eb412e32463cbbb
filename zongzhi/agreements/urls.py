from django.urls import path

from zongzhi.utilities.views import model_urls

from . import views
from .models import DelegationAgreement

app_name = "agreements"
urlpatterns = [
    path("<int:pk>/sign/", views.SignView.as_view(), name="sign"),
    path("<int:pk>/publish/", views.PublishView.as_view(), name="publish"),
    path("<int:pk>/terminate/", views.TerminateView.as_view(), name="terminate"),
    path("<int:pk>/document.docx", views.DocumentView.as_view(), {"fmt": "docx"}, name="document_docx"),
    path("<int:pk>/document.pdf", views.DocumentView.as_view(), {"fmt": "pdf"}, name="document_pdf"),
    # Public (no login): 事前公开.
    path("public/", views.public_list, name="public_list"),
    path("public/<int:pk>/", views.public_detail, name="public_detail"),
    path("public/<int:pk>/document.pdf", views.public_pdf, name="public_pdf"),
    *model_urls(DelegationAgreement, list_view=views.DelegationAgreementListView,
                detail=views.DelegationAgreementDetailView, edit=views.DelegationAgreementEditView,
                delete=views.DelegationAgreementDeleteView),
]

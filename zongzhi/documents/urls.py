from django.urls import path

from zongzhi.utilities.views import model_urls

from . import views
from .models import DocumentTemplate, GeneratedDocument, Publication

app_name = "documents"
urlpatterns = [
    # Public (no login): verification of a document, published penalty decisions.
    path("verify/", views.verify, name="verify"),
    path("public/", views.public_list, name="public_list"),
    path("public/<int:pk>/", views.public_detail, name="public_detail"),
    # A case's documents, its case file and its publication.
    path("case/<int:case_pk>/", views.CaseDocumentsView.as_view(), name="case_documents"),
    path("case/<int:case_pk>/case-file.pdf", views.CaseFileView.as_view(), name="case_file"),
    path("case/<int:case_pk>/publish/", views.CasePublishView.as_view(), name="case_publish"),
    *model_urls(DocumentTemplate, "templates/", list_view=views.DocumentTemplateListView, detail=views.DocumentTemplateDetailView,
                edit=views.DocumentTemplateEditView, delete=views.DocumentTemplateDeleteView),
    path("publications/<int:pk>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    *model_urls(Publication, "publications/", list_view=views.PublicationListView,
                detail=views.PublicationDetailView),
    path("<int:pk>/document.pdf", views.DocumentFileView.as_view(), {"fmt": "pdf"}, name="document_pdf"),
    path("<int:pk>/document.docx", views.DocumentFileView.as_view(), {"fmt": "docx"}, name="document_docx"),
    path("<int:pk>/void/", views.VoidView.as_view(), name="void"),
    *model_urls(GeneratedDocument, list_view=views.GeneratedDocumentListView, detail=views.GeneratedDocumentDetailView),
]

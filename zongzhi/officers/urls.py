from django.urls import path

from zongzhi.utilities.views import model_urls

from . import views
from .models import Certificate, Officer

app_name = "officers"
urlpatterns = [
    path("officers/import/", views.OfficerImportView.as_view(), name="officer_import"),
    *model_urls(Officer, "officers/", list_view=views.OfficerListView, detail=views.OfficerDetailView,
                edit=views.OfficerEditView, delete=views.OfficerDeleteView),
    path("certificates/import/", views.CertificateImportView.as_view(), name="certificate_import"),
    path("certificates/cleanup/", views.CertificateCleanupView.as_view(), name="certificate_cleanup"),
    path("certificates/<int:pk>/revoke/", views.CertificateRevokeView.as_view(), name="certificate_revoke"),
    path("certificates/<int:pk>/reissue/", views.CertificateReissueView.as_view(), name="certificate_reissue"),
    *model_urls(Certificate, "certificates/", list_view=views.CertificateListView,
                detail=views.CertificateDetailView, edit=views.CertificateEditView),
]

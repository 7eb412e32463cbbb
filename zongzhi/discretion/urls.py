from django.urls import path, re_path

from zongzhi.utilities.views import model_urls

from . import views
from .models import DiscretionStandard

app_name = "discretion"
urlpatterns = [
    path("calculator/", views.CalculatorView.as_view(), name="calculator"),
    path("import/", views.StandardImportView.as_view(), name="import"),
    path("export/", views.StandardExportView.as_view(), name="export"),
    re_path(r"^(?P<pk>\d+)/(?P<action>file|publish|new-version)/$", views.StandardActionView.as_view(),
            name="standard_action"),
    *model_urls(DiscretionStandard, list_view=views.DiscretionStandardListView,
                detail=views.DiscretionStandardDetailView, edit=views.DiscretionStandardEditView,
                delete=views.DiscretionStandardDeleteView),
]

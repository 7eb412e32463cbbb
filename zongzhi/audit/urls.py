from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.ChangeLogListView.as_view(), name="changelogentry_list"),
    path("<int:pk>/", views.ChangeLogDetailView.as_view(), name="changelogentry"),
]

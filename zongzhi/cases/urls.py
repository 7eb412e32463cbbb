from django.urls import path

from zongzhi.utilities.views import model_urls

from . import views
from .models import Clue

app_name = "cases"
urlpatterns = [
    path("clues/add/", views.ClueRegisterView.as_view(), name="clue_add"),
    path("clues/<int:pk>/triage/", views.ClueTriageView.as_view(), name="clue_triage"),
    path("clues/<int:pk>/mark-duplicate/", views.ClueDuplicateView.as_view(), name="clue_mark_duplicate"),
    *model_urls(Clue, "clues/", list_view=views.ClueListView, detail=views.ClueDetailView),
]

from django.urls import path

from zongzhi.utilities.views import model_urls

from . import views
from .models import Case, Clue

app_name = "cases"
urlpatterns = [
    path("clues/add/", views.ClueRegisterView.as_view(), name="clue_add"),
    path("clues/<int:pk>/triage/", views.ClueTriageView.as_view(), name="clue_triage"),
    path("clues/<int:pk>/mark-duplicate/", views.ClueDuplicateView.as_view(), name="clue_mark_duplicate"),
    *model_urls(Clue, "clues/", list_view=views.ClueListView, detail=views.ClueDetailView),
    path("cases/add/", views.CaseFileView.as_view(), name="case_add"),
    path("cases/on-the-spot/", views.CaseOnTheSpotView.as_view(), name="case_on_the_spot"),
    path("cases/<int:pk>/step/<slug:code>/", views.CaseStepView.as_view(), name="case_step"),
    path("cases/<int:pk>/band/", views.CaseBandView.as_view(), name="case_band"),
    path("deadlines/", views.DeadlineListView.as_view(), name="deadlines"),
    *model_urls(Case, "cases/", list_view=views.CaseListView, detail=views.CaseDetailView),
]

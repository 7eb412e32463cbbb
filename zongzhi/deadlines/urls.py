from django.urls import path

from zongzhi.utilities.views import model_urls

from . import views
from .models import DeadlineRule, HolidayYear

app_name = "deadlines"
urlpatterns = [
    path("", views.CalculatorView.as_view(), name="calculator"),
    *model_urls(DeadlineRule, "rules/", list_view=views.DeadlineRuleListView, detail=views.DeadlineRuleDetailView,
                edit=views.DeadlineRuleEditView, delete=views.DeadlineRuleDeleteView),
    *model_urls(HolidayYear, "holidays/", list_view=views.HolidayYearListView, detail=views.HolidayYearDetailView,
                edit=views.HolidayYearEditView, delete=views.HolidayYearDeleteView),
]

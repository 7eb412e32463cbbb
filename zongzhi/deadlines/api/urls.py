from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import AddWorkingDaysView, ComputeView, DeadlineRuleViewSet, HolidayYearViewSet

router = SimpleRouter()
router.register("deadlines/rules", DeadlineRuleViewSet)
router.register("calendar/holiday-years", HolidayYearViewSet)
urlpatterns = [
    path("deadlines/compute/", ComputeView.as_view(), name="deadline-compute"),
    path("calendar/add-working-days/", AddWorkingDaysView.as_view(), name="calendar-add-working-days"),
    *router.urls,
]

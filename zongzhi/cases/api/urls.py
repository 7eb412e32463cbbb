from rest_framework.routers import SimpleRouter

from .views import CaseDeadlineViewSet, CaseViewSet, ClueViewSet

router = SimpleRouter()
router.register("clues", ClueViewSet)
router.register("cases", CaseViewSet)
router.register("case-deadlines", CaseDeadlineViewSet, basename="casedeadline")
urlpatterns = router.urls

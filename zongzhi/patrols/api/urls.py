from rest_framework.routers import SimpleRouter

from .views import CampaignViewSet, NonSiteTaskViewSet, PatrolFindingViewSet, PatrolViewSet

router = SimpleRouter()
router.register("nonsite-tasks", NonSiteTaskViewSet)
router.register("patrols", PatrolViewSet)
router.register("patrol-findings", PatrolFindingViewSet)
router.register("campaigns", CampaignViewSet)
urlpatterns = router.urls

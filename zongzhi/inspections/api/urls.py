from rest_framework.routers import SimpleRouter

from .views import DrawViewSet, InspectionItemViewSet, InspectionPlanViewSet, InspectionViewSet, JointInspectionViewSet

router = SimpleRouter()
router.register("inspection-items", InspectionItemViewSet)
router.register("inspection-plans", InspectionPlanViewSet)
router.register("inspections", InspectionViewSet)
router.register("draws", DrawViewSet)
router.register("joint-inspections", JointInspectionViewSet)
urlpatterns = router.urls

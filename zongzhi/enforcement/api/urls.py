from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("service-records", views.ServiceRecordViewSet)
router.register("payments", views.PaymentViewSet)
router.register("instalments", views.PaymentPlanViewSet)
router.register("demands", views.DemandViewSet)
router.register("court-applications", views.CourtApplicationViewSet)
router.register("reconsiderations", views.ReconsiderationViewSet)
router.register("litigations", views.LitigationViewSet)
urlpatterns = router.urls

from rest_framework.routers import SimpleRouter

from .views import DelegationAgreementViewSet

router = SimpleRouter()
router.register("agreements", DelegationAgreementViewSet)
urlpatterns = router.urls

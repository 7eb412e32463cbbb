from rest_framework.routers import SimpleRouter

from .views import CertificateViewSet, OfficerViewSet

router = SimpleRouter()
router.register("officers", OfficerViewSet)
router.register("certificates", CertificateViewSet)
urlpatterns = router.urls

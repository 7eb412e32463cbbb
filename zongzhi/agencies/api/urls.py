from rest_framework.routers import SimpleRouter

from .views import AgencyViewSet, DomainViewSet

router = SimpleRouter()
router.register("domains", DomainViewSet)
router.register("agencies", AgencyViewSet)
urlpatterns = router.urls

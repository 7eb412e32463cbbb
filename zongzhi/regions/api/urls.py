from rest_framework.routers import SimpleRouter

from .views import RegionViewSet

router = SimpleRouter()
router.register("regions", RegionViewSet)
urlpatterns = router.urls

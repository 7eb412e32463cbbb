from rest_framework.routers import SimpleRouter

from .views import MeViewSet, TokenViewSet

router = SimpleRouter()
router.register("me", MeViewSet, basename="me")
router.register("tokens", TokenViewSet, basename="token")
urlpatterns = router.urls

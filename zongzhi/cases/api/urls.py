from rest_framework.routers import SimpleRouter

from .views import ClueViewSet

router = SimpleRouter()
router.register("clues", ClueViewSet)
urlpatterns = router.urls

from rest_framework.routers import SimpleRouter

from .views import ChangeLogEntryViewSet

router = SimpleRouter()
router.register("audit", ChangeLogEntryViewSet)
urlpatterns = router.urls

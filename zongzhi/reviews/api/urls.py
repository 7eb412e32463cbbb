from rest_framework.routers import SimpleRouter

from .views import CollectiveDiscussionViewSet, LegalReviewViewSet, TransferViewSet

router = SimpleRouter()
router.register("legal-reviews", LegalReviewViewSet)
router.register("collective-discussions", CollectiveDiscussionViewSet)
router.register("transfers", TransferViewSet)
urlpatterns = router.urls

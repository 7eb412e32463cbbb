from rest_framework.routers import SimpleRouter

from .views import ArticleViewSet, LawVersionViewSet, LawViewSet

router = SimpleRouter()
router.register("laws", LawViewSet)
router.register("law-versions", LawVersionViewSet)
router.register("articles", ArticleViewSet)
urlpatterns = router.urls

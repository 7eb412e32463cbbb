from rest_framework.routers import SimpleRouter

from .views import DocumentTemplateViewSet, GeneratedDocumentViewSet, PublicationViewSet

router = SimpleRouter()
router.register("document-templates", DocumentTemplateViewSet)
router.register("documents", GeneratedDocumentViewSet)
router.register("publications", PublicationViewSet)
urlpatterns = router.urls

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("evidence", views.EvidenceViewSet)
router.register("evidence-files", views.EvidenceFileViewSet)
router.register("preservations", views.PreservationViewSet)
router.register("seizures", views.SeizureViewSet)
router.register("seized-items", views.SeizedItemViewSet)
urlpatterns = router.urls

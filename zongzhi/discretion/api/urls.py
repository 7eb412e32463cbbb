from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import BandView, CheckView, DiscretionBandViewSet, DiscretionStandardViewSet

router = SimpleRouter()
router.register("discretion/standards", DiscretionStandardViewSet)
router.register("discretion/bands", DiscretionBandViewSet)
urlpatterns = [
    path("discretion/band/", BandView.as_view(), name="discretion-band"),
    path("discretion/check/", CheckView.as_view(), name="discretion-check"),
    *router.urls,
]

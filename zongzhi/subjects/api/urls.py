from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import AreaViewSet, ClassStrategyViewSet, MapView, SubjectViewSet

router = SimpleRouter()
router.register("subjects", SubjectViewSet)
router.register("areas", AreaViewSet)
router.register("class-strategies", ClassStrategyViewSet)
urlpatterns = [path("map/", MapView.as_view(), name="subjects-map"), *router.urls]

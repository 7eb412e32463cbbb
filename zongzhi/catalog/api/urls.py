from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("catalog/matters", views.MatterViewSet, basename="catalog-matter")
router.register("catalog/catalogs", views.DelegationCatalogViewSet, basename="catalog-catalog")
router.register("catalog/items", views.CatalogItemViewSet, basename="catalog-item")
router.register("catalog/selections", views.CountySelectionViewSet, basename="catalog-selection")
router.register("catalog/acceptances", views.AcceptanceViewSet, basename="catalog-acceptance")
router.register("catalog/evaluations", views.EvaluationViewSet, basename="catalog-evaluation")
router.register("catalog/transition-settings", views.TransitionSettingViewSet, basename="catalog-transition")
urlpatterns = [
    path("catalog/may-exercise/", views.MayExerciseView.as_view(), name="catalog-may-exercise"),
    path("catalog/boundaries/", views.BoundariesView.as_view(), name="catalog-boundaries"),
    *router.urls,
]

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from zongzhi.users.forms import LoginForm

from . import views

api_v1 = [
    path("", include("zongzhi.regions.api.urls")),
    path("", include("zongzhi.agencies.api.urls")),
    path("", include("zongzhi.officers.api.urls")),
    path("", include("zongzhi.deadlines.api.urls")),
    path("", include("zongzhi.laws.api.urls")),
    path("", include("zongzhi.catalog.api.urls")),
    path("", include("zongzhi.agreements.api.urls")),
    path("", include("zongzhi.discretion.api.urls")),
    path("", include("zongzhi.cases.api.urls")),
    path("", include("zongzhi.subjects.api.urls")),
    path("", include("zongzhi.inspections.api.urls")),
    path("", include("zongzhi.patrols.api.urls")),
    path("", include("zongzhi.evidence.api.urls")),
    path("", include("zongzhi.reviews.api.urls")),
    path("", include("zongzhi.enforcement.api.urls")),
    path("", include("zongzhi.documents.api.urls")),
    path("", include("zongzhi.audit.api.urls")),
    path("", include("zongzhi.users.api.urls")),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("regions/", include("zongzhi.regions.urls")),
    path("agencies/", include("zongzhi.agencies.urls")),
    path("force/", include("zongzhi.officers.urls")),
    path("deadlines/", include("zongzhi.deadlines.urls")),
    path("laws/", include("zongzhi.laws.urls")),
    path("catalog/", include("zongzhi.catalog.urls")),
    path("agreements/", include("zongzhi.agreements.urls")),
    path("discretion/", include("zongzhi.discretion.urls")),
    path("cases/", include("zongzhi.cases.urls")),
    path("subjects/", include("zongzhi.subjects.urls")),
    path("inspections/", include("zongzhi.inspections.urls")),
    path("patrols/", include("zongzhi.patrols.urls")),
    path("evidence/", include("zongzhi.evidence.urls")),
    path("reviews/", include("zongzhi.reviews.urls")),
    path("enforcement/", include("zongzhi.enforcement.urls")),
    path("documents/", include("zongzhi.documents.urls")),
    path("open311/v2/", include("zongzhi.cases.open311")),
    path("report/", include("zongzhi.cases.public")),
    path("audit/", include("zongzhi.audit.urls")),
    path("account/", include("zongzhi.users.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api_schema"), name="api_docs"),
    path("admin/", admin.site.urls),
    path("health/", include("zongzhi.operations.urls")),
]

handler500 = "zongzhi.operations.errors.server_error"

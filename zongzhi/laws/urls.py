from django.urls import path

from zongzhi.utilities.views import model_urls

from . import views
from .models import Article, Law, LawVersion

app_name = "laws"
urlpatterns = [
    path("search/", views.SearchView.as_view(), name="search"),
    path("import/", views.LawImportView.as_view(), name="law_import"),
    *model_urls(Law, list_view=views.LawListView, detail=views.LawDetailView),
    *model_urls(LawVersion, "versions/", list_view=views.LawVersionListView),
    *model_urls(Article, "articles/", list_view=views.ArticleListView, detail=views.ArticleDetailView),
]

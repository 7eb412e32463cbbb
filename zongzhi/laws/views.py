from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django.views import View

from zongzhi.utilities import views as generic
from zongzhi.utilities.scope import VIEW, can

from .citation import enforced_articles
from .filtersets import ArticleFilterSet, LawFilterSet, LawVersionFilterSet
from .forms import LawImporter, SearchForm
from .models import Article, Law, LawVersion
from .search import SearchError, search
from .tables import article_table, law_table, version_table


def versions_with_counts():
    return Prefetch("versions", queryset=LawVersion.objects.annotate(article_count=Count("articles")))


class SearchView(LoginRequiredMixin, View):
    """法规检索: results while typing (HTMX gets the results only), ranked, with highlighted snippets."""

    def get(self, request):
        if not can(request.user, Law, VIEW):
            raise Http404
        form = SearchForm(request.GET, user=request.user)
        hits, error = [], ""
        if form.is_valid() and form.cleaned_data["q"]:
            law = form.cleaned_data["law"]
            try:
                hits = search(form.cleaned_data["q"], law=law.pk if law else None)
            except SearchError as exc:
                error = str(exc)
        context = {"form": form, "hits": hits, "error": error, "query": form.data.get("q", "")}
        if request.headers.get("HX-Request"):
            return render(request, "laws/_search_results.html", context)
        return render(request, "laws/search.html", context)


class LawListView(generic.ObjectListView):
    model = Law
    queryset = Law.objects.prefetch_related(versions_with_counts())
    table = law_table
    filterset_class = LawFilterSet
    import_url_name = "laws:law_import"
    extra_actions = (("laws:search", gettext_lazy("Law search")), ("laws:lawversion_list", gettext_lazy("Versions")))


class LawDetailView(generic.ObjectDetailView):
    """A law: its versions, the table of contents and every article (anchors #art-119) of one version."""

    model = Law
    queryset = Law.objects.select_related("region").prefetch_related(versions_with_counts())

    def extra_context(self, law):
        versions = sorted(law.versions.all(), key=lambda v: v.effective, reverse=True)
        current = law.current_version()
        chosen = next((v for v in versions if str(v.pk) == self.request.GET.get("version")), current)
        articles = list(chosen.articles.all()) if chosen else []
        contents = []  # [(chapter, [(section, first article)], first article)]
        for article in articles:
            if article.chapter and (not contents or contents[-1][0] != article.chapter):
                contents.append((article.chapter, [], article))
            if article.section and contents and (not contents[-1][1] or contents[-1][1][-1][0] != article.section):
                contents[-1][1].append((article.section, article))
        return {"versions": versions, "current": current, "chosen": chosen, "articles": articles,
                "contents": contents}


class ArticleDetailView(generic.ObjectDetailView):
    """One article with its citation (and those of its paragraphs and items), ready to copy, and the penalty
    articles of the same law that enforce it (or the articles it enforces)."""

    model = Article
    queryset = Article.objects.select_related("version__law")

    def extra_context(self, article):
        paragraphs = []
        for n, p in enumerate(article.paragraphs, start=1):
            items = [(item, article.citation(n, m)) for m, item in enumerate(p["items"], start=1)]
            paragraphs.append((p["text"], article.citation(n), items))
        siblings = list(Article.objects.filter(version=article.version).only("id", "number", "label", "text"))
        by_number = {a.number: a for a in siblings}
        return {"paragraphs": paragraphs, "previous": by_number.get(article.number - 1),
                "next": by_number.get(article.number + 1),
                "enforces": [by_number[n] for n in enforced_articles(article.text) if n in by_number],
                "enforced_by": [a for a in siblings if article.number in enforced_articles(a.text)]}


class LawVersionListView(generic.ObjectListView):
    model = LawVersion
    queryset = LawVersion.objects.annotate(article_count=Count("articles")).order_by("law__title", "-effective")
    table = version_table
    filterset_class = LawVersionFilterSet


class ArticleListView(generic.ObjectListView):
    model = Article
    table = article_table
    filterset_class = ArticleFilterSet


class LawImportView(generic.ImportView):
    """Law metadata from Excel (superusers and whoever may add laws)."""

    importer_class = LawImporter
    model = Law

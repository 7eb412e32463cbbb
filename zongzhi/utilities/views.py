"""Declarative generic views: a model's pages set a queryset, filterset, form and table (STYLE.md §11).

Every query goes through ``restrict`` (STYLE.md §6): a record the user may not see is a 404.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db.models import ProtectedError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views import View

from zongzhi.audit.presentation import present
from zongzhi.audit.services import history

from .excel import export_response
from .scope import ADD, CHANGE, DELETE, VIEW, can


def url_name(model, suffix=""):
    return f"{model._meta.app_label}:{model._meta.model_name}{suffix}"


class ObjectMixin(LoginRequiredMixin):
    model = None
    queryset = None
    action = VIEW

    def base_queryset(self):
        return self.queryset.all() if self.queryset is not None else self.model.objects.all()

    def get_queryset(self, action=None):
        return self.base_queryset().restrict(self.request.user, action or self.action)

    def get_object(self, action=None):
        return get_object_or_404(self.get_queryset(action), pk=self.kwargs["pk"])

    def common_context(self, **extra):
        meta = self.model._meta
        return {"model": self.model, "verbose_name": meta.verbose_name, "verbose_name_plural": meta.verbose_name_plural,
                "list_url": reverse(url_name(self.model, "_list")), **extra}


class ObjectListView(ObjectMixin, View):
    table = None
    filterset_class = None
    template_name = "utilities/object_list.html"
    paginate_by = 50
    export_filename = None
    paginator_class = Paginator
    import_url_name = None
    extra_actions = ()

    def filtered(self, request):
        qs = self.table.optimize(self.get_queryset())
        filterset = self.filterset_class(request.GET, queryset=qs, request=request) if self.filterset_class else None
        if filterset is not None:
            qs = filterset.qs if filterset.is_valid() else qs.none()
        sort = request.GET.get("sort", "")
        sortable = self.table.sortable()
        if sort.lstrip("-") in sortable:
            qs = qs.order_by(sort, "pk")
        return qs, filterset

    def get(self, request, *args, **kwargs):
        qs, filterset = self.filtered(request)
        if request.GET.get("export") == "xlsx":
            name = self.export_filename or str(self.model._meta.verbose_name_plural)
            return export_response(self.table, qs, name)
        paginator = self.paginator_class(qs, self.paginate_by)
        page = paginator.get_page(request.GET.get("page"))
        rows = list(page.object_list)
        query = request.GET.copy()
        query.pop("page", None)
        return render(request, self.template_name, self.common_context(
            table=self.table,
            rows=rows,
            html_rows=self.table.html_rows(rows),
            filterset=filterset,
            page=page,
            query=query.urlencode(),
            can_add=can(request.user, self.model, ADD) and self.has_add_view(),
            add_url=reverse(url_name(self.model, "_add")) if self.has_add_view() else "",
            import_url=reverse(self.import_url_name) if self.import_url_name and can(request.user, self.model, ADD) else "",
            extra_actions=self.extra_actions,
            **self.extra_context(request),
        ))

    def has_add_view(self):
        try:
            reverse(url_name(self.model, "_add"))
        except Exception:
            return False
        return True

    def extra_context(self, request):
        return {}


class ObjectDetailView(ObjectMixin, View):
    template_name = None

    def get_template_names(self):
        meta = self.model._meta
        return self.template_name or f"{meta.app_label}/{meta.model_name}.html"

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        return render(request, self.get_template_names(), self.common_context(
            object=obj,
            can_change=self.get_queryset(CHANGE).filter(pk=obj.pk).exists() and _has(self.model, "_edit"),
            can_delete=self.get_queryset(DELETE).filter(pk=obj.pk).exists() and _has(self.model, "_delete"),
            tab="detail",
            **self.extra_context(obj),
        ))

    def extra_context(self, obj):
        return {}


def _has(model, suffix):
    try:
        reverse(url_name(model, suffix), args=[0])
    except Exception:
        return False
    return True


class ObjectHistoryView(ObjectMixin, View):
    template_name = "utilities/object_history.html"
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        page = Paginator(history(obj).select_related("content_type"), self.paginate_by).get_page(
            request.GET.get("page"))
        return render(request, self.template_name, self.common_context(
            object=obj, page=page, entries=present(page.object_list), tab="history", query=""))


class ObjectEditView(ObjectMixin, View):
    form_class = None
    template_name = "utilities/object_edit.html"

    def get_instance(self):
        if "pk" in self.kwargs:
            return self.get_object(CHANGE)
        if not can(self.request.user, self.model, ADD):
            raise Http404
        return self.model()

    def get_form(self, instance, data=None, files=None):
        return self.form_class(data, files, instance=instance, user=self.request.user)

    def get(self, request, *args, **kwargs):
        instance = self.get_instance()
        return self.render_form(self.form_class(instance=instance, user=request.user, initial=request.GET.dict()))

    def post(self, request, *args, **kwargs):
        instance = self.get_instance()
        form = self.get_form(instance, request.POST, request.FILES)
        if form.is_valid():
            obj = self.save(form)
            messages.success(request, _("Saved: %(object)s") % {"object": obj})
            return redirect(obj.get_absolute_url())
        messages.error(request, _("Please correct the errors below; nothing was saved."))
        return self.render_form(form, status=400)

    def save(self, form):
        return form.save()

    def render_form(self, form, status=200):
        instance = form.instance
        return render(request=self.request, template_name=self.template_name, status=status, context=self.common_context(
            form=form, object=instance if instance.pk else None,
        ))


class ImportView(LoginRequiredMixin, View):
    """Excel import: the template (``?template=1``), the upload, and the report of every bad row. Only users who
    may add ``model`` (default: the importer form's model) reach it."""

    importer_class = None
    model = None
    template_name = "utilities/import.html"

    def dispatch(self, request, *args, **kwargs):
        model = self.model or self.importer_class.form_class._meta.model
        if request.user.is_authenticated and not can(request.user, model, ADD):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        importer = self.importer_class(request.user)
        if request.GET.get("template"):
            return importer.template_response()
        return self.render_page(importer)

    def post(self, request):
        importer = self.importer_class(request.user)
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose an Excel file (.xlsx) to upload."))
            return self.render_page(importer, status=400)
        result = importer.run(upload)
        return self.render_page(importer, result, status=200 if result.ok else 400)

    def render_page(self, importer, result=None, status=200):
        title = _("Import %(what)s") % {"what": importer.title}
        return render(self.request, self.template_name, {"title": title, "result": result}, status=status)


class ObjectDeleteView(ObjectMixin, View):
    template_name = "utilities/object_delete.html"

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, self.common_context(object=self.get_object(DELETE)))

    def post(self, request, *args, **kwargs):
        obj = self.get_object(DELETE)
        try:
            obj.delete()
        except ProtectedError:
            messages.error(request, _("%(object)s cannot be deleted: other records still refer to it.") % {"object": obj})
            return redirect(obj.get_absolute_url())
        messages.success(request, _("Deleted: %(object)s") % {"object": obj})
        return redirect(reverse(url_name(self.model, "_list")))


def model_urls(model, prefix="", *, list_view=None, detail=None, edit=None, add=True, delete=None,
               history_view=None):
    """The standard routes of a model under ``prefix`` (e.g. "certificates/"): ``<model>_list``,
    ``<model>_add``, ``<model>``, ``<model>_edit``, ``<model>_delete`` and ``<model>_history``."""
    name = model._meta.model_name
    routes = []
    if list_view:
        routes.append(path(prefix, list_view.as_view(), name=f"{name}_list"))
    if edit and add:
        routes.append(path(f"{prefix}add/", edit.as_view(), name=f"{name}_add"))
    if edit:
        routes.append(path(f"{prefix}<int:pk>/edit/", edit.as_view(), name=f"{name}_edit"))
    if detail:
        routes.append(path(f"{prefix}<int:pk>/", detail.as_view(), name=name))
    if delete:
        routes.append(path(f"{prefix}<int:pk>/delete/", delete.as_view(), name=f"{name}_delete"))
    routes.append(path(f"{prefix}<int:pk>/history/", (history_view or type(
        f"{model.__name__}HistoryView", (ObjectHistoryView,), {"model": model})).as_view(), name=f"{name}_history"))
    return routes

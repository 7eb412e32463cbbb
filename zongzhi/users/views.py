import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import TokenForm
from .models import ApiToken
from .services import issue_token, revoke_token


@login_required
def token_list(request):
    form = TokenForm(request.POST or None)
    new_key = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            expires = form.cleaned_data["expires"]
            expires_at = (timezone.make_aware(datetime.datetime.combine(expires, datetime.time.max))
                          if expires else None)
            token, new_key = issue_token(request.user, name=form.cleaned_data["name"], expires=expires_at)
            messages.success(request, _("Token created. Copy the key now: it will not be shown again."))
            form = TokenForm()
        else:
            status = 400
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created")
    return render(request, "users/token_list.html", {"form": form, "tokens": tokens, "new_key": new_key}, status=status)


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    revoke_token(token)
    messages.success(request, _("Token revoked: %(name)s") % {"name": token.name})
    return redirect("users:token_list")

"""API-nøkler: a person makes, sees and revokes their own API tokens; the administrator sees and
revokes every token in the municipality."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts import services
from helhet.accounts.access import get_rw_api_token_for_user
from helhet.accounts.forms import ApiTokenForm
from helhet.accounts.http import MemberRequest
from helhet.accounts.models import ApiToken
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.forms import add_service_errors


@member_required()
@require_http_methods(["GET", "POST"])
def token_list(request: MemberRequest) -> HttpResponse:
    """The person's own tokens in this municipality, and the form for a new one. A new token's
    secret is shown on the answer to the form and never again (no redirect: it is not kept)."""
    membership = request.membership
    form = ApiTokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            token, key = services.api_token_create(
                membership=membership, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            response = render(request, "accounts/token_created.html", {"token": token, "key": key})
            # The secret is on this page: no browser or proxy may keep a copy.
            add_never_cache_headers(response)
            return response
    tokens = ApiToken.objects.filter(municipality=membership.municipality, user=request.user)
    return render(
        request,
        "accounts/token_list.html",
        {"form": form, "tokens": tokens},
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.MANAGE_API_TOKENS)
def municipality_tokens(request: MemberRequest) -> HttpResponse:
    """Every token in the municipality, whose it is and when it was last used."""
    tokens = ApiToken.objects.filter(municipality=request.membership.municipality).select_related(
        "user"
    )
    return render(request, "accounts/municipality_tokens.html", {"tokens": tokens})


@member_required()
@require_http_methods(["GET", "POST"])
def token_revoke(request: MemberRequest, pk: int) -> HttpResponse:
    """Ask, then revoke: one's own token, or for the administrator anyone's in the
    municipality. The token stops working at once."""
    token = get_rw_api_token_for_user(request.membership, pk)
    own = token.user_id == request.user.pk
    back = "accounts:token_list" if own else "accounts:municipality_tokens"
    if request.method == "POST":
        services.api_token_revoke(token=token, actor=request.user)
        messages.success(request, _("The API token “%(name)s” no longer works.") % {"name": token})
        return redirect(back)
    return render(request, "accounts/token_revoke.html", {"token": token, "own": own, "back": back})

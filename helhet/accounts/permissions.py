"""The one gate in front of every HTML view: signed in, member of a municipality, allowed."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from helhet.accounts.roles import Capability

View = TypeVar("View", bound=Callable[..., HttpResponse])


def member_required(capability: Capability | None = None) -> Callable[[View], View]:
    """Let the view run only for a signed-in member of a municipality whose role has
    ``capability``. Anonymous people go to the login page; members without the right get 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = getattr(request, "membership", None)
            if membership is None:
                return render(request, "core/no_membership.html", status=403)
            if capability is not None and not membership.can(capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return cast(View, wrapped)

    return decorator

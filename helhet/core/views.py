"""Pages every request may end on: the health checks and the error pages."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from helhet.core.health import readiness


@never_cache
def health(request: HttpRequest) -> HttpResponse:
    """Liveness, for a load balancer: the process answers. It touches no database (a database
    that is down must not make every web node look dead and be restarted) and, like the
    readiness answer, is exempt from the HTTPS redirect (``SECURE_REDIRECT_EXEMPT``)."""
    return JsonResponse({"status": "ok"})


@never_cache
def ready(request: HttpRequest) -> HttpResponse:
    """Readiness: whether this node can serve requests, with one entry per check (database,
    migrations, static files, job queue); 200 when all pass, 503 otherwise. No login: it says
    nothing secret."""
    ok, checks = readiness()
    return JsonResponse(
        {"status": "ok" if ok else "failing", "checks": [check.as_json() for check in checks]},
        status=200 if ok else 503,
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: whatever broke may be what they depend on.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render({}), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)

from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from helhet.api.urls import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("helhet.core.urls")),
    path("", include("helhet.home.urls")),
    path("", include("helhet.accounts.urls")),
    # Single sign-on: /sso/<provider>/login/ and its callback (django-allauth's OpenID Connect).
    path("sso/", include("allauth.socialaccount.providers.openid_connect.urls")),
    path("", include("helhet.organization.people_urls")),
    path("organisasjon/", include("helhet.organization.urls")),
    path("portefolje/", include("helhet.portfolio.urls")),
    path("metoder/", include("helhet.methodology.urls")),
    path("prosjekter/", include("helhet.projects.urls")),
    path("dokumenter/", include("helhet.documents.urls")),
    path("tjenester/", include("helhet.maturity.urls")),
    path("offentlig/", include("helhet.maturity.public_urls")),
    path("gevinster/", include("helhet.benefits.urls")),
    path("ideer/", include("helhet.ideas.urls")),
    path("fond/", include("helhet.fund.urls")),
    path("losninger/", include("helhet.adoption.urls")),
    path("laering/", include("helhet.learning.urls")),
    path("varsler/", include("helhet.notifications.urls")),
    path("filer/", include("helhet.files.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("django-admin/", admin.site.urls),
]

handler400 = "helhet.core.views.bad_request"
handler403 = "helhet.core.views.permission_denied"
handler404 = "helhet.core.views.page_not_found"
handler500 = "helhet.core.views.server_error"

if settings.DEBUG:
    # Let developers see the error pages as users do.
    from helhet.core import views as core_views

    urlpatterns += [
        path("feil/404/", core_views.page_not_found),
        path("feil/500/", core_views.server_error),
    ]

"""Pages anyone may see without logging in, under /offentlig/<municipality>/: each shows only the
municipality its address names, and only what that municipality has chosen to publish."""

from django.urls import path

from helhet.maturity.views import public

app_name = "maturity_public"

urlpatterns = [
    path("<slug:municipality>/tjenester/", public.public_services, name="services"),
]

"""The maturity settings: whether the municipality's maturity page is public."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.maturity.forms.settings import MaturitySettingsForm
from helhet.maturity.models import MaturitySettings
from helhet.maturity.services.settings import maturity_settings_update


@member_required(Capability.MANAGE_SERVICES)
@require_http_methods(["GET", "POST"])
def settings(request: MemberRequest) -> HttpResponse:
    municipality = request.membership.municipality
    current = MaturitySettings.objects.filter(municipality=municipality).first()
    form = MaturitySettingsForm(
        request.POST if request.method == "POST" else None,
        initial={"public_page": current.public_page if current else False},
    )
    if request.method == "POST" and form.is_valid():
        maturity_settings_update(
            actor=request.user,
            municipality=municipality,
            public_page=form.cleaned_data["public_page"],
        )
        messages.success(request, _("The settings were saved."))
        return redirect("maturity:settings")
    return render(
        request,
        "maturity/settings.html",
        {
            "form": form,
            "public_page_on": bool(current and current.public_page),
            "public_url": reverse("maturity_public:services", args=[municipality.slug]),
        },
        status=400 if form.is_bound else 200,
    )

from django.urls import URLPattern, path

from helhet.fund.views import applications, decisions, funds, gains, ledger, review

app_name = "fund"

urlpatterns: list[URLPattern] = [
    # Funds, rules, rounds and the ledger.
    path("", funds.fund_list, name="list"),
    path("ny/", funds.fund_create, name="create"),
    path("<int:pk>/", funds.fund_detail, name="detail"),
    path("<int:pk>/endre/", funds.fund_edit, name="edit"),
    path("<int:pk>/retningslinjer/", funds.rules_list, name="rules"),
    path("<int:pk>/retningslinjer/ny/", funds.rules_create, name="rules_create"),
    path("<int:pk>/runder/ny/", funds.round_create, name="round_create"),
    path("runder/<int:pk>/endre/", funds.round_edit, name="round_edit"),
    path("<int:pk>/regnskap/", ledger.ledger, name="ledger"),
    path(
        "<int:pk>/regnskap/kapital/",
        ledger.entry_create,
        {"kind": "capital"},
        name="capital_create",
    ),
    path(
        "<int:pk>/regnskap/utbetaling/",
        ledger.entry_create,
        {"kind": "disbursement"},
        name="disbursement_create",
    ),
    path(
        "<int:pk>/regnskap/frigiing/",
        ledger.entry_create,
        {"kind": "release"},
        name="release_create",
    ),
    path("regnskap/<int:pk>/korriger/", ledger.entry_correct, name="entry_correct"),
    # Applications: writing, the economic analysis, submitting.
    path("tiltak/<int:pk>/sok/", applications.apply, name="apply"),
    path("<int:pk>/soknader/", applications.application_list, name="application_list"),
    path("<int:pk>/soknader/ny/", applications.application_create, name="application_create"),
    path("soknader/<int:pk>/", applications.application_detail, name="application_detail"),
    path("soknader/<int:pk>/endre/", applications.application_edit, name="application_edit"),
    path(
        "soknader/<int:pk>/analyse/",
        applications.application_analysis_edit,
        name="application_analysis",
    ),
    path("soknader/<int:pk>/send/", applications.application_submit, name="application_submit"),
    path(
        "soknader/<int:pk>/trekk/", applications.application_withdraw, name="application_withdraw"
    ),
    # Assessment, ranking and decision.
    path("soknader/<int:pk>/vurdering/", decisions.application_assess, name="application_assess"),
    path("soknader/<int:pk>/vedtak/", decisions.application_decide, name="application_decide"),
    path("<int:pk>/rangering/", decisions.ranking, name="ranking"),
    # Gains back to the fund, the review and its exports.
    path("<int:pk>/gevinster/", gains.gains, name="gains"),
    path("soknader/<int:pk>/gevinster/", gains.gain_settle, name="gain_settle"),
    path("<int:pk>/gjennomgang/", review.review, name="review"),
    path("<int:pk>/gjennomgang/xlsx/", review.review_xlsx, name="review_xlsx"),
    path("<int:pk>/gjennomgang/pdf/", review.review_pdf, name="review_pdf"),
]

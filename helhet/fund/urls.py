from django.urls import URLPattern, path

from helhet.fund.views import applications, decisions, gains, review

app_name = "fund"

urlpatterns: list[URLPattern] = [
    # Funds, rules, rounds and the ledger.
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
    path("<int:pk>/gjennomgang.xlsx", review.review_xlsx, name="review_xlsx"),
    path("<int:pk>/gjennomgang.pdf", review.review_pdf, name="review_pdf"),
]

from django.urls import URLPattern, path

from helhet.fund.views import gains, review

app_name = "fund"

urlpatterns: list[URLPattern] = [
    # Funds, rules, rounds and the ledger.
    # Applications: writing, the economic analysis, submitting.
    # Assessment, ranking and decision.
    # Gains back to the fund, the review and its exports.
    path("<int:pk>/gevinster/", gains.gains, name="gains"),
    path("soknader/<int:pk>/gevinster/", gains.gain_settle, name="gain_settle"),
    path("<int:pk>/gjennomgang/", review.review, name="review"),
    path("<int:pk>/gjennomgang.xlsx", review.review_xlsx, name="review_xlsx"),
    path("<int:pk>/gjennomgang.pdf", review.review_pdf, name="review_pdf"),
]

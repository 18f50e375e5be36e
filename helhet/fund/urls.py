from django.urls import URLPattern, path  # noqa: F401

app_name = "fund"

urlpatterns: list[URLPattern] = [
    # Funds, rules, rounds and the ledger.
    # Applications: writing, the economic analysis, submitting.
    # Assessment, ranking and decision.
    # Gains back to the fund, the review and its exports.
]

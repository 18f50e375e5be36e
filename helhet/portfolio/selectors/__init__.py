"""Reads of the portfolio that span models, by what they answer: ``summary`` (the overview's
counts and sums), ``cross_department`` (who owns what and who takes part where), ``people``
(people's load, a person's initiatives), ``timeline`` (initiatives as bars over months), and
``units`` (the unit tree as they walk it). The names other apps use are importable from the
package."""

from helhet.portfolio.selectors.people import initiatives_of_person
from helhet.portfolio.selectors.summary import Bucket, PortfolioSummary, portfolio_summary
from helhet.portfolio.selectors.units import ancestor_of_kind

__all__ = [
    "Bucket",
    "PortfolioSummary",
    "ancestor_of_kind",
    "initiatives_of_person",
    "portfolio_summary",
]

"""Forms for an initiative's own pages, its status reports, relations and links, and the
strategic goals. They validate what a person typed; the services decide what may be saved.
By sub-domain: ``fields`` (shared fields), ``initiatives``, ``status_reports``, ``relations``
and ``goals``. The names other apps use are importable from the package."""

from helhet.portfolio.forms.fields import (
    DateInput,
    MemberChoiceField,
    MemberMultipleChoiceField,
    members_for,
    members_of,
)

__all__ = [
    "DateInput",
    "MemberChoiceField",
    "MemberMultipleChoiceField",
    "members_for",
    "members_of",
]

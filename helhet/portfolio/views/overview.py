"""The portfolio overview: counts and sums, filters in the URL, a sortable and paginated table of
initiatives with their latest status, and saved views."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.forms import StyledForm, add_service_errors
from helhet.portfolio import services
from helhet.portfolio.access import get_saved_view_for_user
from helhet.portfolio.filters import (
    PortfolioFilter,
    PortfolioFilterForm,
    chosen_params,
    filtered_initiatives,
    parse_filters,
)
from helhet.portfolio.models import (
    Initiative,
    InitiativeKind,
    InitiativeStatus,
    Rating,
    SavedView,
    StatusReport,
)
from helhet.portfolio.selectors.summary import Bucket, portfolio_summary

PAGE_SIZE = 50
# Parameters that belong to one page of the table rather than to the view a user saves.
NOT_SAVED = ("page", "csrfmiddlewaretoken")
RATING_COLOURS = {Rating.RED: "danger", Rating.YELLOW: "warning", Rating.GREEN: "success"}

# The table's sortable columns: (sort key in filters.SORTS, header). What a reader looks for
# first (status, cost, the latest report) comes first, so it stays in view at 1024 px; the rest
# may scroll inside the table.
COLUMNS = [
    ("name", gettext_lazy("Name")),
    ("kind", gettext_lazy("Kind")),
    ("status", gettext_lazy("Status")),
    ("cost", gettext_lazy("Estimated cost")),
    ("reported", gettext_lazy("Latest status report")),
    ("unit", gettext_lazy("Owning unit")),
    (None, gettext_lazy("Project leader")),
    ("start", gettext_lazy("Planned start")),
    ("end", gettext_lazy("Planned end")),
]


class SavedViewForm(StyledForm):
    name = forms.CharField(label=gettext_lazy("Name of the view"), max_length=100)
    shared = forms.BooleanField(
        label=gettext_lazy("Share with everyone in the municipality"), required=False
    )
    query = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    def __init__(self, *args: Any, may_share: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not may_share:
            # A reader keeps views to themselves (the service refuses sharing too).
            del self.fields["shared"]

    def clean_query(self) -> str:
        return _filter_query(QueryDict(self.cleaned_data["query"])).urlencode()


def _filter_query(params: QueryDict) -> QueryDict:
    """The filters and sort of a query string, without empty values or the page number, so the
    links and saved views carry only what the user chose."""
    return chosen_params(params, without=NOT_SAVED)


def _link(base: QueryDict, **changes: str | list[str] | None) -> str:
    """``?`` + ``base`` with the given parameters replaced (None removes one)."""
    query = base.copy()
    for key, value in changes.items():
        if value is None or value == []:
            query.pop(key, None)
        else:
            query.setlist(key, [value] if isinstance(value, str) else value)
    return f"?{query.urlencode()}"


@dataclass
class Row:
    initiative: Initiative
    report: StatusReport | None

    @property
    def rating(self) -> str:
        return self.report.overall if self.report else ""

    @property
    def rating_label(self) -> str:
        return str(Rating(self.rating).label) if self.rating else ""

    @property
    def rating_colour(self) -> str:
        return RATING_COLOURS.get(Rating(self.rating), "neutral") if self.rating else "neutral"


def latest_status_reports(initiative_ids: list[int]) -> dict[int, StatusReport]:
    """The newest status report of each of the given initiatives, in one query whatever their
    number (an initiative without reports is left out)."""
    reports = (
        StatusReport.objects.newest_per_initiative()
        .filter(initiative_id__in=initiative_ids)
        .order_by()
    )
    return {report.initiative_id: report for report in reports}


@dataclass
class SummaryLine:
    label: str
    count: int
    amount: Any
    url: str


def _lines(buckets: list[Bucket], base: QueryDict, parameter: str | None) -> list[SummaryLine]:
    return [
        SummaryLine(
            bucket.label,
            bucket.count,
            bucket.amount,
            _link(base, **{parameter: str(bucket.pk or bucket.key)}) if parameter else "",
        )
        for bucket in buckets
    ]


@dataclass
class ActiveFilter:
    label: str
    value: str
    remove_url: str


def _active_filters(filters: PortfolioFilter, base: QueryDict) -> list[ActiveFilter]:
    """What is filtered on, each with a link that removes just that filter."""
    active: list[ActiveFilter] = []
    if filters.q:
        active.append(ActiveFilter(_("Search"), filters.q, _link(base, q=None)))
    if filters.unit is not None:
        active.append(
            ActiveFilter(_("Directorate or department"), filters.unit.name, _link(base, unit=None))
        )
    for name, values, choices in (
        ("kind", filters.kind, InitiativeKind),
        ("status", filters.status, InitiativeStatus),
    ):
        for value in values:
            rest = [other for other in values if other != value]
            label = _("Kind") if name == "kind" else _("Status")
            active.append(
                ActiveFilter(label, str(choices(value).label), _link(base, **{name: rest}))
            )
    if filters.goal is not None:
        active.append(ActiveFilter(_("Strategic goal"), filters.goal.name, _link(base, goal=None)))
    if filters.tag is not None:
        active.append(ActiveFilter(_("Tag"), filters.tag.name, _link(base, tag=None)))
    if filters.without_ros:
        active.append(
            ActiveFilter(
                _("Privacy"),
                _("Processes personal data without a finished ROS or with the DPIA not assessed"),
                _link(base, without_ros=None),
            )
        )
    if filters.stale:
        active.append(
            ActiveFilter(
                _("Status report"),
                _("None for over a month"),
                _link(base, stale=None),
            )
        )
    if filters.method is not None:
        active.append(ActiveFilter(_("Method"), filters.method.name, _link(base, method=None)))
    if filters.phase is not None:
        active.append(ActiveFilter(_("Phase"), filters.phase.label, _link(base, phase=None)))
    if filters.level is not None:
        active.append(ActiveFilter(_("Level"), filters.level.label, _link(base, level=None)))
    if filters.waiting:
        active.append(
            ActiveFilter(_("Decision"), _("Waiting for a decision"), _link(base, waiting=None))
        )
    if filters.blocked_days is not None:
        active.append(
            ActiveFilter(
                _("Blocked at a gate"),
                ngettext("More than %(days)s day", "More than %(days)s days", filters.blocked_days)
                % {"days": filters.blocked_days},
                _link(base, blocked_days=None),
            )
        )
    return active


@dataclass
class Column:
    label: str
    url: str = ""
    aria_sort: str = ""  # "ascending" or "descending" on the column the table is sorted by
    next_descending: bool = False  # what following the link does


def _columns(filters: PortfolioFilter, base: QueryDict) -> list[Column]:
    """The table's headers: a sortable column links to itself sorted ascending, or descending
    when it is already sorted ascending."""
    columns = []
    for key, label in COLUMNS:
        if key is None:
            columns.append(Column(str(label)))
            continue
        aria_sort = ""
        if filters.sort == key:
            aria_sort, next_sort = "ascending", f"-{key}"
        elif filters.sort == f"-{key}":
            aria_sort, next_sort = "descending", key
        else:
            next_sort = key
        columns.append(
            Column(str(label), _link(base, sort=next_sort), aria_sort, next_sort.startswith("-"))
        )
    return columns


@dataclass
class PageLink:
    number: int | None  # None: pages skipped
    url: str = ""
    current: bool = False


@dataclass
class Pagination:
    previous_url: str
    next_url: str
    links: list[PageLink]


def _pagination(page: Page[Initiative], base: QueryDict) -> Pagination | None:
    """Links to the first, last and nearby pages, with gaps where pages are skipped; None when
    everything fits on one page."""
    last, current = page.paginator.num_pages, page.number
    if last <= 1:
        return None
    links: list[PageLink] = []
    for number in sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)}):
        if links and links[-1].number is not None and number - links[-1].number > 1:
            links.append(PageLink(None))
        links.append(PageLink(number, _link(base, page=str(number)), number == current))
    return Pagination(
        _link(base, page=str(current - 1)) if page.has_previous() else "",
        _link(base, page=str(current + 1)) if page.has_next() else "",
        links,
    )


@member_required(Capability.VIEW_PORTFOLIO)
@require_GET
def overview(request: MemberRequest) -> HttpResponse:
    empty = [key for key, values in request.GET.lists() if not any(v.strip() for v in values)]
    if empty:
        # The filter form sends every field; an address with only the chosen ones reads better
        # and can be bookmarked or shared.
        chosen = request.GET.copy()
        for key in empty:
            chosen.pop(key)
        return redirect(_overview_url(chosen.urlencode()))
    municipality = request.membership.municipality
    filters = parse_filters(request.GET, municipality=municipality)
    initiatives = filtered_initiatives(municipality=municipality, filters=filters)
    summary = portfolio_summary(municipality=municipality, initiatives=initiatives)
    page = Paginator(initiatives, PAGE_SIZE).get_page(request.GET.get("page"))
    reports = latest_status_reports([initiative.pk for initiative in page])
    base = _filter_query(request.GET)
    query = base.urlencode()
    saved_views = (
        SavedView.objects.filter(municipality=municipality)
        .filter(Q(owner_id=request.user.pk) | Q(shared=True))
        .select_related("owner")
        .order_by("name", "pk")
    )
    return render(
        request,
        "portfolio/overview.html",
        {
            "filters": filters,
            "form": PortfolioFilterForm(request.GET, municipality=municipality),
            "summary": summary,
            "by_kind": _lines(summary.by_kind, base, "kind"),
            "by_status": _lines(summary.by_status, base, "status"),
            "by_service_area": _lines(summary.by_service_area, base, "unit"),
            "by_department": _lines(summary.by_department, base, "unit"),
            "by_goal": _lines(summary.by_goal, base, "goal"),
            "funding": _lines(summary.funding, base, None),
            "stale_url": _link(base, stale="on"),
            "without_ros_url": _link(base, without_ros="on"),
            "active_filters": _active_filters(filters, base),
            "columns": _columns(filters, base),
            "page": page,
            "rows": [Row(initiative, reports.get(initiative.pk)) for initiative in page],
            "pages": _pagination(page, base),
            "query": query,
            "query_suffix": f"?{query}" if query else "",
            "sort": filters.sort,
            "saved_views": saved_views,
            "save_form": SavedViewForm(
                initial={"query": query}, may_share=request.membership.can(Capability.SHARE_VIEWS)
            ),
            "empty_portfolio": summary.total == 0 and not filters.active,
        },
    )


@member_required(Capability.VIEW_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def saved_view_create(request: MemberRequest) -> HttpResponse:
    """Save the overview's current filters under a name. GET shows the form on a page of its own
    (``?<filters>`` are the filters to save); the overview posts here directly."""
    may_share = request.membership.can(Capability.SHARE_VIEWS)
    if request.method == "POST":
        form = SavedViewForm(request.POST, may_share=may_share)
        if form.is_valid():
            try:
                view = services.saved_view_create(
                    actor=request.user,
                    municipality=request.membership.municipality,
                    name=form.cleaned_data["name"],
                    query=form.cleaned_data["query"],
                    shared=form.cleaned_data.get("shared", False),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The view “%(name)s” was saved.") % {"name": view.name})
                return redirect(_overview_url(view.query))
        query = _filter_query(QueryDict(request.POST.get("query", ""))).urlencode()
        status = 400
    else:
        query = _filter_query(request.GET).urlencode()
        form = SavedViewForm(initial={"query": query}, may_share=may_share)
        status = 200
    return render(
        request,
        "portfolio/overview_saved_view_form.html",
        {"form": form, "back_url": _overview_url(query)},
        status=status,
    )


@member_required(Capability.VIEW_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def saved_view_delete(request: MemberRequest, pk: int) -> HttpResponse:
    """Only the owner deletes a view. Someone else's shared view is forbidden; someone else's
    private view does not exist for them."""
    view = get_saved_view_for_user(request.membership, pk)
    if view.owner_id != request.user.pk:
        raise PermissionDenied
    if request.method == "POST":
        services.saved_view_delete(view=view)
        messages.success(request, _("The view “%(name)s” was deleted.") % {"name": view.name})
        return redirect("portfolio:overview")
    return render(
        request,
        "portfolio/overview_saved_view_delete.html",
        {"view": view, "back_url": _overview_url(view.query)},
    )


def _overview_url(query: str) -> str:
    url = reverse("portfolio:overview")
    return f"{url}?{query}" if query else url

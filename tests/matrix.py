"""The role matrix and tenancy matrix are walked by tests/accounts/test_role_matrix.py and
tests/core/test_tenancy.py. Each module adds its own views to them from a file named
``tests/<module>/matrix_<anything>.py`` holding any of:

- ``ROLE_VIEWS``: a list of ``View`` (every HTML view, with the capabilities it requires);
- ``TENANCY_HTML`` / ``TENANCY_API``: {url name: function(stavanger) -> Target} for every URL that
  names an object by id.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helhet.accounts.roles import Capability
from helhet.organization.models import Municipality


@dataclass(frozen=True)
class View:
    url_name: str
    requires: tuple[Capability, ...]  # all of them; () means any member of a municipality
    # The object the URL names: "unit", "member", or a function giving a Stavanger object's id.
    target: str | Callable[[Municipality], int] | None = None
    valid_post: Callable[[Municipality], dict[str, Any]] | None = None  # for views that change
    redirects_to: str = ""  # where a valid POST lands (path prefix)
    # Who may act also depends on the object (e.g. "the initiative's own project leader"): the
    # roles the test should treat as allowed, overriding the capability check when given.
    allowed_roles: frozenset[str] | None = None


@dataclass(frozen=True)
class Target:
    """What a URL names: the object, how to recognise it in a response, a POST that would change
    it if the view let it through, and the URL keyword that carries the id."""

    pk: int
    tell_tale: str
    post: dict[str, Any] = field(default_factory=dict)
    kwarg: str = "pk"
    # Who in Stavanger may open it (200), to show the other side's 404 is tenancy's: the
    # administrator as a rule, or the one the object's duties fall to (segregation of duties).
    viewer: str = "admin"


def contributions(attribute: str) -> list[Any]:
    """Everything the modules' matrix_*.py files list under ``attribute``."""
    found: list[Any] = []
    root = Path(__file__).parent
    for path in sorted(root.glob("*/matrix_*.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.{path.stem}")
        value = getattr(module, attribute, None)
        if isinstance(value, dict):
            found.extend(value.items())
        elif value:
            found.extend(value)
    return found

"""How long the decision points take, in the role matrix (see tests/matrix.py): read-only, for
every role that sees the portfolio, and it names no object (so no tenancy target)."""

from helhet.accounts.roles import Capability
from tests.matrix import View

ROLE_VIEWS = [View("projects:gate_times", (Capability.VIEW_PORTFOLIO,))]

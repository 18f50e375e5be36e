"""The accounts module's own pages in the role matrix (tests/accounts/test_role_matrix.py)."""

from tests.matrix import View

ROLE_VIEWS = [
    # Every person changes their own password, whatever their role.
    View("accounts:password_change", ()),
]

"""helhet/core/spreadsheets.py: text a spreadsheet would run as a formula."""

import pytest

from helhet.core.spreadsheets import neutralise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+47 51 50 70 90", "'+47 51 50 70 90"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("RPA", "RPA"),
        ("", ""),
    ],
)
def test_text_a_spreadsheet_would_run_as_a_formula_gets_an_apostrophe(
    text: str, expected: str
) -> None:
    assert neutralise(text) == expected

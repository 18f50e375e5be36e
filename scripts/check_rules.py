"""Check Helhet's own rules, the ones no general linter knows (run by `make check`).

Each rule is a regular expression matched line by line in the files it covers, with a description
that says what to do instead and good and bad example lines. The examples are checked on every
run, before the code, so a rule that stops matching its bad lines (or starts matching its good
ones) fails at once. Lines that are comments in Python are not checked.

Usage: python scripts/check_rules.py   (from the repository root; exit status 1 on a violation)

A violation that cannot be removed yet may be allowed, per rule and file, in
scripts/check_rules_allow.txt (`<rule> <path>` a line, `#` comments). An allowance that no longer
matches anything is reported (without failing) so that it is removed. Keep the list empty.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLOW_FILE = ROOT / "scripts" / "check_rules_allow.txt"
# Folders never checked: other people's code, generated files and local state.
SKIP_DIRS = {".git", ".venv", "node_modules", "var", "__pycache__", "helhet.egg-info"}
CHECKED_SUFFIXES = {".py", ".html"}


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    pattern: str
    include: tuple[str, ...]
    good: tuple[str, ...]
    bad: tuple[str, ...]
    exclude: tuple[str, ...] = ()

    def covers(self, path: str) -> bool:
        return any(fnmatch(path, glob) for glob in self.include) and not any(
            fnmatch(path, glob) for glob in self.exclude
        )

    def matches(self, line: str) -> bool:
        return re.search(self.pattern, line) is not None


# fnmatch's `*` also matches `/`, so `helhet/*/views*` covers views.py and a views/ package.
RULES = (
    Rule(
        name="lookup-outside-access",
        description=(
            "views and the API look objects up through the access helpers in <app>/access.py "
            "(get_<thing>_for_user / get_rw_<thing>_for_user), which scope them to the person's "
            "municipality; no .objects.get( or get_object_or_404 of their own"
        ),
        pattern=r"\.objects\.get\(|\bget_(object|list)_or_404\b",
        include=("helhet/*/views*.py", "helhet/api/*.py"),
        exclude=("*/access.py",),
        good=(
            "initiative = get_rw_initiative_for_user(request, pk)",
            "saved = Measurement.objects.select_related('recorded_by').get(pk=measurement.pk)",
            "units = Unit.objects.filter(municipality=municipality)",
        ),
        bad=(
            "initiative = Initiative.objects.get(pk=pk)",
            "found = get_object_or_404(Municipality, slug=slug)",
            "from django.shortcuts import get_object_or_404, render",
        ),
    ),
    Rule(
        name="history-user-outside-history",
        description=(
            "who made a change is recorded by helhet.core.history.save_with_history / "
            "delete_with_history, the only place that sets _history_user"
        ),
        pattern=r"\b_history_user\b",
        include=("*.py",),
        exclude=("helhet/core/history.py", "scripts/check_rules.py"),
        good=(
            "save_with_history(benefit, actor=actor)",
            "delete_with_history(cut, actor=actor)",
        ),
        bad=(
            "benefit._history_user = actor  # type: ignore[attr-defined]",
            "setattr(obj, '_history_user', actor)",
        ),
    ),
    Rule(
        name="type-ignore-on-history",
        description=(
            "history needs no '# type: ignore' outside helhet/core/history.py: save and delete "
            "through save_with_history / delete_with_history, which are typed"
        ),
        pattern=r"(?i)history.*#\s*type:\s*ignore",
        include=("*.py",),
        # The home of the plumbing is where simple-history's untyped attributes are met, once.
        exclude=("helhet/core/history.py", "scripts/check_rules.py"),
        good=(
            "save_with_history(indicator, actor=actor, update_fields=['latest_value'])",
            "value = cast(int, row['count'])  # type: ignore[misc]",
        ),
        bad=(
            "obj._history_user = actor  # type: ignore[attr-defined]",
            "for entry in initiative.history.all():  # type: ignore",
        ),
    ),
    Rule(
        name="partial-not-prefixed",
        description=(
            'a template that is only included is a partial and its name starts with "_" '
            "(e.g. includes/_field.html)"
        ),
        pattern=r"""\{%\s*include\s+["'](?:[^"'/]*/)*(?!_)[^"'/]+["']""",
        include=("helhet/templates/*.html",),
        good=(
            '{% include "includes/_field.html" with field=form.name %}',
            '{% include "_menu.html" %}',
            "{% include template_name %}",
        ),
        bad=(
            '{% include "includes/field.html" with field=form.name %}',
            "{% include 'portfolio/cross_nav.html' %}",
            '{% include "menu.html" %}',
        ),
    ),
    Rule(
        name="partial-extends",
        description=(
            'a template whose name starts with "_" is a partial: it is included, it extends nothing'
        ),
        pattern=r"\{%\s*extends\b",
        include=("helhet/templates/*/_*.html", "helhet/templates/_*.html"),
        good=('{% load i18n %}{% include "includes/_field.html" %}',),
        bad=('{% extends "base.html" %}{% load i18n %}',),
    ),
    Rule(
        name="inline-script-or-style",
        description=(
            "the Content Security Policy allows no inline scripts, styles or event handlers: "
            "put them in a file under helhet/static/ and link it"
        ),
        pattern=r"<script\b(?![^>]*\bsrc=)|<style\b|\sstyle=|\son[a-z]+=[\"']",
        include=("helhet/templates/*.html",),
        good=(
            "<script src=\"{% static 'helhet/chart.js' %}\" defer></script>",
            '<link rel="stylesheet" href="{% static \'helhet/initiative.css\' %}">',
            '<button type="submit" class="ds-button">',
        ),
        bad=(
            "<script>document.title = 'x'</script>",
            "<style>.hh-bar { width: 40% }</style>",
            '<div style="width: 40%">',
            '<select onchange="this.form.submit()">',
        ),
    ),
)


def self_test() -> list[str]:
    """The rules' own examples: every bad line matches its rule and no good line does."""
    problems = []
    for rule in RULES:
        missed = [line for line in rule.bad if not rule.matches(line)]
        caught = [line for line in rule.good if rule.matches(line)]
        problems += [f"{rule.name}: misses its bad example {line!r}" for line in missed]
        problems += [f"{rule.name}: matches its good example {line!r}" for line in caught]
    return problems


def checked_files() -> list[str]:
    found = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in SKIP_DIRS]
        relative = Path(folder).relative_to(ROOT)
        found += [
            (relative / name).as_posix() for name in files if Path(name).suffix in CHECKED_SUFFIXES
        ]
    return sorted(found)


def read_allowed() -> set[tuple[str, str]]:
    if not ALLOW_FILE.exists():
        return set()
    allowed = set()
    for raw in ALLOW_FILE.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            rule, path = line.split()
            allowed.add((rule, path))
    return allowed


def violations(files: list[str]) -> list[tuple[str, int, Rule, str]]:
    found = []
    for path in files:
        rules = [rule for rule in RULES if rule.covers(path)]
        if not rules:
            continue
        text = (ROOT / path).read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            if path.endswith(".py") and line.lstrip().startswith("#"):
                continue
            found += [(path, number, rule, line) for rule in rules if rule.matches(line)]
    return found


def precommit_out_of_step() -> list[str]:
    """The pre-commit hooks run exactly the Makefile's checks (`make check-<name>` for each of
    CHECKS), so that a commit is checked as `make check` would check it."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    found = re.search(r"^CHECKS\s*:=\s*(.*)$", makefile, re.MULTILINE)
    checks = set(found.group(1).split()) if found else set()
    config = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    hooks = set(re.findall(r"^\s*entry:\s*make\b.*\bcheck-([a-z-]+)\s*$", config, re.MULTILINE))
    return [
        f".pre-commit-config.yaml: no hook runs `make check-{name}` (in the Makefile's CHECKS)"
        for name in sorted(checks - hooks)
    ] + [
        f".pre-commit-config.yaml: `make check-{name}` is not in the Makefile's CHECKS"
        for name in sorted(hooks - checks)
    ]


def main() -> int:
    problems = self_test()
    if problems:
        print("\n".join(problems))
        return 1
    problems = precommit_out_of_step()
    for problem in problems:
        print(problem)
    names = {rule.name for rule in RULES}
    allowed = read_allowed()
    unknown = {(rule, path) for rule, path in allowed if rule not in names}
    used: set[tuple[str, str]] = set()
    failed = bool(problems)
    for path, number, rule, line in violations(checked_files()):
        if (rule.name, path) in allowed:
            used.add((rule.name, path))
            continue
        failed = True
        print(f"{path}:{number}: {rule.name}: {rule.description}\n    {line.strip()}")
    for name, path in sorted(allowed - used - unknown):
        print(f"{ALLOW_FILE.relative_to(ROOT)}: '{name} {path}' allows nothing any more; remove it")
    for name, _ in sorted(unknown):
        failed = True
        print(f"{ALLOW_FILE.relative_to(ROOT)}: no rule is called {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

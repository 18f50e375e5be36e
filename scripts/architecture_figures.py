"""Print the figures the architecture is judged by: file and function length, app imports.

Usage: python scripts/architecture_figures.py   (from the repository root)
Counts application code under helhet/, leaving out migrations and tests.
"""

from __future__ import annotations

import ast
import statistics
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "helhet"


def app_files() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if "migrations" not in p.parts)


def app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "helhet" else None


def runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node but those under ``if TYPE_CHECKING:`` (annotations only, as the import contract
    counts them)."""
    nodes: list[ast.AST] = []
    todo = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            todo.extend(node.orelse)
            continue
        nodes.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return nodes


def main() -> None:
    files = app_files()
    lengths = {p: len(p.read_text().splitlines()) for p in files}
    functions: list[tuple[int, str]] = []
    edges: dict[tuple[str, str], str] = {}
    for path in files:
        tree = ast.parse(path.read_text())
        here = path.relative_to(ROOT.parent).with_suffix("").as_posix().replace("/", ".")
        here_app = app_of(here)
        for node in runtime_nodes(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                functions.append((size, f"{path.relative_to(ROOT.parent)}::{node.name}"))
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                other = app_of(node.module)
                if other and here_app and other != here_app:
                    edges.setdefault((here_app, other), here)
            if isinstance(node, ast.Import):
                for alias in node.names:
                    other = app_of(alias.name)
                    if other and here_app and other != here_app:
                        edges.setdefault((here_app, other), here)
    sizes = sorted(lengths.values())
    print(f"application files: {len(files)}, lines: {sum(sizes)}")
    print(
        f"lines per file: mean {statistics.mean(sizes):.0f}, median {statistics.median(sizes):.0f}"
    )
    over = [(n, p) for p, n in lengths.items() if n > 600]
    print(f"files over 600 lines: {len(over)}; over 500: {sum(1 for n in sizes if n > 500)}")
    for n, p in sorted(over, reverse=True):
        print(f"  {n:5d} {p.relative_to(ROOT.parent)}")
    sizes_f = sorted(s for s, _ in functions)
    print(f"functions: {len(functions)}, median length {statistics.median(sizes_f):.0f} lines")
    long = sorted((f for f in functions if f[0] > 80), reverse=True)
    print(f"functions over 80 lines: {len(long)}; over 100: {sum(1 for s, _ in long if s > 100)}")
    for size, name in long:
        print(f"  {size:5d} {name}")
    core_out = sorted(b for a, b in edges if a == "core")
    print(f"core imports from: {', '.join(core_out) or 'nothing'}")
    cycles = sorted({tuple(sorted((a, b))) for a, b in edges if (b, a) in edges})
    print(f"two-way imports between apps: {len(cycles)}")
    for a, b in cycles:
        print(f"  {a} <-> {b} ({edges[(a, b)]} / {edges[(b, a)]})")


if __name__ == "__main__":
    main()

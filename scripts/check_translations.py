"""Checks that the translations are complete and current, as `make test` requires:

1. every translatable string in the code and templates is in each catalogue (extracted afresh
   with Django's makemessages into a temporary copy, so the working tree is not touched);
2. every entry is translated, none is fuzzy, and the placeholders match the source;
3. the compiled .mo files hold exactly what the .po files say.

Run `make messages` to bring new strings into the catalogues, translate them, and compile."""

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "helhet" / "locale"
LANGUAGES = ["nb", "en"]
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}")


def extracted_msgids() -> set[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp)
        for name in ("helhet", "config", "manage.py"):
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy(source, copy / name)
        shutil.rmtree(copy / "helhet" / "locale")
        (copy / "helhet" / "locale").mkdir()
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-l", "nb", "-v0"],
            cwd=copy,
            check=True,
        )
        po = polib.pofile(str(copy / "helhet" / "locale" / "nb" / "LC_MESSAGES" / "django.po"))
        return {(entry.msgctxt or "", entry.msgid) for entry in po}


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def main() -> int:
    problems: list[str] = []
    in_code = extracted_msgids()
    for language in LANGUAGES:
        po_path = LOCALE / language / "LC_MESSAGES" / "django.po"
        mo_path = po_path.with_suffix(".mo")
        po = polib.pofile(str(po_path))
        in_catalogue = {(entry.msgctxt or "", entry.msgid) for entry in po if not entry.obsolete}
        for _ctx, msgid in sorted(in_code - in_catalogue):
            problems.append(f"{language}: not in the catalogue: {msgid!r}")
        for entry in po:
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags:
                problems.append(f"{language}: fuzzy: {entry.msgid!r}")
            translations = (
                list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
            )
            if not all(translations):
                problems.append(f"{language}: not translated: {entry.msgid!r}")
                continue
            for translation in translations:
                if placeholders(translation) != placeholders(entry.msgid):
                    problems.append(f"{language}: placeholders differ: {entry.msgid!r}")
        if not mo_path.exists():
            problems.append(f"{language}: {mo_path.relative_to(ROOT)} is missing")
        else:
            compiled = {(e.msgctxt or "", e.msgid): e.msgstr for e in polib.mofile(str(mo_path))}
            written = {
                (e.msgctxt or "", e.msgid): e.msgstr
                for e in po.translated_entries()
                if not e.msgid_plural
            }
            if any(compiled.get(key) != value for key, value in written.items()):
                problems.append(f"{language}: the .mo file is out of date: run `make messages`")
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} translation problem(s). Run `make messages` and translate.")
        return 1
    print(f"Translations complete: {len(in_code)} strings in {', '.join(LANGUAGES)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

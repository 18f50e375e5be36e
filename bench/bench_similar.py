"""How fast "similar work" answers (the initiatives and lessons like an initiative, and who did
them) over 10,000 initiatives and 50,000 lessons, and how fast the overlaps list is.

Builds a throw-away database (a temporary SQLite file, or the PostgreSQL database in
DATABASE_URL when it is set, as under scripts/with-postgres.sh), migrates it, loads the demo
municipalities, generates initiatives in Stavanger (``generate_bench_data``), gives each a need
of a few sentences and themes, and writes lessons with bulk_create (texts from the same
vocabulary, so that many share words). It then times the finder for an initiative and for an
idea's text, and the pages and API that show it, many times, and prints the median and 95th
percentile server time and the number of database queries. Prints figures; asserts nothing.

    make bench            # SQLite and PostgreSQL
    .venv/bin/python bench/bench_similar.py [--initiatives N] [--lessons N] [--requests N]
    bash scripts/with-postgres.sh .venv/bin/python bench/bench_similar.py
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BATCH = 2000
# Domain words (a few hundred, as in a real portfolio's texts) and ordinary words between them.
DOMAIN = [
    "medisindispensere",
    "påminnelser",
    "hjemmetjenesten",
    "arbeidslister",
    "kjøreruter",
    "sensorer",
    "fallsensor",
    "dørsensor",
    "trygghetsalarm",
    "velferdsteknologi",
    "robotisering",
    "fakturakontroll",
    "saksbehandling",
    "arkivering",
    "skjemaløsning",
    "innbyggerdialog",
    "chatbot",
    "kunstig",
    "intelligens",
    "datadeling",
    "datasjø",
    "skytjenester",
    "informasjonssikkerhet",
    "personvern",
    "barnehageplass",
    "skoleskyss",
    "byggesak",
    "parkering",
    "ruteoptimalisering",
    "videokonsultasjon",
    "journalsystem",
    "turnus",
    "integrasjon",
    "leverandør",
    "anskaffelse",
    "opplæring",
    "kursing",
    "implementering",
    "gevinstrealisering",
    "måltall",
    "brukerlister",
    "oppfølging",
    "droner",
]
FILLER = [
    "og",
    "i",
    "for",
    "med",
    "som",
    "skal",
    "til",
    "på",
    "av",
    "det",
    "er",
    "en",
    "et",
    "de",
    "vi",
    "har",
    "blir",
    "ble",
    "kan",
    "må",
    "vil",
    "at",
    "om",
    "fra",
    "ved",
]
VOCABULARY = DOMAIN + [
    f"{first}{second}"
    for first in DOMAIN[:20]
    for second in (
        "tjeneste",
        "system",
        "plan",
        "rutine",
        "data",
        "modell",
        "verktøy",
        "prosess",
        "portal",
        "register",
    )
]


def sentence(rng: random.Random, words: int) -> str:
    """A sentence of ``words`` words, every third a domain word."""
    chosen = [
        rng.choice(VOCABULARY) if place % 3 == 0 else rng.choice(FILLER) for place in range(words)
    ]
    return " ".join(chosen).capitalize() + "."


def generate_texts(stavanger: Any, *, lessons: int, rng: random.Random) -> dict[str, int]:
    """A need of three sentences and one or two themes for every initiative, and ``lessons``
    lessons tied to them, written directly (the services write one row at a time)."""
    from helhet.accounts.models import User
    from helhet.learning.models import Lesson, LessonSource
    from helhet.learning.search import refresh_search, words_of
    from helhet.portfolio.models import Initiative, Tag

    initiatives = list(Initiative.objects.filter(municipality=stavanger).only("pk", "need"))
    for row in initiatives:
        row.need = " ".join(sentence(rng, 10) for _ in range(3))
    Initiative.objects.bulk_update(initiatives, ["need"], batch_size=BATCH)
    tags = list(Tag.objects.filter(municipality=stavanger))
    through = Initiative.tags.through
    through.objects.filter(initiative__municipality=stavanger).delete()
    through.objects.bulk_create(
        [
            through(initiative_id=row.pk, tag_id=tag.pk)
            for row in initiatives
            for tag in rng.sample(tags, k=rng.choice([1, 2]))
        ],
        batch_size=BATCH,
    )
    author = User.objects.get(username="prosjektleder")
    written = []
    for _ in range(lessons):
        texts = {
            "title": sentence(rng, 4)[:-1],
            "what_happened": sentence(rng, 12),
            "learned": sentence(rng, 12),
            "advice": sentence(rng, 8),
        }
        written.append(
            Lesson(
                municipality=stavanger,
                source=LessonSource.WRITTEN,
                initiative_id=rng.choice(initiatives).pk,
                author=author,
                search_text=words_of(*texts.values()),
                **texts,
            )
        )
    made = Lesson.objects.bulk_create(written, batch_size=BATCH)
    lesson_through = Lesson.themes.through
    lesson_through.objects.bulk_create(
        [lesson_through(lesson_id=row.pk, tag_id=rng.choice(tags).pk) for row in made],
        batch_size=BATCH,
    )
    refresh_search()
    return {"initiatives": len(initiatives), "lessons": len(made)}


def _timed(run: Callable[[], Any], requests: int) -> tuple[float, float]:
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        run()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return statistics.median(timings), p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--initiatives", type=int, default=10_000)
    parser.add_argument("--lessons", type=int, default=50_000)
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        tmp = tempfile.mkdtemp(prefix="helhet-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)

    from helhet.demo.municipalities import build_demo
    from helhet.learning import similarity
    from helhet.portfolio.models import Initiative

    stavanger = build_demo()["stavanger"]
    started = time.perf_counter()
    call_command(
        "generate_bench_data", municipality="stavanger", initiatives=args.initiatives, verbosity=0
    )
    with transaction.atomic():
        made = generate_texts(stavanger, lessons=args.lessons, rng=random.Random(2017))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    generated = time.perf_counter() - started
    database = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    print(
        f"{made['initiatives']} initiatives and {made['lessons']} lessons in Stavanger, generated "
        f"in {generated:.1f} s; {args.requests} runs each ({database}, Django test client, one "
        "process)."
    )
    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    initiative = Initiative.objects.filter(municipality=stavanger).order_by("pk")[500]
    idea_text = (
        "Digitale medisindispensere med påminnelser, oppfølging av brukerlister i hjemmetjenesten"
    )
    calls = [
        ("similar_to_initiative()", partial(similarity.similar_to_initiative, initiative)),
        (
            "similar_work() for an idea's text",
            partial(
                similarity.similar_work,
                similarity.Query(municipality_id=stavanger.pk, text=idea_text),
            ),
        ),
    ]
    print(f"{'what':<46} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'found':>6}")
    for label, run in calls:
        queries.clear()
        with connection.execute_wrapper(count):
            found = run()
        median, p95 = _timed(run, args.requests)
        shown = len(found.initiatives) + len(found.lessons)
        print(f"{label:<46} {median:>10.1f} {p95:>8.1f} {len(queries):>8} {shown:>6}")

    client = Client()
    client.force_login(_office())
    pages = _pages(initiative.pk)
    for label, url in pages:
        queries.clear()
        with connection.execute_wrapper(count):
            response = client.get(url)
        if response.status_code != 200:
            print(f"{label:<46} answered {response.status_code}")
            continue
        median, p95 = _timed(partial(client.get, url), args.requests)
        print(f"{label:<46} {median:>10.1f} {p95:>8.1f} {len(queries):>8}")


def _office() -> Any:
    from helhet.accounts.models import User

    return User.objects.get(username="portefolje")


def _pages(pk: int) -> list[tuple[str, str]]:
    """The pages that show similar work, as far as they exist (the URL names are looked up)."""
    from django.urls import NoReverseMatch, reverse

    found = []
    for label, name, kwargs in [
        ("similar work page /laering/lignende/<pk>/", "learning:similar", {"pk": pk}),
        ("overlaps /laering/overlapp/", "learning:overlaps", {}),
    ]:
        try:
            found.append((label, reverse(name, kwargs=kwargs)))
        except NoReverseMatch:
            continue
    return found


if __name__ == "__main__":
    main()

"""How fast the lessons register searches and filters 50,000 lessons.

Builds a throw-away database (a temporary SQLite file, or the PostgreSQL database in
DATABASE_URL when it is set, as under scripts/with-postgres.sh), migrates it, loads the demo
municipalities, generates initiatives in Stavanger (``generate_bench_data``), then writes 50,000
lessons with bulk_create: Norwegian texts from a vocabulary of a few hundred words, each with a
unit, most with an initiative, a phase, one to three of 40 themes and a source, their search
words kept as the lesson services keep them (``search_text``, and on PostgreSQL the full-text
vector in one UPDATE: ``learning.search.refresh_search``). It then times the register's page
through the test client as a reader: the newest first, searched for a common and a rare word,
searched and filtered by theme and department, and filtered by method; the median and 95th
percentile server time and the number of database queries. Prints figures; asserts nothing.

    make bench            # SQLite and PostgreSQL
    .venv/bin/python bench/bench_lessons.py [--lessons N] [--initiatives N] [--requests N]
    bash scripts/with-postgres.sh .venv/bin/python bench/bench_lessons.py
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BATCH = 2000
VOCABULARY = (
    "oppfølging implementering brukere ansatte leverandør opplæring kurs bruken faller holder "
    "robot prosess automatisering fakturamottak saksbehandling tjenesten innbyggere digital "
    "løsning pilot drift overlevering eierskap involvering frykt overflødig tid gevinst "
    "kostnad budsjett anskaffelse kontrakt personvern risiko avvik endring beslutning "
    "styringsgruppe prosjektleder prosjekteier metode fase kartlegging behov innsikt "
    "prototyp testing sensor alarm dispenser trygghetsalarm velferdsteknologi hjemmetjeneste "
    "sykehjem legevakt skole barnehage byggesak arkiv sak portal skjema integrasjon data "
    "analyse rapport dashbord kvalitet forbedring samarbeid avdeling enhet seksjon ledelse "
    "kommunikasjon informasjon plan tiltak evaluering erfaring lærdom råd forankring tillit "
    "motstand endringsledelse superbruker ambassadør rutine sjekkliste mal veileder nettverk "
    "møte workshop frist forsinkelse ressurser kompetanse rekruttering vikar turnus natt "
    "helg ferie sommer vinter høst vår økonomi regnskap lønn innkjøp lager transport bil "
    "drone kart vann avløp vei park renovasjon energi bygg eiendom vedlikehold"
)
WORDS = VOCABULARY.split()
THEMES = [f"Tema {number:02d}" for number in range(40)]
PHASES = ["Konsept", "Planlegging", "Gjennomføring", "Avslutning", "Innsiktsarbeid", "Drift"]
SOURCES = ["log", "closing", "solution", "written"]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def generate_lessons(stavanger: Any, count: int, rng: random.Random) -> int:
    """``count`` lessons in Stavanger, written directly (the services write one at a time), with
    their search words as the services keep them."""
    from django.utils import timezone

    from helhet.accounts.models import User
    from helhet.learning.models import Lesson
    from helhet.learning.search import refresh_search, search_text_of
    from helhet.organization.models import OrgUnit
    from helhet.portfolio.models import Initiative, Tag

    authors = list(User.objects.filter(memberships__municipality=stavanger))
    units = list(OrgUnit.objects.filter(municipality=stavanger))
    initiatives = list(Initiative.objects.filter(municipality=stavanger).only("pk", "name"))
    tags = [Tag.objects.get_or_create(municipality=stavanger, name=name)[0] for name in THEMES]
    now = timezone.now()
    made, themes_of = [], []
    for number in range(count):
        initiative = rng.choice(initiatives) if rng.random() < 0.8 else None
        unit = rng.choice(units)
        chosen = rng.sample(tags, rng.randint(1, 3))
        phase = rng.choice(PHASES)
        title = _text(rng, 6)[:-1]
        happened, learned, advice = _text(rng, 40), _text(rng, 30), _text(rng, 20)
        made.append(
            Lesson(
                municipality=stavanger,
                source=rng.choice(SOURCES),
                title=f"{title} {number}",
                what_happened=happened,
                learned=learned,
                advice=advice,
                initiative=initiative,
                unit=unit,
                phase_name=phase,
                author=rng.choice(authors),
                written_at=now - timedelta(minutes=number * 7),
                search_text=search_text_of(
                    title=title,
                    what_happened=happened,
                    learned=learned,
                    advice=advice,
                    themes=[tag.name for tag in chosen],
                    initiative_name=initiative.name if initiative else "",
                    unit_name=unit.name,
                    phase_name=phase,
                ),
            )
        )
        themes_of.append(chosen)
    made = Lesson.objects.bulk_create(made, batch_size=BATCH)
    through = Lesson.themes.through
    through.objects.bulk_create(
        [
            through(lesson_id=lesson.pk, tag_id=tag.pk)
            for lesson, chosen in zip(made, themes_of, strict=True)
            for tag in chosen
        ],
        batch_size=BATCH * 2,
    )
    refresh_search()
    return len(made)


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

    from helhet.accounts.models import User
    from helhet.demo.municipalities import build_demo
    from helhet.methodology.models import Method
    from helhet.organization.models import OrgUnit
    from helhet.portfolio.models import Tag

    stavanger = build_demo()["stavanger"]
    started = time.perf_counter()
    call_command(
        "generate_bench_data", municipality="stavanger", initiatives=args.initiatives, verbosity=0
    )
    with transaction.atomic():
        lessons = generate_lessons(stavanger, args.lessons, random.Random(2021))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    generated = time.perf_counter() - started
    client = Client()
    client.force_login(User.objects.get(username="leser"))
    database = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    print(
        f"{lessons} lessons from {args.initiatives} initiatives in Stavanger, generated in "
        f"{generated:.1f} s; {args.requests} runs each ({database}, Django test client, one "
        "process)."
    )
    theme = Tag.objects.get(municipality=stavanger, name="Tema 07").pk
    department = OrgUnit.objects.get(municipality=stavanger, name="Helse og velferd").pk
    method = Method.objects.filter(municipality=stavanger).order_by("pk").first()
    pages: list[tuple[str, dict[str, Any]]] = [
        ("newest first", {}),
        ("search a common word: oppfølging", {"q": "oppfølging"}),
        ("search two words: frykt overflødig", {"q": "frykt overflødig"}),
        ("search another word: drone", {"q": "drone"}),
        ("search + theme + department", {"q": "kurs", "theme": theme, "unit": department}),
        ("method + phase", {"method": method.pk if method else "", "phase": "Gjennomføring"}),
        ("search, page 20", {"q": "brukere", "page": 20}),
    ]
    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    print(
        f"{'/laering/erfaringer/':<40} {'found':>7} {'median ms':>10} {'p95 ms':>8} {'queries':>8}"
    )
    for label, params in pages:
        queries.clear()
        with connection.execute_wrapper(count):
            response = client.get("/laering/erfaringer/", params)
        assert response.status_code == 200, (label, response.status_code)
        found = response.context["page"].paginator.count
        median, p95 = _timed(partial(client.get, "/laering/erfaringer/", params), args.requests)
        print(f"{label:<40} {found:>7} {median:>10.1f} {p95:>8.1f} {len(queries):>8}")


if __name__ == "__main__":
    main()

"""Every free text has a maximum length (helhet/core/text.py): in the model, so full_clean and
every save through save_with_history refuse more, and in the API's schema, so a client knows the
limit and gets a 422 instead of a stored 2 MB text."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Max
from django.db.models.functions import Length
from django.test import Client

from helhet.core.history import save_with_history
from helhet.core.text import LONG_TEXT, max_length_of
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from tests.conftest import unit_named


def _text_fields() -> list[tuple[str, models.Field[Any, Any]]]:
    found: list[tuple[str, models.Field[Any, Any]]] = []
    for model in apps.get_models():
        if not model.__module__.startswith("helhet.") or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.CharField | models.TextField):
                found.append((f"{model._meta.label}.{field.name}", field))
    return found


def test_the_walk_finds_the_free_text_fields() -> None:
    names = [name for name, _field in _text_fields()]
    assert "portfolio.Initiative.need" in names
    assert "methodology.Decision.comment" in names
    assert len(names) > 80


@pytest.mark.parametrize(("name", "field"), _text_fields(), ids=lambda value: str(value))
def test_every_text_field_of_every_model_has_a_maximum_length(
    name: str, field: models.Field[Any, Any]
) -> None:
    assert field.max_length, f"{name} has no max_length: use helhet.core.text.limited_text"
    limits = [v.limit_value for v in field.validators if isinstance(v, MaxLengthValidator)]
    assert limits == [field.max_length], f"{name} does not validate its max_length"


def test_full_clean_refuses_a_need_over_its_limit(stavanger: Municipality) -> None:
    initiative = Initiative(
        municipality=stavanger,
        name="For langt",
        kind="project",
        owning_unit=unit_named(stavanger, "Innovasjon og digitalisering"),
        need="x" * (LONG_TEXT + 1),
    )
    with pytest.raises(ValidationError) as refused:
        initiative.full_clean(validate_unique=False, validate_constraints=False)
    assert refused.value.message_dict["need"] == [
        f"Skriv høyst {LONG_TEXT} tegn (teksten har {LONG_TEXT + 1})."
    ]


def test_save_with_history_refuses_text_over_its_limit_and_saves_nothing(
    stavanger: Municipality,
) -> None:
    initiative = Initiative(
        municipality=stavanger,
        name="For langt",
        kind="project",
        owning_unit=unit_named(stavanger, "Innovasjon og digitalisering"),
        need="x" * 2_000_000,
    )
    with pytest.raises(ValidationError) as refused:
        save_with_history(initiative, actor=None)
    assert list(refused.value.message_dict) == ["need"]
    assert not Initiative.objects.filter(name="For langt").exists()
    assert not Initiative.history.filter(name="For langt").exists()


def test_max_length_of_reads_the_model() -> None:
    assert max_length_of(Initiative, "need") == LONG_TEXT
    assert max_length_of(Initiative, "name") == 200


def _request_strings(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every free string property of every request body (and of its lists), by name: not
    dates, numbers as text or choices."""
    components = schema["components"]["schemas"]
    bodies = set()
    for path in schema["paths"].values():
        for operation in path.values():
            content = operation.get("requestBody", {}).get("content", {})
            for media in content.values():
                bodies.add(media["schema"]["$ref"].rsplit("/", 1)[-1])
    found = []
    seen: set[str] = set()
    while bodies:
        name = bodies.pop()
        seen.add(name)
        for prop, spec in components[name].get("properties", {}).items():
            options = [spec, *spec.get("anyOf", [])]
            if any(option.get("type") in ("number", "integer") for option in options):
                continue  # a decimal, which may also be sent as a string
            for option in options:
                item = option.get("items", option)
                if "$ref" in item:
                    ref = item["$ref"].rsplit("/", 1)[-1]
                    if ref not in seen:
                        bodies.add(ref)
                elif item.get("type") == "string" and not {"format", "pattern", "enum"} & set(item):
                    found.append((f"{name}.{prop}", item))
    return found


def test_every_string_in_an_api_request_body_has_a_max_length(db: None) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    strings = _request_strings(schema)

    assert "InitiativePatch.need" in [name for name, _spec in strings]
    unlimited = [name for name, spec in strings if "maxLength" not in spec]
    assert unlimited == []


def _form_text_fields_without_limit() -> list[str]:
    """Every ``forms.CharField(...)`` in Helhet's code without ``max_length`` (a password is
    hashed, not stored, so it needs none)."""
    found = []
    root = Path(__file__).resolve().parents[2]
    for path in sorted((root / "helhet").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "CharField"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "forms"
            ):
                continue
            keywords = {keyword.arg: keyword.value for keyword in node.keywords}
            if "max_length" in keywords or "PasswordInput" in ast.dump(
                keywords.get("widget", node)
            ):
                continue
            found.append(f"{path}:{node.lineno}")
    return found


def test_every_text_field_of_every_form_has_a_maximum_length() -> None:
    assert _form_text_fields_without_limit() == [], "use max_length=max_length_of(Model, field)"


def test_the_demo_data_fits_the_limits(demo: dict[str, Municipality]) -> None:
    too_long = []
    for name, field in _text_fields():
        model = field.model
        longest = model._default_manager.aggregate(longest=Max(Length(field.name)))["longest"]
        if longest and longest > field.max_length:
            too_long.append(f"{name}: {longest} > {field.max_length}")
    assert too_long == []

"""The OpenAPI description names each schema once: django-ninja files schemas under their class
name, so two API modules with a class of the same name would silently describe one answer with
the other's shape (a fund's assessment read as a service's, say)."""

from collections import Counter

from ninja import Schema

from helhet.api.urls import api


def _schema_classes() -> list[type[Schema]]:
    found: list[type[Schema]] = []
    pending = list(Schema.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("helhet.api."):
            found.append(cls)
    return found


def test_no_two_api_schemas_share_a_name() -> None:
    api.get_openapi_schema()  # every router and its schemas loaded
    names = Counter(cls.__name__ for cls in _schema_classes())
    assert not [name for name, count in names.items() if count > 1]

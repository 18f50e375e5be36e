"""A new version uploaded as a file: accepted kinds recognised by their content, the name
agreeing with the content, the size limit, and a refusal that leaves nothing behind."""

import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from pytest_django.fixtures import Settings

from helhet.accounts.models import User
from helhet.documents import uploads
from helhet.documents.models import DocumentVersion, ProjectDocument
from helhet.documents.services import document_version_upload
from helhet.organization.models import Municipality
from helhet.portfolio.services import initiative_delete
from tests.documents import files
from tests.documents.helpers import full_state, open_document, requirement_named, stored_files
from tests.projects.matrix_projects import project

pytestmark = pytest.mark.django_db


def _mandate(stavanger: Municipality) -> ProjectDocument:
    initiative = project(stavanger, "Trygghetsalarm")
    return open_document(initiative, requirement_named(initiative, "Mandat for konseptfasen"))


@pytest.mark.parametrize(
    ("name", "make", "kind"),
    [
        ("mandat.pdf", files.pdf, "pdf"),
        ("skisse.png", files.png, "png"),
        ("foto.jpg", files.jpeg, "jpeg"),
        ("foto.JPEG", files.jpeg, "jpeg"),
        ("mandat.docx", files.docx, "docx"),
        ("budsjett.xlsx", files.xlsx, "xlsx"),
        ("presentasjon.pptx", files.pptx, "pptx"),
        ("mandat.odt", files.odt, "odt"),
    ],
)
def test_an_accepted_file_becomes_a_version(
    name: str, make: object, kind: str, stavanger: Municipality, upload_dir: Path
) -> None:
    data = make()  # type: ignore[operator]
    leader = User.objects.get(username="prosjektleder")
    version = document_version_upload(
        actor=leader, document=_mandate(stavanger), upload=files.upload(name, data)
    )
    assert (version.number, version.file_type, version.original_name) == (1, kind, name)
    assert version.size == len(data)
    assert version.sha256 == hashlib.sha256(data).hexdigest()
    assert version.created_by == leader
    assert version.content is None
    assert (upload_dir / version.stored_name).read_bytes() == data


def test_a_stored_file_gets_a_random_name_not_the_users(stavanger: Municipality) -> None:
    version = document_version_upload(
        actor=None,
        document=_mandate(stavanger),
        upload=files.upload("../../etc/mandat.pdf", files.pdf()),
    )
    assert len(version.stored_name) == 32
    assert "mandat" not in version.stored_name
    assert version.original_name == "mandat.pdf"
    assert stored_files() == [version.stored_name]


def _refused(stavanger: Municipality, name: str, data: bytes) -> list[str]:
    document = _mandate(stavanger)
    before = full_state()
    with pytest.raises(ValidationError) as refused:
        document_version_upload(actor=None, document=document, upload=files.upload(name, data))
    assert full_state() == before
    assert stored_files() == []
    return refused.value.message_dict["file"]


def _not_accepted(name: str) -> str:
    return _(
        "“%(name)s” is not a file of a kind Helhet accepts, judged by its content. "
        "Accepted: %(accepted)s."
    ) % {"name": name, "accepted": "PDF, DOCX, XLSX, PPTX, ODT, PNG, JPEG"}


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("mandat.pdf", files.executable),
        ("mandat.pdf", files.html),
        ("mandat.docx", files.plain_zip),
        ("regneark.odt", files.ods),
        ("mandat.txt", lambda: b"Bare tekst"),
    ],
)
def test_a_file_whose_content_is_not_accepted_is_refused(
    name: str, make: object, stavanger: Municipality
) -> None:
    assert _refused(stavanger, name, make()) == [_not_accepted(name)]  # type: ignore[operator]


@pytest.mark.parametrize(
    ("name", "make", "label", "extensions"),
    [
        ("budsjett.xlsx", files.docx, "Word (DOCX)", ".docx"),
        ("mandat.docx", files.xlsx, "Excel (XLSX)", ".xlsx"),
        ("bilde.png", files.pdf, "PDF", ".pdf"),
        ("mandat.pdf", files.jpeg, "JPEG", ".jpg / .jpeg"),
        ("mandat", files.pdf, "PDF", ".pdf"),
    ],
)
def test_a_name_that_does_not_match_the_content_is_refused(
    name: str, make: object, label: str, extensions: str, stavanger: Municipality
) -> None:
    assert _refused(stavanger, name, make()) == [  # type: ignore[operator]
        _(
            "The name “%(name)s” does not match its content, which is %(kind)s. "
            "Name the file with %(extensions)s."
        )
        % {"name": name, "kind": label, "extensions": extensions}
    ]


def test_an_empty_file_is_refused(stavanger: Municipality) -> None:
    assert _refused(stavanger, "mandat.pdf", b"") == [_("The file is empty.")]


def test_a_file_over_the_size_limit_is_refused(stavanger: Municipality, settings: Settings) -> None:
    settings.HELHET_UPLOAD_MAX_BYTES = 100
    assert _refused(stavanger, "mandat.pdf", files.pdf() + b"0" * 100) == [
        _("The file is too large. Files may be at most %(limit)s.") % {"limit": filesizeformat(100)}
    ]


def test_a_file_is_removed_again_if_the_version_cannot_be_saved(
    stavanger: Municipality, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = _mandate(stavanger)

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database down")

    monkeypatch.setattr(DocumentVersion, "save", fail)
    before = full_state()
    with pytest.raises(RuntimeError):
        document_version_upload(
            actor=None, document=document, upload=files.upload("mandat.pdf", files.pdf())
        )
    assert stored_files() == []
    assert full_state() == before


def test_the_upload_folder_is_outside_the_static_files(settings: Settings) -> None:
    from config import settings as project_settings

    folder = project_settings.HELHET_UPLOAD_DIR.resolve()
    assert not folder.is_relative_to(Path(project_settings.STATIC_ROOT).resolve())
    for static in project_settings.STATICFILES_DIRS:
        path = static[1] if isinstance(static, tuple) else static
        assert not folder.is_relative_to(Path(str(path)).resolve())


def test_a_stored_name_is_never_a_path() -> None:
    with pytest.raises(ValueError):
        uploads.open_stored("../db.sqlite3")


def test_deleting_the_initiative_removes_its_uploaded_files(
    stavanger: Municipality, upload_dir: Path, django_capture_on_commit_callbacks: Any
) -> None:
    document = _mandate(stavanger)
    version = document_version_upload(
        actor=None, document=document, upload=files.upload("mandat.pdf", files.pdf())
    )
    assert (upload_dir / version.stored_name).exists()
    with django_capture_on_commit_callbacks(execute=True):
        initiative_delete(actor=None, initiative=document.initiative)
    assert stored_files() == []

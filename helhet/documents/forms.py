"""Forms for a project's documents: which document to work on, a version filled in as the
document type's structured form, a file to upload, and the reason a document is not relevant."""

from __future__ import annotations

from typing import Any

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.documents import uploads
from helhet.documents.models import ProjectDocument
from helhet.documents.services import MAX_FIELD_LENGTH
from helhet.documents.structure import headings
from helhet.methodology.models import DocumentRequirement


class Next:
    FORM = "form"
    UPLOAD = "upload"
    NOT_RELEVANT = "not_relevant"
    VIEW = "view"


class OpenForm(forms.Form):
    """Which of the project's required documents to work on, and what to do with it."""

    requirement = forms.TypedChoiceField(coerce=int)
    next = forms.ChoiceField(
        choices=[
            (Next.FORM, Next.FORM),
            (Next.UPLOAD, Next.UPLOAD),
            (Next.NOT_RELEVANT, Next.NOT_RELEVANT),
            (Next.VIEW, Next.VIEW),
        ],
        required=False,
    )

    def __init__(self, *args: Any, requirements: list[DocumentRequirement], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.requirements = {requirement.pk: requirement for requirement in requirements}
        field = self.fields["requirement"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(pk, requirement.name) for pk, requirement in self.requirements.items()]

    def clean_requirement(self) -> DocumentRequirement:
        return self.requirements[self.cleaned_data["requirement"]]


class StructuredForm(StyledForm):
    """The document type's headings, each a text; at least one must be filled in (the service
    says so)."""

    def __init__(self, *args: Any, document_type: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for heading in headings(document_type):
            self.fields[heading.key] = forms.CharField(
                label=heading.label,
                help_text=heading.help_text,
                required=False,
                max_length=MAX_FIELD_LENGTH,
                strip=True,
                widget=forms.Textarea(attrs={"rows": heading.rows, "class": "ds-input"}),
            )

    def content(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key, "") for key in self.fields}


class UploadForm(StyledForm):
    file = forms.FileField(
        label=_("File"),
        error_messages={"required": _("Choose a file to upload.")},
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(uploads.ACCEPTED_EXTENSIONS)}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, DOCX, XLSX, PPTX, ODT, PNG or JPEG, at most %(limit)s."
        ) % {"limit": filesizeformat(uploads.max_bytes())}


class NotRelevantForm(StyledForm):
    reason = forms.CharField(
        label=_("Why the document is not relevant"),
        required=False,
        max_length=max_length_of(ProjectDocument, "not_relevant_reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The decision maker reads this instead of the document."),
    )


class ConfirmForm(forms.Form):
    """A button and nothing else."""

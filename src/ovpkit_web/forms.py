"""Forms: each one hands its input to the core's validator and returns the core's object."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ovpkit.errors import AnswersError
from ovpkit_web.domain import validate_answers


@dataclass(frozen=True)
class AnswersUpload:
    file_name: str
    text: str


class AnswersUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Answers file (YAML)"),
        help_text=gettext_lazy(
            "The same file the command line reads: 'ovpkit questionnaire' writes a template."
        ),
    )

    def clean_file(self) -> AnswersUpload:
        upload: UploadedFile = self.cleaned_data["file"]
        name = (upload.name or "answers.yaml").rsplit("/", 1)[-1][:200]
        if upload.size is not None and upload.size > settings.ANSWERS_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large for an answers file."))
        try:
            text = upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("The file is not UTF-8 text; save it as UTF-8 and upload it again.")
            ) from None
        try:
            validate_answers(text, name)
        except AnswersError as exc:
            raise forms.ValidationError(answers_error_text(exc)) from None
        return AnswersUpload(file_name=name, text=text)


def answers_error_text(exc: AnswersError) -> str:
    """The core's error for a person: its title, the line and field, what is wrong, the fix."""
    line = _line(exc.file)
    where = []
    if line is not None:
        where.append(_("line %(line)s") % {"line": line})
    if exc.field:
        where.append(_("question or field '%(field)s'") % {"field": exc.field})
    text = f"{exc.heading()}: " + (f"{', '.join(where)}: " if where else "") + exc.message
    if exc.hint:
        text += " " + _("What to do: %(hint)s") % {"hint": exc.hint}
    return text


def _line(file: str | None) -> int | None:
    """The line number in the core's ``file:line`` location, if it gives one."""
    if not file or ":" not in file:
        return None
    tail = file.rsplit(":", 1)[1]
    return int(tail) if tail.isdigit() else None

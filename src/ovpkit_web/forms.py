"""Forms: each one hands its input to the core's validator and returns the core's object."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

import yaml
from babel.numbers import (
    NumberFormatError,
    format_decimal,
    get_decimal_symbol,
    get_group_symbol,
    parse_decimal,
)
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from ovpkit.errors import AnswersError, DataError, OvpkitError, SpecError
from ovpkit_web.data import content_problem, mapping_from_text, safe_name, shipped_choices
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


@dataclass(frozen=True)
class DataUpload:
    upload: UploadedFile
    file_name: str
    mapping: tuple[str, str]  # (shipped name or uploaded file name, uploaded YAML or "")


class DataUploadForm(forms.Form):
    """An incident or population file and the mapping that reads it (shipped or uploaded)."""

    file = forms.FileField(
        label=gettext_lazy("Data file"),
        help_text=gettext_lazy(
            "CSV, Excel (.xlsx, .xls), Parquet or GeoJSON: incidents, or population by area "
            "and year."
        ),
    )
    mapping = forms.ChoiceField(
        label=gettext_lazy("Mapping shipped with ovpkit"),
        required=False,
        help_text=gettext_lazy("The mapping says which column holds what."),
    )
    mapping_file = forms.FileField(
        label=gettext_lazy("Or your own mapping (YAML)"),
        required=False,
        help_text=gettext_lazy("Written like the shipped ones: see docs/diagnosis.md."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["mapping"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("(choose one, or upload your own below)")), *shipped_choices()]

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size is not None and upload.size > settings.DATA_FILE_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s; split it by year and upload each part.")
                % {"limit": filesizeformat(settings.DATA_FILE_MAX_BYTES)}
            )
        head = upload.read(8192)
        upload.seek(0)
        problem = content_problem(upload.name or "", head)
        if problem:
            raise forms.ValidationError(problem)
        return upload

    def clean_mapping_file(self) -> tuple[str, str] | None:
        upload: UploadedFile | None = self.cleaned_data.get("mapping_file")
        if upload is None:
            return None
        name = safe_name(upload.name or "mapping.yaml")
        if upload.size is not None and upload.size > settings.MAPPING_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large for a mapping."))
        try:
            text = upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("The file is not UTF-8 text; save it as UTF-8 and upload it again.")
            ) from None
        try:
            mapping_from_text(text, name)
        except DataError as exc:
            raise forms.ValidationError(error_text(exc)) from None
        return (name, text)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        shipped, own = data.get("mapping"), data.get("mapping_file")
        if "mapping_file" in self.errors or "file" in self.errors:
            return data
        if bool(shipped) == bool(own):
            self.add_error(
                "mapping", _("Choose a shipped mapping or upload your own, not both or neither.")
            )
            return data
        upload: UploadedFile = data["file"]
        data["upload"] = DataUpload(
            upload=upload,
            file_name=upload.name or "data",
            # exactly one of the two is given (checked above): a shipped mapping's name
            mapping=own if own else (cast(str, shipped), ""),
        )
        return data


def error_text(exc: OvpkitError) -> str:
    """The core's error for a person: its title, where (file, row, field), what, the fix."""
    where = exc.location()
    text = f"{exc.heading()}: " + (f"{where}: " if where else "") + exc.message
    return with_hint(text, exc.hint)


def with_hint(text: str, hint: str | None) -> str:
    """``text`` then "What to do: ...", as two sentences."""
    if not hint:
        return text
    stop = "" if text.rstrip().endswith((".", "!", "?", ":")) else "."
    return f"{text.rstrip()}{stop} " + _("What to do: %(hint)s") % {"hint": hint}


def _design_choices() -> list[tuple[str, str]]:
    """The three designs in the reader's words (the core's labels, its catalog)."""
    from ovpkit.evaluation.labels import label

    return [(code, label(code)) for code in ("synthetic_control", "did", "its")]


#: Where the core's spec fields are on the form, to put its error beside the right field.
SPEC_FIELDS = {
    "design": "design",
    "title": "title",
    "data.unit": "unit",
    "data.time": "time",
    "outcome": "outcome",
    "count": "outcome",
    "treated": "treated",
    "treated_units": "treated",
    "start": "start",
}


class EvaluationForm(forms.Form):
    """A panel and a design chosen here, or a spec file: checked by the core's spec model."""

    panel = forms.FileField(
        label=gettext_lazy("Panel (CSV)"),
        help_text=gettext_lazy("One row per unit and period, with the outcome in a column."),
    )
    spec_file = forms.FileField(
        label=gettext_lazy("Spec file (YAML), instead of the fields below"),
        required=False,
        help_text=gettext_lazy("The file 'ovpkit evaluate' reads; its data path is ignored."),
    )
    design = forms.ChoiceField(label=gettext_lazy("Design"), required=False)
    title = forms.CharField(label=gettext_lazy("Title"), required=False, max_length=200)
    unit = forms.CharField(label=gettext_lazy("Column of the units"), required=False)
    time = forms.CharField(label=gettext_lazy("Column of the periods"), required=False)
    outcome = forms.CharField(
        label=gettext_lazy("Column of the outcome"),
        required=False,
        help_text=gettext_lazy("For an interrupted time series: the column of the counts."),
    )
    treated = forms.CharField(
        label=gettext_lazy("Treated unit"),
        required=False,
        help_text=gettext_lazy("For difference-in-differences, several separated by ';'."),
    )
    start = forms.CharField(
        label=gettext_lazy("First period of the programme"),
        required=False,
        help_text=gettext_lazy("A year (or a date such as 2021-07-01 for a time series)."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["design"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *_design_choices()]

    def clean_panel(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["panel"]
        if upload.size is not None and upload.size > settings.DATA_FILE_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s; split it by year and upload each part.")
                % {"limit": filesizeformat(settings.DATA_FILE_MAX_BYTES)}
            )
        name = upload.name or ""
        if not name.lower().endswith(".csv"):
            raise forms.ValidationError(_("The panel must be a CSV file (ending in .csv)."))
        head = upload.read(8192)
        upload.seek(0)
        problem = content_problem(name, head)
        if problem:
            raise forms.ValidationError(problem)
        return upload

    def clean(self) -> dict[str, Any]:
        from ovpkit_web.evaluations import check_spec, spec_from_form

        data = super().clean() or {}
        if self.errors:
            return data
        own: UploadedFile | None = data.get("spec_file")
        if own is not None:
            name = safe_name(own.name or "spec.yaml")
            text = self._text(own)
            if text is None:
                return data
        else:
            name = "spec.yaml"
            if not data.get("design"):
                self.add_error("design", _("Choose a design, or upload a spec file."))
                return data
            text = yaml.safe_dump(spec_from_form(data), allow_unicode=True, sort_keys=False)
        try:
            check_spec(text, name)
        except SpecError as exc:
            self._spec_problem(exc, uploaded=own is not None)
            return data
        data["spec_text"], data["spec_name"] = text, name
        return data

    def _text(self, upload: UploadedFile) -> str | None:
        if upload.size is not None and upload.size > settings.MAPPING_MAX_BYTES:
            self.add_error("spec_file", _("The file is too large for a spec."))
            return None
        try:
            text: str = upload.read().decode("utf-8")
            return text
        except UnicodeDecodeError:
            self.add_error(
                "spec_file",
                _("The file is not UTF-8 text; save it as UTF-8 and upload it again."),
            )
            return None

    def _spec_problem(self, exc: SpecError, *, uploaded: bool) -> None:
        """The core's error beside the form field it is about (or the spec file's)."""
        if uploaded:
            self.add_error("spec_file", error_text(exc))
            return
        field = SPEC_FIELDS.get(exc.field or "")
        text = with_hint(exc.message, exc.hint) if field else error_text(exc)
        self.add_error(field, text)


def _number_locale() -> str:
    """Babel's locale for the page's language (the one Django chose for the request)."""
    from ovpkit import formats

    return formats.locale(get_language() or None)


class LocalNumberInput(forms.TextInput):
    """A number shown in the reader's format ("36,61" in Spanish and Portuguese).

    A text box, not the browser's number box: that one shows and sends English decimals
    whatever the page's language, which is what readers of a Spanish page saw before.
    ``inputmode`` still brings up the phone's number keyboard.
    """

    def __init__(self, attrs: dict[str, Any] | None = None, *, whole: bool = False) -> None:
        super().__init__({"inputmode": "numeric" if whole else "decimal", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return format_decimal(value, locale=_number_locale(), decimal_quantization=False)
        return super().format_value(value)


def read_local_number(text: str) -> Decimal:
    """A number typed as the page's language writes it ("1.234,5" is 1234.5 in Spanish).

    Strict about grouping, so a mistyped number is refused rather than misread. One
    exception: a lone group symbol not followed by three digits ("36.6" on a Spanish page,
    "36,6" on an English one) cannot group thousands, so it can only be a decimal mark
    and is read as one. "1.500" on a Spanish page stays 1500, as a Spanish reader means.
    """
    typed = text.strip()
    try:
        return parse_decimal(typed, locale=_number_locale(), strict=True)
    except NumberFormatError as exc:
        other = _other_decimal_mark(typed)
        if other is not None:
            return other
        example = format_decimal(Decimal("1234.5"), locale=_number_locale())
        message = _(
            "“%(text)s” is not a number as this page writes them (for example %(example)s)."
        )
        message %= {"text": typed, "example": example}
        if exc.suggestions:
            options = _(" or ").join(exc.suggestions)
            message += " " + _("Did you mean %(options)s?") % {"options": options}
        raise forms.ValidationError(message, code="invalid") from exc


def _other_decimal_mark(typed: str) -> Decimal | None:
    """``typed`` read with its one group symbol as the decimal mark, when only that fits."""
    group = get_group_symbol(_number_locale())
    decimal = get_decimal_symbol(_number_locale())
    head, mark, tail = typed.partition(group)
    if not mark or decimal in typed or len(tail) == 3:
        return None
    if not re.fullmatch(r"[-+]?\d+", head) or not re.fullmatch(r"\d+", tail):
        return None
    return Decimal(f"{head}.{tail}")


class LocalFloatField(forms.FloatField):
    """A decimal number shown and read in the reader's format."""

    widget = LocalNumberInput

    def to_python(self, value: Any) -> float | None:  # type: ignore[override]  # FloatField is an IntegerField in Django, and returns a float too
        if value in self.empty_values:
            return None
        if isinstance(value, str):
            return float(read_local_number(value))
        return super().to_python(value)


class LocalIntegerField(forms.IntegerField):
    """A count (people, sessions) shown and read in the reader's format ("1.234" in Spanish).

    Years stay plain :class:`forms.IntegerField`: a year is never written with a
    thousands separator.
    """

    widget = LocalNumberInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", LocalNumberInput(whole=True))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        if not isinstance(value, str):
            return super().to_python(value)
        number = read_local_number(value)
        if not number.is_finite() or number != number.to_integral_value():
            raise forms.ValidationError(_("Enter a whole number."), code="invalid")
        return int(number)


class CoreRecordForm(forms.Form):
    """A form whose cleaned fields become one record, checked by the core's model.

    ``collection`` names the core's model (see :mod:`ovpkit_web.monitoring`); ``to_record``
    turns the fields into the record as the records file writes it. The core's error for
    a field is shown beside that field, in the reader's language.
    """

    collection = ""

    def to_record(self, data: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in data.items() if v not in (None, "", [], ())}

    def clean(self) -> dict[str, Any]:
        from ovpkit_web.monitoring import validated

        data = super().clean() or {}
        # The core checks what the form could read, so every problem shows at once; a field
        # the form already refused keeps only the form's message.
        record, problems = validated(self.collection, self.to_record(data))
        for path, sentence in problems.items():
            field = self.field_of(path)
            if field is not None and field in self.errors:
                continue
            where = "" if field is not None or not path else _("field '%(f)s'") % {"f": path}
            self.add_error(field, f"{where}: {sentence}" if where else sentence)
        data["record"] = record
        return data

    def field_of(self, path: str) -> str | None:
        """The form field a core field path ("baseline.year") is typed in, if any."""
        for name in (path.replace(".", "_"), path.split(".", 1)[0]):
            if name and name in self.fields:
                return name
        return None


def _words(text: str) -> list[str]:
    """A list typed as one line, separated by commas or semicolons."""
    return [w.strip() for w in text.replace(";", ",").split(",") if w.strip()]


def _level_choices() -> list[tuple[str, str]]:
    from ovpkit.i18n import _ as core_
    from ovpkit.knowledge.models import PREVENTION_LEVEL_LABELS

    return [(str(code.value), core_(label)) for code, label in PREVENTION_LEVEL_LABELS.items()]


def _stage_choices() -> list[tuple[str, str]]:
    from ovpkit.i18n import _ as core_
    from ovpkit.monitoring.records import STAGE_LABELS

    return [(str(code), core_(label)) for code, label in STAGE_LABELS.items()]


class ProgramForm(CoreRecordForm):
    """A program (``ovpkit.monitoring.records.Program``): level, population, stage, partners."""

    collection = "programs"
    id = forms.CharField(
        label=gettext_lazy("Short id"),
        help_text=gettext_lazy("Lower-case letters, digits and hyphens, e.g. youth-mentoring."),
    )
    name = forms.CharField(label=gettext_lazy("Name"), required=False)
    prevention_level = forms.ChoiceField(label=gettext_lazy("Prevention level"), required=False)
    focus_population = forms.CharField(label=gettext_lazy("Focus population"), required=False)
    age_min = forms.IntegerField(label=gettext_lazy("Youngest age"), required=False)
    age_max = forms.IntegerField(label=gettext_lazy("Oldest age"), required=False)
    stage = forms.ChoiceField(label=gettext_lazy("Stage"), required=False)
    partners = forms.CharField(
        label=gettext_lazy("Partners (their ids)"),
        required=False,
        help_text=gettext_lazy("The partner organisations that run it, separated by commas."),
    )
    participants = LocalIntegerField(label=gettext_lazy("Participants"), required=False)
    participants_year = forms.IntegerField(label=gettext_lazy("Year of that count"), required=False)

    def __init__(self, *args: Any, known_partners: set[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.known_partners = known_partners
        for name, choices in (("prevention_level", _level_choices()), ("stage", _stage_choices())):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", "—"), *choices]

    def clean_partners(self) -> list[str]:
        given = _words(self.cleaned_data.get("partners") or "")
        unknown = [p for p in given if p not in self.known_partners]
        if unknown:
            raise forms.ValidationError(
                _("No partner has the id %(ids)s; add the partner first.")
                % {"ids": ", ".join(unknown)}
            )
        return given


#: Partner kinds (``ovpkit.monitoring.records.PartnerKind``) in the reader's words; the core
#: has no labels for them yet.
PARTNER_KINDS = {
    "community_based": gettext_lazy("community-based organisation"),
    "public_agency": gettext_lazy("public agency"),
    "police": gettext_lazy("police"),
    "health": gettext_lazy("health"),
    "education": gettext_lazy("education"),
    "university": gettext_lazy("university"),
    "private": gettext_lazy("private sector"),
    "faith": gettext_lazy("faith organisation"),
    "international": gettext_lazy("international organisation"),
    "other": gettext_lazy("other"),
}


class PartnerForm(CoreRecordForm):
    """A partner organisation (``ovpkit.monitoring.records.Partner``)."""

    collection = "partners"
    id = ProgramForm.base_fields["id"]
    name = forms.CharField(label=gettext_lazy("Name"), required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), required=False, choices=[("", "—"), *PARTNER_KINDS.items()]
    )
    funded = forms.BooleanField(label=gettext_lazy("Funded by the office"), required=False)
    formal_agreement = forms.BooleanField(label=gettext_lazy("Formal agreement"), required=False)
    since = forms.IntegerField(label=gettext_lazy("Partner since (year)"), required=False)


def _sheet_choices() -> list[tuple[str, str]]:
    from ovpkit.monitoring.catalogue import load_catalogue

    catalogue = load_catalogue()
    return [(key, catalogue.shown_sheet(key).name) for key in sorted(catalogue.sheets)]


def _preset_choices() -> list[tuple[str, str]]:
    from ovpkit.i18n import _ as core_
    from ovpkit.monitoring.catalogue import load_catalogue

    targets = sorted(load_catalogue().targets.items())
    return [(key, core_(preset.name)) for key, preset in targets]  # the core's catalog


class IndicatorForm(CoreRecordForm):
    """An indicator (``ovpkit.monitoring.records.IndicatorRecord``) with baseline and target.

    Its direction (whether up or down is better) comes from the sheet it is tied to.
    """

    collection = "indicators"
    id = ProgramForm.base_fields["id"]
    sheet = forms.ChoiceField(label=gettext_lazy("Technical sheet"), required=False)
    name = forms.CharField(label=gettext_lazy("Name (if not the sheet's)"), required=False)
    area = forms.CharField(label=gettext_lazy("Area"), required=False)
    baseline_year = forms.IntegerField(label=gettext_lazy("Baseline year"), required=False)
    baseline_value = LocalFloatField(label=gettext_lazy("Baseline value"), required=False)
    baseline_method = forms.CharField(
        label=gettext_lazy("How the baseline was set"), required=False
    )
    target_year = forms.IntegerField(label=gettext_lazy("Target year"), required=False)
    target_value = LocalFloatField(label=gettext_lazy("Target value"), required=False)
    target_change = LocalFloatField(
        label=gettext_lazy("Or a change from the baseline"),
        required=False,
        help_text=gettext_lazy("-0.5 to halve it."),
    )
    target_preset = forms.ChoiceField(label=gettext_lazy("Or a named target"), required=False)
    source = forms.CharField(label=gettext_lazy("Source"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, choices in (("sheet", _sheet_choices()), ("target_preset", _preset_choices())):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", "—"), *choices]

    def to_record(self, data: dict[str, Any]) -> dict[str, Any]:
        """The flat fields as the records file nests them (baseline and target blocks)."""
        nested: dict[str, dict[str, Any]] = {"baseline": {}, "target": {}}
        flat: dict[str, Any] = {}
        for name, value in data.items():
            block, _sep, key = name.partition("_")
            if block in nested and key:
                nested[block][key] = value
            else:
                flat[name] = value
        record = super().to_record(flat)
        for block, values in nested.items():
            kept = super().to_record(values)
            if kept:
                record[block] = kept
        return record


def _source_choices() -> list[tuple[str, str]]:
    from ovpkit.i18n import _ as core_
    from ovpkit.monitoring.budget import SOURCE_LABELS

    return [(code, core_(label)) for code, label in SOURCE_LABELS.items()]


#: Kinds of funding (``ovpkit.monitoring.records.FundingKind``); the core has no labels yet.
FUNDING_KINDS = {
    "core": gettext_lazy("core funding (multi-year, unrestricted: salaries, rent)"),
    "project": gettext_lazy("project funding (tied to a project, usually short term)"),
}


class BudgetLineForm(CoreRecordForm):
    """A budget line (``ovpkit.monitoring.records.BudgetLine``): the budget by source."""

    collection = "budget"
    year = forms.IntegerField(label=gettext_lazy("Year"), required=False)
    source = forms.ChoiceField(label=gettext_lazy("Source"), required=False)
    amount = LocalFloatField(label=gettext_lazy("Amount"), required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), required=False, choices=[("", "—"), *FUNDING_KINDS.items()]
    )
    legal_safeguard = forms.BooleanField(
        label=gettext_lazy("Set by law, ordinance or a voter-approved measure"), required=False
    )
    multi_year = forms.BooleanField(label=gettext_lazy("Multi-year"), required=False)
    program = forms.ChoiceField(label=gettext_lazy("Program (if for one)"), required=False)

    def __init__(self, *args: Any, programs: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, choices in (("source", _source_choices()), ("program", programs)):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", "—"), *choices]

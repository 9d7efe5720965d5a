"""Forms for staff positions, an indicator's measured values and partners' activity reports.

Like the other monitoring forms (:class:`ovpkit_web.forms.CoreRecordForm`), the fields
become the record the records file would hold and the core's model
(``ovpkit.monitoring.records``: ``StaffPosition``, ``Observation``, ``ActivityReport``)
checks it; its errors are shown beside the field, in the reader's language.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext, gettext_lazy

from ovpkit_web.forms import CoreRecordForm, LocalFloatField, LocalIntegerField, ProgramForm

#: Kinds of contract (``ovpkit.monitoring.records.Contract``) in the reader's words.
CONTRACTS = {
    "permanent": gettext_lazy("permanent"),
    "fixed_term": gettext_lazy("fixed term (a year or more)"),
    "short_term": gettext_lazy("short term (less than a year)"),
    "contractor": gettext_lazy("contractor"),
    "volunteer": gettext_lazy("volunteer"),
}
#: What a position does (``ovpkit.monitoring.records.StaffFunction``) in the reader's words.
FUNCTIONS = {
    "management": gettext_lazy("management"),
    "program_delivery": gettext_lazy("program delivery"),
    "coordination": gettext_lazy("coordination"),
    "data_evaluation": gettext_lazy("data and evaluation"),
    "administration": gettext_lazy("administration"),
    "communications": gettext_lazy("communications"),
    "other": gettext_lazy("other"),
}


def _words(text: str) -> list[str]:
    return [w.strip() for w in text.replace(";", ",").split(",") if w.strip()]


class StaffForm(CoreRecordForm):
    """A position (``StaffPosition``): what it does, how many full-time equivalents, no names."""

    collection = "staff"
    role = forms.CharField(label=gettext_lazy("Position"), required=False)
    fte = LocalFloatField(
        label=gettext_lazy("Full-time equivalents"),
        required=False,
        help_text=gettext_lazy("1 for one full-time person; 2.5 for two and a half."),
    )
    contract = forms.ChoiceField(
        label=gettext_lazy("Contract"), required=False, choices=[("", "—"), *CONTRACTS.items()]
    )
    function = forms.ChoiceField(
        label=gettext_lazy("Function"), required=False, choices=[("", "—"), *FUNCTIONS.items()]
    )
    backgrounds = forms.CharField(
        label=gettext_lazy("Backgrounds"),
        required=False,
        help_text=gettext_lazy("Separated by commas, e.g. social-work, lived-experience."),
    )
    annual_cost = LocalFloatField(label=gettext_lazy("Annual cost"), required=False)
    data_evaluation_fraction = LocalFloatField(
        label=gettext_lazy("Share of time on data and evaluation"),
        required=False,
        help_text=gettext_lazy("Between 0 and 1, e.g. 0.2 for a fifth of the time."),
    )
    year = forms.IntegerField(label=gettext_lazy("Year"), required=False)

    def to_record(self, data: dict[str, Any]) -> dict[str, Any]:
        given = dict(data)
        given["backgrounds"] = _words(given.get("backgrounds") or "")
        return super().to_record(given)


class ObservationForm(CoreRecordForm):
    """A measured value of an indicator (``Observation``)."""

    collection = "observations"
    year = forms.IntegerField(label=gettext_lazy("Year"), required=False)
    period = forms.CharField(
        label=gettext_lazy("Period (if finer than a year)"),
        required=False,
        help_text=gettext_lazy("For example 2023-Q2."),
    )
    value = LocalFloatField(label=gettext_lazy("Value"), required=False)
    numerator = LocalFloatField(label=gettext_lazy("Numerator"), required=False)
    denominator = LocalFloatField(label=gettext_lazy("Denominator"), required=False)
    source = forms.CharField(label=gettext_lazy("Source"), required=False)
    note = forms.CharField(label=gettext_lazy("Note"), required=False)


#: Groups of people by sex (the core's ``Sex``); their words are the core's ``SEX_LABELS``.
SEXES = ("female", "male", "other", "unknown")


class ActivityReportForm(CoreRecordForm):
    """What a program delivered in a period (``ActivityReport``), by the one who runs it.

    The people reached can be broken down by sex and by the program's own areas (the
    breakdowns the core's coverage cells have); age groups are not asked, as a program
    records only an age range.
    """

    collection = "activity_reports"
    #: record fields made from other fields (the breakdown) or given by the page (program)
    derived = ("reached_by", "program")
    id = ProgramForm.base_fields["id"]
    period_start = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    activities = LocalIntegerField(
        label=gettext_lazy("Sessions or activities delivered"), required=False
    )
    reached = LocalIntegerField(
        label=gettext_lazy("People reached"),
        required=False,
        help_text=gettext_lazy("Each person counted once."),
    )
    note = forms.CharField(label=gettext_lazy("Notes"), required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, program: str, areas: tuple[str, ...], **kwargs: Any) -> None:
        from ovpkit.i18n import _ as core_
        from ovpkit.monitoring.records import SEX_LABELS

        super().__init__(*args, **kwargs)
        self.program = program
        self.areas = areas
        for sex in SEXES:
            label = gettext("People reached: %(group)s") % {"group": core_(SEX_LABELS[sex])}
            self.fields[f"sex_{sex}"] = LocalIntegerField(label=label, required=False)
        for number, area in enumerate(areas):
            label = gettext("People reached in %(area)s") % {"area": area}
            self.fields[f"area_{number}"] = LocalIntegerField(label=label, required=False)
        self.fields["note"] = self.fields.pop("note")  # the notes after the numbers

    def to_record(self, data: dict[str, Any]) -> dict[str, Any]:
        """The fields as the core's record: dates in ISO form, the breakdown as cells."""
        cells: list[dict[str, Any]] = []
        plain: dict[str, Any] = {"program": self.program}
        for name, value in data.items():
            if name.startswith("sex_"):
                if value is not None:
                    cells.append({"sex": name.removeprefix("sex_"), "count": value})
            elif name.startswith("area_"):
                if value is not None:
                    cells.append({"area": self.areas[int(name[5:])], "count": value})
            else:
                plain[name] = value.isoformat() if hasattr(value, "isoformat") else value
        record = super().to_record(plain)
        if cells:
            record["reached_by"] = cells
        return record

    @staticmethod
    def initial_of(data: dict[str, Any], areas: tuple[str, ...]) -> dict[str, Any]:
        """The form's fields filled from a stored report."""
        initial = {k: v for k, v in data.items() if k not in ("reached_by", "program")}
        for cell in data.get("reached_by", ()):
            if "sex" in cell:
                initial[f"sex_{cell['sex']}"] = cell["count"]
            elif cell.get("area") in areas:
                initial[f"area_{areas.index(cell['area'])}"] = cell["count"]
        return initial

"""The evaluation spec: one YAML file that says what to evaluate and how.

A spec names its ``design`` (``synthetic_control``, ``did`` or ``its``), the data
file (a path relative to the spec, or absolute), the columns, the outcome, the
treated unit(s) and start, and the options of the design. It is validated once by
:func:`load_spec`; every problem becomes a :class:`~ovpkit.errors.SpecError` that
names the spec file and the field (``placebo.drop_pre_rmspe_above``), and says
what to do. Checks that need the data (unknown unit, start outside the data, too
few pre-periods) happen when the panel is built, with the same kind of message.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import ErrorDetails

from ovpkit.errors import SpecError
from ovpkit.i18n import _, current_language, ngettext, use_language
from ovpkit.textfile import read_text
from ovpkit.validation_messages import allowed_values, field_path, one_of, problem, shown
from ovpkit.yamlfile import yaml_problem

#: A text a person reads, either one string or one per language (``{en: …, es: …}``):
#: titles and outcome names come from the spec, so the spec can give them translated.
Language = Literal["en", "es", "pt"]
LocalText = str | dict[Language, str]


#: The same text once validated and carried by a result (the keys are languages).
Text = str | Mapping[Language, str]


def local_text(value: Text | None, *, default: str = "") -> str:
    """``value`` in the current language, else English, else any language given."""
    if value is None:
        return default
    if isinstance(value, str):
        return value
    texts: dict[str, str] = {str(lang): text for lang, text in value.items()}
    return texts.get(current_language()) or texts.get("en") or next(iter(texts.values()), default)


def in_every_language(make: Callable[[], str]) -> dict[Language, str]:
    """``make()`` (a text built in the current language) rendered in each language."""
    texts: dict[Language, str] = {}
    for lang in typing.get_args(Language):
        with use_language(lang):
            texts[lang] = make()
    return texts


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class ImplicitZeros(_Model):
    """The file lists only unit-periods with at least one event (zeros left out)."""

    count: str
    population: str | None = None


class RateColumn(_Model):
    """Derive ``name = count / population * per`` (e.g. homicides per 100,000)."""

    count: str
    population: str
    per: float = 100_000.0
    name: str = "rate"


class DataSource(_Model):
    path: Path
    unit: str | None = None
    label: str | None = None  # a column with the units' names, shown beside their codes
    time: str
    missing: Literal["error", "drop_units"] = "error"
    implicit_zeros: ImplicitZeros | None = None
    rate: RateColumn | None = None
    filter: dict[str, str | int | float] = Field(default_factory=dict)


class PeriodRange(_Model):
    """Periods as an explicit list, or ``from``/``to`` (inclusive) with a ``step``."""

    periods: tuple[int, ...] | None = None
    start: int | None = Field(default=None, alias="from")
    stop: int | None = Field(default=None, alias="to")
    step: int = Field(default=1, ge=1)

    @model_validator(mode="after")
    def _one_form(self) -> PeriodRange:
        ranged = self.start is not None or self.stop is not None
        if self.periods is not None and ranged:
            raise ValueError(_("give either `periods` or `from`/`to`, not both"))
        if ranged and (self.start is None or self.stop is None or self.start > self.stop):
            raise ValueError(_("`from` and `to` must both be given, with from <= to"))
        return self

    def resolve(self, default: tuple[int, ...]) -> tuple[int, ...]:
        if self.periods is not None:
            return self.periods
        if self.start is not None and self.stop is not None:
            return tuple(range(self.start, self.stop + 1, self.step))
        return default


class Predictor(PeriodRange):
    """A predictor: the mean of ``variable`` over the periods (default: all pre-periods)."""

    variable: str


class CrossValidation(_Model):
    """Choose V out of sample, as Abadie, Diamond & Hainmueller (2015) do.

    The training predictors (default: the fit's predictors moved back so that the
    latest window ends where ``train`` ends; a listed one without periods is
    averaged over ``train``) are matched, and V is the one whose weights best reproduce the
    outcome over ``validate``; the main fit then uses that V with the main
    predictors, so V rewards the predictors that forecast, not those that fit.
    """

    train: PeriodRange
    validation: PeriodRange = Field(alias="validate")
    predictors: tuple[Predictor, ...] = ()


class VChoice(_Model):
    """How V is chosen when it is not searched on the main fit: given, or cross-validated."""

    given: tuple[Annotated[float, Field(ge=0)], ...] | None = None
    cross_validated: CrossValidation | None = None

    @model_validator(mode="after")
    def _one_way(self) -> VChoice:
        if (self.given is None) == (self.cross_validated is None):
            raise ValueError(
                _("give either `given` (one weight per predictor) or `cross_validated`")
            )
        if self.given is not None and sum(self.given) <= 0:
            raise ValueError(_("the given V must have at least one weight above 0"))
        return self


class Conformal(_Model):
    """Conformal prediction intervals for the effect in each post-period (CWZ 2021)."""

    alpha: float = Field(default=0.1, gt=0.0, le=0.5)


class Placebo(_Model):
    in_space: bool = True
    pool: Literal["donors", "donors_and_treated"] = "donors"
    drop_pre_rmspe_above: float | None = Field(default=None, gt=1.0)
    in_time: int | None = None
    leave_one_out: bool = True


class CostInputs(_Model):
    """Costs per incident (defaults: the report's figures, see ``ovpkit.evaluation.cost``)."""

    per_incident: float | None = Field(default=None, gt=0)
    currency: Literal["USD", "GBP", "COP", "EUR", "BRL", "other"] = "USD"
    programme_cost: float | None = Field(default=None, gt=0)
    population: float | None = Field(default=None, gt=0)


class _Common(_Model):
    title: LocalText = ""
    outcome_label: LocalText | None = None  # how readers call the outcome (default: its column)
    data: DataSource
    cost: CostInputs | None = None


class DonorRule(_Model):
    """Keep donors whose pre-period mean of ``column`` lies within [min, max]."""

    column: str
    min: float | None = None
    max: float | None = None


class SyntheticControlSpec(_Common):
    design: Literal["synthetic_control"]
    outcome: str
    treated: str
    start: int
    end: int | None = None
    first: int | None = None
    donors: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()
    donor_rule: DonorRule | None = None
    predictors: tuple[Predictor, ...] = ()
    optimise: PeriodRange = PeriodRange()
    v_search: Literal["standard", "converged", "global"] = "standard"
    v: VChoice | None = None
    global_starts: int = Field(default=30, ge=1, le=1000)
    placebo: Placebo = Placebo()
    conformal: Conformal | None = None
    min_pre_periods: int = Field(default=5, ge=2)


class DidSpec(_Common):
    design: Literal["did"]
    outcome: str
    first_treated: str | None = None
    treated_units: tuple[str, ...] = ()
    start: int | None = None
    control_group: Literal["never_treated", "not_yet_treated"] = "never_treated"
    weights: str | None = None
    #: ``callaway_santanna`` (staggered default) or ``twfe``: the regression applied papers
    #: run, the only one that takes covariates, extra fixed effects and unit trends here.
    estimator: Literal["callaway_santanna", "twfe"] | None = None
    covariates: tuple[str, ...] = ()
    #: Extra fixed effects: a column, or columns crossed (``[region, year]``: region × year).
    fixed_effects: tuple[str | tuple[str, ...], ...] = ()
    unit_trends: bool = False
    #: ``sun_abraham``: the interaction-weighted event study (Sun & Abraham 2021) with bands.
    event_study: Literal["callaway_santanna", "sun_abraham"] = "callaway_santanna"

    @property
    def controls(self) -> bool:
        """Whether the spec adds covariates, fixed effects or trends to the regression."""
        return bool(self.covariates or self.fixed_effects or self.unit_trends)

    @model_validator(mode="after")
    def _one_treatment_form(self) -> DidSpec:
        if (self.first_treated is None) == (not self.treated_units):
            raise ValueError(
                _(
                    "give either `first_treated` (column of first treated period, staggered) "
                    "or `treated_units` with `start` (2x2)"
                )
            )
        if self.treated_units and self.start is None:
            raise ValueError(_("`treated_units` needs `start`, the first treated period"))
        return self


class ItsSpec(_Common):
    design: Literal["its"]
    count: str | None = None
    exposure: str | None = None
    start: str
    family: Literal["poisson", "negative_binomial"] = "negative_binomial"
    seasonality: Literal["month", "none"] = "month"
    trend_change: bool = True


EvaluationSpec = Annotated[SyntheticControlSpec | DidSpec | ItsSpec, Field(discriminator="design")]


class _Envelope(_Model):
    spec: EvaluationSpec


def load_spec(path: str | Path) -> SyntheticControlSpec | DidSpec | ItsSpec:
    """Read and validate a spec file; data paths become absolute (relative to the spec)."""
    path = Path(path)
    text = read_text(path, SpecError, missing=_("the spec file does not exist"))
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SpecError(
            yaml_problem(exc),
            file=path,
            hint=_("check the indentation and the quotes around that line"),
        ) from exc
    return parse_spec(raw, source=path)


def parse_spec(raw: object, *, source: str | Path) -> SyntheticControlSpec | DidSpec | ItsSpec:
    """Validate an already-parsed mapping (for callers that build specs in code)."""
    if not isinstance(raw, dict) or "design" not in raw:
        raise SpecError(
            _("the spec must be a mapping with a `design`"),
            file=source,
            field="design",
            hint=_("start the file with `design: synthetic_control` (or `did`, `its`)"),
        )
    try:
        spec = _Envelope.model_validate({"spec": raw}).spec
    except ValidationError as exc:
        raise _spec_error(exc, source) from exc
    base = Path(source).resolve().parent
    if not spec.data.path.is_absolute():
        data = spec.data.model_copy(update={"path": (base / spec.data.path).resolve()})
        spec = spec.model_copy(update={"data": data})
    return spec


def _spec_error(exc: ValidationError, source: str | Path) -> SpecError:
    """Every problem of the spec, in the reader's language, each after its field.

    The fields are named as the spec's author wrote them: without the envelope
    (``spec``) and the design tag pydantic adds for the chosen design.
    """
    found = list(dict.fromkeys((_spec_field(e), _spec_problem(e)) for e in exc.errors()))
    hint = _("see docs/evaluation.md for every field of a spec")
    if len(found) == 1:
        field, sentence = found[0]
        return SpecError(sentence, file=source, field=field or None, hint=hint)
    listed = "; ".join(
        (_("field '{f}'").format(f=field) + ": " + sentence) if field else sentence
        for field, sentence in found
    )
    message = ngettext("{n} problem: {list}", "{n} problems: {list}", len(found)).format(
        n=len(found), list=listed
    )
    return SpecError(message, file=source, hint=hint)


def _spec_field(error: ErrorDetails) -> str:
    if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
        return "design"
    return field_path([p for p in error["loc"][1:] if not _is_design_tag(p)])


def _spec_problem(error: ErrorDetails) -> str:
    """A problem as a sentence; a design that is not one of the three names them."""
    if error["type"] == "union_tag_invalid":
        expected = str((error.get("ctx") or {}).get("expected_tags", ""))
        return _("should be {allowed}, not {value}").format(
            allowed=one_of(allowed_values(expected)), value=shown(error["input"].get("design"))
        )
    return problem(error)


def _is_design_tag(part: object) -> bool:
    return part in ("synthetic_control", "did", "its")

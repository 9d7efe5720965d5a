"""Where an indicator stands against its baseline and its target trajectory.

The report asks offices to show "changes over time in relation to a baseline" and
to say "the extent to which the OVP's target has been reached" (criterion 9). The
trajectory is the straight line from the baseline value in the baseline year to the
target value in the target year; the latest observation is on track when it has
covered at least the share of the way that the elapsed time calls for. The target's
own direction (below or above the baseline) says which way is good; the technical
sheet decides only when the target equals the baseline.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ovpkit.i18n import N_, _
from ovpkit.monitoring.catalogue import Catalogue, Direction
from ovpkit.monitoring.records import IndicatorRecord, Observation, Target


class Status(StrEnum):
    ACHIEVED = "achieved"  # the target value is reached
    ON_TRACK = "on_track"  # at or ahead of the trajectory
    BEHIND = "behind"  # better than the baseline, slower than the trajectory
    NOT_IMPROVING = "not_improving"  # no better than the baseline
    MISSED = "missed"  # the target year has passed without reaching the target
    NO_TARGET = "no_target"
    NO_BASELINE = "no_baseline"
    NO_DATA = "no_data"  # no observation after the baseline year


STATUS_LABELS: dict[Status, str] = {
    Status.ACHIEVED: N_("target reached"),
    Status.ON_TRACK: N_("on track"),
    Status.BEHIND: N_("improving, behind the trajectory"),
    Status.NOT_IMPROVING: N_("not improving on the baseline"),
    Status.MISSED: N_("target year passed, target missed"),
    Status.NO_TARGET: N_("no target set"),
    Status.NO_BASELINE: N_("no baseline"),
    Status.NO_DATA: N_("no observation after the baseline"),
}


@dataclass(frozen=True)
class IndicatorStatus:
    id: str
    name: str
    unit: str
    sheet: str
    area: str | None
    status: Status
    baseline_year: int | None
    baseline_value: float | None
    target_year: int | None
    target_value: float | None
    latest_year: int | None
    latest_value: float | None
    expected_value: float | None  # the trajectory's value in the latest year
    progress: float | None  # share of the way from baseline to target covered (1 = reached)
    change_from_baseline: float | None  # relative change, e.g. -0.2 = 20% lower
    observations: tuple[tuple[int, float], ...]
    trajectory: tuple[tuple[int, float], ...]
    published: str | None = None  # where the office publishes it, as the records say
    own_name: bool = False  # the office's own words (its name or its own sheet): not translated
    name_language: str | None = None  # the language those own words are written in, if known

    @property
    def label(self) -> str:
        return _(STATUS_LABELS[self.status])


def indicator_status(
    record: IndicatorRecord, catalogue: Catalogue, *, language: str | None = None
) -> IndicatorStatus:
    """The status of one indicator (records are validated, so the sheet exists).

    ``language`` is the records file's: the language of a name the office gave.
    """
    sheet = catalogue.sheet(record.sheet)
    observed = _yearly(record.observations)
    latest = observed[-1] if observed else None
    baseline = record.baseline
    target_year, target_value = resolve_target(record.target, record, catalogue)
    trajectory = _trajectory(record, target_year, target_value)
    status, expected, progress = _judge(record, latest, target_year, target_value, sheet.direction)
    own_name, name_language = _name_origin(record, catalogue, language)
    change = None
    if baseline is not None and latest is not None and baseline.value != 0:
        change = latest[1] / baseline.value - 1.0
    return IndicatorStatus(
        id=record.id,
        name=record.name or sheet.name,
        unit=sheet.unit.value,
        sheet=sheet.id,
        area=record.area,
        status=status,
        baseline_year=baseline.year if baseline else None,
        baseline_value=baseline.value if baseline else None,
        target_year=target_year,
        target_value=target_value,
        latest_year=latest[0] if latest else None,
        latest_value=latest[1] if latest else None,
        expected_value=expected,
        progress=progress,
        change_from_baseline=change,
        observations=tuple(observed),
        trajectory=trajectory,
        published=record.published,
        own_name=own_name,
        name_language=name_language,
    )


def _name_origin(
    record: IndicatorRecord, catalogue: Catalogue, language: str | None
) -> tuple[bool, str | None]:
    """Whether the shown name is the office's own words, and their language.

    A name in the records is the records file's; an own sheet's name is its catalogue
    file's (or, when that file declares none, the records file's); a shipped sheet's name
    is ovpkit's, translated where shown.
    """
    if record.name:
        return True, language
    if catalogue.is_own(record.sheet):
        return True, catalogue.office_languages.get(record.sheet) or language
    return False, None


def resolve_target(
    target: Target | None, record: IndicatorRecord, catalogue: Catalogue
) -> tuple[int | None, float | None]:
    """The target as (year, value); a relative target needs the baseline."""
    if target is None:
        return None, None
    if target.value is not None:
        return target.year, target.value
    change, year = target.change, target.year
    if target.preset is not None:
        preset = catalogue.targets[target.preset]
        change, year = preset.change, target.year or preset.year
    if record.baseline is None or change is None:
        return year, None
    return year, record.baseline.value * (1.0 + change)


def _yearly(observations: tuple[Observation, ...]) -> list[tuple[int, float]]:
    """One value per year: the last one given for that year (periods are finer detail)."""
    by_year: dict[int, float] = {}
    for observation in observations:
        by_year[observation.year] = observation.value
    return sorted(by_year.items())


def _trajectory(
    record: IndicatorRecord, target_year: int | None, target_value: float | None
) -> tuple[tuple[int, float], ...]:
    baseline = record.baseline
    if baseline is None or target_year is None or target_value is None:
        return ()
    if target_year <= baseline.year:
        return ((baseline.year, baseline.value),)
    span = target_year - baseline.year
    step = (target_value - baseline.value) / span
    return tuple((baseline.year + k, baseline.value + step * k) for k in range(span + 1))


def _judge(
    record: IndicatorRecord,
    latest: tuple[int, float] | None,
    target_year: int | None,
    target_value: float | None,
    direction: Direction,
) -> tuple[Status, float | None, float | None]:
    """(status, expected value in the latest year, progress)."""
    baseline = record.baseline
    if baseline is None:
        return Status.NO_BASELINE, None, None
    if latest is None or latest[0] <= baseline.year:
        return Status.NO_DATA, None, None
    if target_year is None or target_value is None:
        return Status.NO_TARGET, None, None
    year, value = latest
    gap = target_value - baseline.value
    elapsed = min(1.0, (year - baseline.year) / max(1, target_year - baseline.year))
    expected = baseline.value + gap * elapsed
    if gap == 0:
        better = (
            value <= baseline.value
            if direction != Direction.HIGHER_IS_BETTER
            else value >= baseline.value
        )
        return (Status.ACHIEVED if better else Status.NOT_IMPROVING), expected, None
    progress = (value - baseline.value) / gap
    if progress >= 1.0:
        return Status.ACHIEVED, expected, progress
    if year >= target_year:
        return Status.MISSED, expected, progress
    if progress >= elapsed:
        return Status.ON_TRACK, expected, progress
    if progress > 0:
        return Status.BEHIND, expected, progress
    return Status.NOT_IMPROVING, expected, progress

"""Who is affected: victims by age group and sex, by weapon, fatal or not.

Sources code age differently (exact ages, "18 to 30", "ADULTOS"), so ovpkit
keeps each row's known bounds (age_min, age_max). Exact ages fall into standard
bands; coarser source groups keep their own label, and a victim counts as young
(15 to 29, the youth band of Latin American citizen-security indicators) only
when the bounds say so for certain.

A breakdown the data cannot give is *not available*, never zero: a file whose
ages are 0-12 / 13-17 / 18+ cannot say how many victims were 15 to 29, and a
file without a weapon column has no weapon profile. The share of young men is
given only when the victims whose age or sex leave it open could move it by at
most 5 percentage points (:data:`MAX_OPEN_SHARE`).
"""

from __future__ import annotations

from dataclasses import dataclass

import ibis
import pandas as pd

from ovpkit.i18n import N_

BANDS: tuple[tuple[int, int | None], ...] = (
    (0, 14), (15, 17), (18, 24), (25, 29), (30, 44), (45, 59), (60, None),
)  # fmt: skip
YOUNG = (15, 29)
UNKNOWN = "unknown"
#: The young men's share is shown only when open cases could change it by this much at most.
MAX_OPEN_SHARE = 0.05

#: Labels for the codes of the canonical fields (weapon, outcome, sex) as readers see them.
LABELS = {
    "firearm": N_("firearm"),
    "knife": N_("knife or sharp object"),
    "blunt": N_("blunt object"),
    "explosive": N_("explosive"),
    "other": N_("other means"),
    "none": N_("no weapon"),
    "fatal": N_("killed"),
    "non-fatal": N_("injured, survived"),
    "male": N_("male"),
    "female": N_("female"),
    UNKNOWN: N_("not recorded"),
}


@dataclass(frozen=True)
class Share:
    """One group's victims and its share of all victims."""

    group: str
    sex: str | None
    victims: int
    share: float


@dataclass(frozen=True)
class Affected:
    """The profile of victims, and the share of young men among them."""

    total: int
    by_age_sex: tuple[Share, ...]
    by_weapon: tuple[Share, ...]
    by_fatal: tuple[Share, ...]
    young_men: int
    young_men_share: float | None
    age_undetermined_share: float
    young_men_open: int = 0  # victims who may or may not be young men (age or sex open)

    @property
    def has_age_or_sex(self) -> bool:
        return any(s.group != UNKNOWN or s.sex != UNKNOWN for s in self.by_age_sex)

    @property
    def has_weapon(self) -> bool:
        return any(s.group != UNKNOWN for s in self.by_weapon)

    @property
    def has_outcome(self) -> bool:
        return any(s.group != UNKNOWN for s in self.by_fatal)


def _label(lo: int, hi: int | None) -> str:
    return f"{lo}+" if hi is None else f"{lo}-{hi}"


def age_band(t: ibis.Table) -> ibis.Value:
    """Standard band for exact ages, the source's own range otherwise."""
    exact = t.age_min == t.age_max
    cases = []
    for lo, hi in BANDS:
        inside = t.age_min >= lo if hi is None else t.age_min.between(lo, hi)
        cases.append((exact & inside, _label(lo, hi)))
    lo_text = t.age_min.cast("string")
    cases.append((t.age_min.notnull() & t.age_max.isnull(), lo_text + "+"))
    cases.append((t.age_min.notnull(), lo_text + "-" + t.age_max.cast("string")))
    return ibis.cases(*cases, else_=UNKNOWN)


def _is_young(t: ibis.Table) -> ibis.Value:
    return (t.age_min >= YOUNG[0]) & (t.age_max <= YOUNG[1])


def _is_not_young(t: ibis.Table) -> ibis.Value:
    return (t.age_max < YOUNG[0]) | (t.age_min > YOUNG[1])


def who_is_affected(t: ibis.Table) -> Affected:
    """Aggregate on the engine; shares in pandas on the small result."""
    victims = t["count"].sum().cast("int64")
    sex = t.sex.fill_null(UNKNOWN)
    age_sex = t.group_by(group=age_band(t), sex=sex).aggregate(victims=victims).to_pandas()
    weapon = t.group_by(group=t.weapon.fill_null(UNKNOWN)).aggregate(victims=victims).to_pandas()
    fatal_label = ibis.cases((t.fatal, "fatal"), (~t.fatal, "non-fatal"), else_=UNKNOWN)
    fatal = t.group_by(group=fatal_label).aggregate(victims=victims).to_pandas()
    young = _young_men_counts(t).to_pandas().fillna(0).iloc[0]
    total, determined = int(young["total"]), int(young["determined"])
    young_men, open_ = int(young["young_men"]), int(young["open"])
    return Affected(
        total=total,
        by_age_sex=_shares(age_sex, total, with_sex=True),
        by_weapon=_shares(weapon, total),
        by_fatal=_shares(fatal, total),
        young_men=young_men,
        young_men_share=young_men / total if total and open_ <= MAX_OPEN_SHARE * total else None,
        age_undetermined_share=(total - determined) / total if total else 0.0,
        young_men_open=open_,
    )


def _young_men_counts(t: ibis.Table) -> ibis.Table:
    """Victims who are young men for certain, who may be, and whose age settles youth."""
    weight = t["count"]
    male = t.sex == "male"
    certain_not = _is_not_young(t) | (t.sex == "female")
    return t.aggregate(
        young_men=(_is_young(t) & male).ifelse(weight, 0).sum().cast("int64"),
        open=(~(_is_young(t) & male).fill_null(False) & ~certain_not.fill_null(False))
        .ifelse(weight, 0)
        .sum()
        .cast("int64"),
        determined=(_is_young(t) | _is_not_young(t)).ifelse(weight, 0).sum().cast("int64"),
        total=weight.sum().cast("int64"),
    )


def _shares(frame: pd.DataFrame, total: int, *, with_sex: bool = False) -> tuple[Share, ...]:
    keys = ["group", "sex"] if with_sex else ["group"]
    frame = frame.sort_values(keys).reset_index(drop=True)
    return tuple(
        Share(
            group=str(r["group"]),
            sex=str(r["sex"]) if with_sex else None,
            victims=int(r["victims"]),
            share=int(r["victims"]) / total if total else 0.0,
        )
        for _, r in frame.iterrows()
    )

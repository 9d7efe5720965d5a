"""Who is affected: victims by age group and sex, by weapon, fatal or not.

Sources code age differently (exact ages, "18 to 30", "ADULTOS"), so ovpkit
keeps each row's known bounds (age_min, age_max). Exact ages fall into standard
bands; coarser source groups keep their own label, and a victim counts as young
(15 to 29, the youth band of Latin American citizen-security indicators) only
when the bounds say so for certain.
"""

from __future__ import annotations

from dataclasses import dataclass

import ibis
import pandas as pd

BANDS: tuple[tuple[int, int | None], ...] = (
    (0, 14), (15, 17), (18, 24), (25, 29), (30, 44), (45, 59), (60, None),
)  # fmt: skip
YOUNG = (15, 29)
UNKNOWN = "unknown"


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
    young = t.aggregate(
        young_men=(_is_young(t) & (t.sex == "male")).ifelse(t["count"], 0).sum().cast("int64"),
        determined=(_is_young(t) | _is_not_young(t)).ifelse(t["count"], 0).sum().cast("int64"),
        total=victims,
    ).to_pandas()
    total = int(young["total"].fillna(0).iloc[0])
    determined = int(young["determined"].fillna(0).iloc[0])
    young_men = int(young["young_men"].fillna(0).iloc[0])
    return Affected(
        total=total,
        by_age_sex=_shares(age_sex, total, with_sex=True),
        by_weapon=_shares(weapon, total),
        by_fatal=_shares(fatal, total),
        young_men=young_men,
        young_men_share=young_men / total if total and determined else None,
        age_undetermined_share=(total - determined) / total if total else 0.0,
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

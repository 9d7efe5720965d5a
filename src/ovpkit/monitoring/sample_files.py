"""The sample files the ``survey`` and ``reconcile`` commands can run on (``--sample``).

They ship inside the package, so the README's examples run from a fresh clone or a
wheel. The survey is synthetic and says so; the reconciliation pair is real public
data (see ``samples/README.md``).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

#: the synthetic survey's columns, used when ``survey --sample`` is given no others
SURVEY_COLUMNS = {
    "outcome": "feeling",
    "yes": "unsafe,very unsafe",
    "weight": "weight",
    "by": "area",
    "strata": "stratum",
    "psu": "psu",
}
#: the reading of the reconciliation pair: homicide totals (A), fatal shootings (B)
HOMICIDE_TOTALS_READER = "philadelphia-homicide-totals"
SHOOTINGS_READER = "philadelphia-shootings-sample"


def sample_file(name: str) -> Path:
    return Path(str(resources.files("ovpkit.monitoring") / "samples" / name))


def survey_sample() -> Path:
    return sample_file("survey_synthetic.csv")


def homicide_totals_sample() -> Path:
    return sample_file("philadelphia_homicide_totals.json")


def shootings_sample() -> Path:
    from ovpkit.diagnosis.sample import sample_path

    return sample_path()

"""Impact evaluation (criterion 9): synthetic control, difference-in-differences,
interrupted time series, and the cost of violence.

An evaluation is a spec file (see :mod:`ovpkit.evaluation.spec`) run by
:func:`evaluate`; each design returns a frozen result with ``table()``,
``summary()`` and ``to_dict()``. The estimators can also be used directly.
"""

from ovpkit.evaluation.cost import (
    DEFAULTS,
    HOMICIDE_COST_UK,
    HOMICIDE_COST_US,
    REACH_OST_RETURN,
    CostResult,
    Interval,
    cost_of_violence,
)
from ovpkit.evaluation.did import DidResult, callaway_santanna, twfe, two_by_two
from ovpkit.evaluation.its import ItsResult
from ovpkit.evaluation.panel import Panel, build_panel
from ovpkit.evaluation.results import SyntheticControlResult
from ovpkit.evaluation.runner import EvaluationWarning, evaluate
from ovpkit.evaluation.simulation import simulate_counts, simulate_panel
from ovpkit.evaluation.spec import load_spec, parse_spec
from ovpkit.evaluation.synthetic_control import ScmData, ScmFit, fit, prepare

__all__ = [
    "DEFAULTS",
    "HOMICIDE_COST_UK",
    "HOMICIDE_COST_US",
    "REACH_OST_RETURN",
    "CostResult",
    "DidResult",
    "EvaluationWarning",
    "Interval",
    "ItsResult",
    "Panel",
    "ScmData",
    "ScmFit",
    "SyntheticControlResult",
    "build_panel",
    "callaway_santanna",
    "cost_of_violence",
    "evaluate",
    "fit",
    "load_spec",
    "parse_spec",
    "prepare",
    "simulate_counts",
    "simulate_panel",
    "twfe",
    "two_by_two",
]

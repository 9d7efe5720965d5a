"""What readers see instead of the evaluation's internal codes, and its technical terms.

Every code a page or the terminal shows (a column of a table, the V search, the
design) has one translatable label here, next to the code, and is shown as
``_(LABELS[code])``. Technical terms keep their names (evaluators look for them) and
carry one plain-language line each (:data:`GLOSSARY`), shown where they first appear.
"""

from __future__ import annotations

import math

from ovpkit import formats
from ovpkit.i18n import N_, _, pgettext

#: Column and value codes of the evaluation tables, as readers see them.
LABELS: dict[str, str] = {
    "donor": N_("comparison unit"),
    "weight": N_("weight"),
    "predictor": N_("predictor"),
    "treated": N_("evaluated unit"),
    "synthetic": N_("synthetic control"),
    "donor mean": N_("average of comparison units"),
    "unit": N_("unit"),
    "pre RMSPE": N_("RMSPE before"),
    "post RMSPE": N_("RMSPE after"),
    "ratio": N_("after/before ratio"),
    "kept": N_("used in the p-value"),
    "event_time": N_("periods since adoption"),
    "att": N_("effect"),
    "se": N_("standard error"),
    "observed": N_("observed"),
    "fitted": N_("fitted"),
    "counterfactual": N_("counterfactual"),
    # V search and its starting points
    "standard": N_("standard"),
    "global": N_("global (several starts)"),
    "converged": N_("two starts, searched to convergence"),
    "given": N_("given in the spec"),
    "cross_validated": N_("cross-validated (training and validation periods)"),
    "equal": N_("equal weights"),
    "regression": N_("regression-based"),
    "single predictor": N_("single predictor"),
    # designs and their variants
    "synthetic_control": N_("Synthetic control with placebo inference"),
    "did": N_("Difference-in-differences"),
    "its": N_("Interrupted time series"),
    "2x2": N_("two groups, before and after"),
    "staggered": N_("staggered adoption"),
    "twfe": N_("two-way fixed effects regression"),
    "period": N_("period"),
    # the conformal table: its level (90% by default) is in the table's note
    "interval low": N_("interval, low"),
    "interval high": N_("interval, high"),
    "low": N_("95% interval, low"),
    "high": N_("95% interval, high"),
    "poisson": N_("Poisson"),
    "negative_binomial": N_("negative binomial"),
}

#: Technical terms with a one-line explanation for a reader who is not an evaluator.
GLOSSARY: dict[str, tuple[str, str]] = {
    "synthetic": (
        N_("Synthetic control"),
        N_(
            "a weighted mix of comparison units built to follow the evaluated unit before "
            "the start; after the start it shows what would have happened without the change"
        ),
    ),
    "rmspe": (
        N_("RMSPE"),
        N_(
            "root mean squared prediction error: the typical distance between the evaluated "
            "unit and its synthetic control (small before the start means a good match)"
        ),
    ),
    "placebo": (
        N_("Placebo test"),
        N_(
            "the same method run on each comparison unit as if it had been treated; if many "
            "of them show gaps as large as the evaluated unit's, the gap may be chance"
        ),
    ),
    "p_value": (
        N_("p-value"),
        N_(
            "the share of placebo runs with a gap at least as unusual as the evaluated "
            "unit's; a large share means the effect cannot be told from chance"
        ),
    ),
    "in_time": (
        N_("In-time placebo"),
        N_(
            "the method run with a false start date before the real one; a gap there "
            "suggests the later gap is not caused by the change"
        ),
    ),
    "v_search": (
        N_("V search"),
        N_(
            "how the importance of each predictor is chosen; different searches can give "
            "different comparison units, so the page says which one was used"
        ),
    ),
    "loss": (
        N_("Loss of the weights"),
        N_(
            "the average squared error before the start that the chosen weights leave: "
            "lower is a closer match"
        ),
    ),
    "predictor": (
        N_("Predictors"),
        N_("the characteristics before the start that the synthetic control is built to match"),
    ),
    "interval": (
        N_("95% interval"),
        N_(
            "the range of effects compatible with the data; if it includes no effect, the "
            "effect cannot be told from chance"
        ),
    ),
    "rate_ratio": (
        N_("Rate ratio"),
        N_(
            "incidents after the start divided by those expected without the change: "
            "below 1 means fewer incidents"
        ),
    ),
}


def label(code: str) -> str:
    """The reader's word for ``code`` in the current language (the code itself if unknown)."""
    text = LABELS.get(code)
    return _(text) if text else code


def yes_no(value: bool) -> str:
    """A boolean as a word, never Python's ``True``."""
    # Translators: an answer in a table cell (e.g. "used in the p-value: yes").
    return pgettext("table cell", "yes") if value else pgettext("table cell", "no")


def term(code: str) -> tuple[str, str]:
    """A glossary term and its explanation, translated."""
    name, explanation = GLOSSARY[code]
    return _(name), _(explanation)


def measured(value: float) -> str:
    """A measured value with as many decimals as its size needs, in the reader's language.

    Effects, errors and losses range from 0.009 (Basque GDP loss) to 165 (a homicide
    rate's loss), so a fixed number of decimals would show "0.0" or "165.20413".
    """
    if not math.isfinite(value):
        return formats.MISSING
    size = abs(value)
    places = 0 if size >= 1000 else 1 if size >= 10 else 2 if size >= 0.1 else 4
    return formats.decimal(value, places)

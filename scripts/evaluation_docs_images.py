"""Regenerate the synthetic-control charts of docs/evaluation.md from the example specs.

The specs read the public data sets in ../shared/data (see each spec), so this runs
where they are present. Usage: .venv/bin/python scripts/evaluation_docs_images.py
"""

from __future__ import annotations

import warnings
from pathlib import Path

from ovpkit.evaluation import evaluate
from ovpkit.evaluation import plots as charts

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = {
    "basque": ("gaps",),
    "prop99": ("gaps",),
    "palmira_pazos": ("paths", "gaps"),
    "oakland_measure_y": ("paths", "gaps"),
}
IMAGE_NAMES = {"palmira_pazos": "palmira", "oakland_measure_y": "oakland"}


def main() -> None:
    for example, wanted in EXAMPLES.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the docs discuss each diagnostic
            result = evaluate(REPO / "examples" / "evaluation" / f"{example}.yaml")
        figures = charts.figures(result)
        for name in wanted:
            path = REPO / "docs" / "img" / f"{IMAGE_NAMES.get(example, example)}_{name}.png"
            figures[name].savefig(path, dpi=90, bbox_inches="tight")
            print(path.relative_to(REPO))


if __name__ == "__main__":
    main()

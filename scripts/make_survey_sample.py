"""Write the SYNTHETIC survey sample shipped with ovpkit (src/ovpkit/monitoring/samples/).

No public perception-of-insecurity microdata with a licence that allows shipping
was at hand, so the sample is simulated, seeded and labelled synthetic everywhere it
is shown. Design: six areas, each a stratum; eight blocks (primary sampling units)
per area, ten respondents per block; answers on a four-point scale; a block effect
makes answers cluster, as they do in real surveys; weights are each area's
population over its respondents, with some variation between blocks. A few answers
are left empty (refusals), to show that they are counted and left out.

Usage: .venv/bin/python scripts/make_survey_sample.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parents[1] / "src/ovpkit/monitoring/samples/survey_synthetic.csv"
#: area -> (population aged 15+, share feeling unsafe or very unsafe)
AREAS = {
    "Area 1": (42_000, 0.68),
    "Area 2": (35_000, 0.55),
    "Area 3": (51_000, 0.47),
    "Area 4": (28_000, 0.61),
    "Area 5": (60_000, 0.38),
    "Area 6": (22_000, 0.72),
}
BLOCKS, PER_BLOCK, SEED = 8, 10, 20240131


def simulate(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for number, (area, (population, share)) in enumerate(AREAS.items(), start=1):
        logit = np.log(share / (1 - share))
        for block in range(1, BLOCKS + 1):
            effect = rng.normal(0, 0.5)
            weight = population / (BLOCKS * PER_BLOCK) * rng.uniform(0.8, 1.2)
            for _ in range(PER_BLOCK):
                p = 1 / (1 + np.exp(-(logit + effect)))
                unsafe = rng.random() < p
                strong = rng.random() < 0.35
                feeling = (
                    ("very unsafe" if strong else "unsafe")
                    if unsafe
                    else ("very safe" if strong else "safe")
                )
                if rng.random() < 0.02:
                    feeling = ""
                rows.append(
                    {
                        "area": area,
                        "stratum": f"S{number}",
                        "psu": f"{number}-{block:02d}",
                        "weight": round(weight, 2),
                        "feeling": feeling,
                    }
                )
    return pd.DataFrame(rows)


if __name__ == "__main__":
    simulate(np.random.default_rng(SEED)).to_csv(OUT, index=False)
    print(f"written {OUT}")

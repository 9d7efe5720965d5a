"""``ovpkit evaluate``: JSON document, HTML report, clean errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from ovpkit.evaluation import simulate_panel


def _spec(tmp_path: Path, **overrides: object) -> Path:
    simulate_panel(units=12, effect=-6.0, seed=1).to_csv(tmp_path / "panel.csv", index=False)
    spec = {
        "design": "synthetic_control",
        "title": "Simulated city",
        "data": {"path": "panel.csv", "unit": "unit", "time": "period"},
        "outcome": "y",
        "treated": "u00",
        "start": 2018,
        "placebo": {"in_time": 2014},
        **overrides,
    }
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    return path


def _ovpkit(*args: str) -> subprocess.CompletedProcess[str]:
    code = "from ovpkit.cli import main; main()"
    env = {**os.environ, "COLUMNS": "500"}  # no wrapping of long paths by the console
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, env=env
    )


def test_evaluate_json_has_the_documented_keys(tmp_path: Path) -> None:
    html = tmp_path / "out.html"

    done = _ovpkit(
        "evaluate", str(_spec(tmp_path)), "--json", "--workers", "1", "--html", str(html)
    )

    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert {"design", "effect", "weights", "pre_rmspe", "placebo", "diagnostics"} <= set(document)
    assert document["placebo"]["rank"] == 1 and document["placebo"]["n"] == 12
    assert abs(sum(document["weights"].values()) - 1) < 1e-9
    assert document["in_time"]["start"] == 2014
    page = html.read_text(encoding="utf-8")
    assert "Simulated city" in page and page.count("<svg") == 2


def test_evaluate_bad_spec_exits_2_with_file_and_field(tmp_path: Path) -> None:
    done = _ovpkit("evaluate", str(_spec(tmp_path, treated="nowhere")))

    message = " ".join(done.stderr.split())  # the console wraps long lines
    assert done.returncode == 2
    assert "spec.yaml" in message and "field 'treated'" in message
    assert "Traceback" not in done.stderr

"""Reports look like something in a real browser (headless Debian Chromium)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from ovpkit.assessment.validation import city_assessments
from ovpkit.knowledge import load_knowledge_base
from ovpkit.publish.assessment import render_assessment_html

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
)


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing on CI: scripts/system-deps.sh should install it")
        pytest.skip("Chromium is not installed here (scripts/system-deps.sh installs it)")
    return found


def _screenshot(html: Path, png: Path, tmp_path: Path) -> Image.Image:
    profile = tmp_path / "profile"
    subprocess.run(
        [
            _chromium(),
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--screenshot={png}",
            "--window-size=1000,1400",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return Image.open(png).convert("L")


@pytest.mark.slow
@pytest.mark.xdist_group("chromium")
def test_spanish_assessment_renders_with_text_and_chart(tmp_path: Path) -> None:
    assessment = city_assessments(load_knowledge_base())["Rosario"]
    html = tmp_path / "rosario-es.html"
    html.write_text(render_assessment_html(assessment, lang="es"), encoding="utf-8")

    image = _screenshot(html, tmp_path / "rosario-es.png", tmp_path)

    assert image.size == (1000, 1400)
    stats = ImageStat.Stat(image)
    assert stats.stddev[0] > 20  # not a blank page: text, bars and table borders
    dark = sum(image.histogram()[:100]) / (image.size[0] * image.size[1])
    assert 0.01 < dark < 0.5  # some ink, but not an error page filled with colour

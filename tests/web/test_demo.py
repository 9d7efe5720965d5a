"""The demo loader: four offices assessed by the core, one login per role, idempotent."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from ovpkit_web.demo import LOGINS_FILE, load_demo
from ovpkit_web.models import AnswersDocument, AssessmentResult, Membership, Office, Role

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _counts() -> tuple[int, ...]:
    models = (Office, Membership, AnswersDocument, AssessmentResult)
    return tuple(model._base_manager.count() for model in models)  # every office's rows


@pytest.fixture(autouse=True)
def own_folders(settings: Any, tmp_path: Path) -> None:
    """Each test its own uploads, data stores and reports (they outlive the database)."""
    settings.UPLOADS_DIR = tmp_path / "uploads"
    settings.DATA_DIR = tmp_path / "data"
    settings.REPORTS_DIR = tmp_path / "reports"


def test_demo_loads_the_four_cities_once(tmp_path: Path) -> None:
    logins = load_demo(tmp_path)
    first = _counts()
    # the four assessed cities, Palmira, Philadelphia and the reference studies
    assert first == (7, 7 * len(Role), 4, 4)
    assert AssessmentResult.unscoped.filter(document__criteria__isnull=False).count() == 4
    again = load_demo(tmp_path)
    assert _counts() == first
    assert again == logins
    assert {o.knowledge_slug for o in Office.objects.all()} == {
        "bristol-vpc",
        "cali-ssj",
        "reach-edmonton",
        "rosario",
        "palmira",
        "philadelphia-ovp",
        "",
    }


def test_demo_logins_work_and_stay_private(tmp_path: Path) -> None:
    logins = load_demo(tmp_path)
    assert {login.role for login in logins} == set(Role)
    for login in logins:
        assert User.objects.get(username=login.username).check_password(login.password)
    assert stat.S_IMODE((tmp_path / LOGINS_FILE).stat().st_mode) == 0o600


def test_a_lost_logins_file_gets_new_passwords_that_work(tmp_path: Path) -> None:
    load_demo(tmp_path)
    (tmp_path / LOGINS_FILE).unlink()
    logins = load_demo(tmp_path)
    assert User.objects.get(username=logins[0].username).check_password(logins[0].password)

"""The public consultation: spam refused with a clear message, real answers analysed.

Each refusal test posts a form that would otherwise be kept (``_answers``), changed in
one way, and checks that nothing was stored and that the reader's language is used.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from django.core import signing
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ovpkit.monitoring import consultation as core
from ovpkit_web import consultation as consult
from ovpkit_web.models import ConsultationLimit, ConsultationResponse, Office

from .conftest import Site

AREAS = (core.Area(name="Norte", population=30_000), core.Area(name="Sur", population=10_000))


@pytest.fixture(autouse=True)
def fresh_limits(settings: Any) -> None:
    """Each test its own rate-limit memory; no waiting for the minimum fill time."""
    caches["consultation"].clear()
    settings.CONSULTATION_MIN_SECONDS = 0
    settings.CONSULTATION_RATE_EXEMPT = []


def open_for(office: Office, areas: tuple[core.Area, ...] = AREAS) -> core.OfficeConsultation:
    doc = core.default_consultation(areas)
    consult.save_settings(office, None, doc, enabled=True)
    return doc


def _answers(office: Office, *, area: str = "Norte", after_dark: str = "very_unsafe",
             lang_token: str | None = None) -> dict[str, str]:  # fmt: skip
    return {
        "started": lang_token or consult.start_token(office),
        "website": "",
        "area": area,
        "safe_after_dark": after_dark,
        "safe_daytime": "fairly_safe",
        "compared_last_year": "same",
        "avoided_places": "no",
        "what_would_help": "more street lights near my house at 5 Oak Street",
        "consent": "on",
    }


def _post(office: Office, data: dict[str, str], lang: str = "en", **extra: Any) -> Any:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang, **extra)
    return client.post(reverse("consultation", args=[office.slug]), data)


def _stored(office: Office) -> int:
    return ConsultationResponse.objects.filter(office=office).count()


def test_it_keeps_a_real_answer_without_login(site: Site) -> None:
    open_for(site.office)
    response = _post(site.office, _answers(site.office))
    assert response.status_code == 302
    assert response["Location"] == reverse("consultation_thanks", args=[site.office.slug])
    kept = ConsultationResponse.objects.get(office=site.office)
    assert kept.area == "Norte" and kept.answers["safe_after_dark"] == "very_unsafe"


def test_it_is_a_404_when_the_office_has_not_opened_it(site: Site) -> None:
    doc = core.default_consultation(AREAS)
    consult.save_settings(site.office, None, doc, enabled=False)
    assert Client().get(reverse("consultation", args=[site.office.slug])).status_code == 404
    assert _post(site.office, _answers(site.office)).status_code == 404


@pytest.mark.parametrize(
    ("change", "spanish"),
    [
        ({"website": "http://spam.example"}, "parecen automáticas"),
        ({"consent": ""}, "acepte el consentimiento"),
        ({"area": "Calle Falsa 123"}, "Elija su zona"),
        ({"started": "tampered"}, "fue modificado"),
        ({"safe_after_dark": "maybe"}, "Elija una respuesta"),
    ],
    ids=["honeypot", "no-consent", "area-not-listed", "tampered-time", "unknown-option"],
)
def test_it_refuses_spam_in_the_readers_language(
    site: Site, change: dict[str, str], spanish: str
) -> None:
    open_for(site.office)
    response = _post(site.office, {**_answers(site.office), **change}, lang="es")
    assert response.status_code == 200
    assert spanish in response.content.decode()
    assert _stored(site.office) == 0


def test_it_refuses_a_form_sent_back_too_quickly(site: Site, settings: Any) -> None:
    settings.CONSULTATION_MIN_SECONDS = 30
    open_for(site.office)
    response = _post(site.office, _answers(site.office), lang="es")
    assert "demasiado rápido" in response.content.decode()
    assert _stored(site.office) == 0


def test_it_refuses_a_time_moved_back_by_hand(site: Site, settings: Any) -> None:
    """A time written by the sender (not signed with the site's key) is refused."""
    settings.CONSULTATION_MIN_SECONDS = 30
    open_for(site.office)
    forged = signing.dumps(
        {"o": site.office.pk, "t": time.time() - 3600}, salt="other", compress=True
    )
    response = _post(site.office, _answers(site.office, lang_token=forged), lang="pt")
    assert "foi modificado" in response.content.decode()
    assert _stored(site.office) == 0


def test_it_refuses_a_form_older_than_the_limit(site: Site, settings: Any) -> None:
    open_for(site.office)
    settings.CONSULTATION_MAX_AGE = -1  # every form is already too old
    response = _post(site.office, _answers(site.office), lang="es")
    assert "demasiado antiguo" in response.content.decode()
    assert _stored(site.office) == 0


def test_it_refuses_a_form_made_for_another_office(site: Site) -> None:
    open_for(site.office)
    open_for(site.other)
    data = _answers(site.office, lang_token=consult.start_token(site.other))
    assert "was changed" in _post(site.office, data).content.decode()
    assert _stored(site.office) == 0


def test_it_limits_answers_per_address_and_keeps_no_address(site: Site, settings: Any) -> None:
    settings.CONSULTATION_RATE_LIMIT = 3
    open_for(site.office)
    codes = [_post(site.office, _answers(site.office), REMOTE_ADDR="203.0.113.7").status_code
             for _ in range(4)]  # fmt: skip
    assert codes == [302, 302, 302, 429]
    refused = _post(site.office, _answers(site.office), lang="es", REMOTE_ADDR="203.0.113.7")
    assert "Demasiadas respuestas" in refused.content.decode()
    assert _post(site.office, _answers(site.office), REMOTE_ADDR="198.51.100.2").status_code == 302
    assert _stored(site.office) == 4
    stored = str(list(ConsultationResponse.objects.filter(office=site.office).values()))
    assert "203.0.113.7" not in stored
    limits = str(list(ConsultationLimit.objects.values()))
    assert ConsultationLimit.objects.count() == 2
    assert "203.0.113.7" not in limits and "198.51.100.2" not in limits


class _Worker:
    """One gunicorn worker: its own process memory (a LocMem cache of its own)."""

    def __init__(self, name: str) -> None:
        self.caches = {"consultation": LocMemCache(name, {}), "default": caches["default"]}


def test_two_workers_count_the_same_answers_of_an_address(
    site: Site, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Answers sent to two workers in turn: the limit holds over both, not per worker."""
    settings.CONSULTATION_RATE_LIMIT = 3
    open_for(site.office)
    workers = (_Worker("worker-1"), _Worker("worker-2"))
    codes = []
    for i in range(6):
        monkeypatch.setattr(consult, "caches", workers[i % 2].caches)
        response = _post(site.office, _answers(site.office), REMOTE_ADDR="203.0.113.7")
        codes.append(response.status_code)
    assert codes == [302, 302, 302, 429, 429, 429]
    assert _stored(site.office) == 3


def test_an_ended_window_is_forgotten(site: Site, settings: Any) -> None:
    """Once its window ends an address may answer again, and its hashed row is gone."""
    settings.CONSULTATION_RATE_LIMIT = 1
    open_for(site.office)
    assert _post(site.office, _answers(site.office), REMOTE_ADDR="203.0.113.7").status_code == 302
    ConsultationLimit.objects.update(expires=timezone.now() - timedelta(seconds=1))
    assert _post(site.office, _answers(site.office), REMOTE_ADDR="198.51.100.2").status_code == 302
    assert ConsultationLimit.objects.count() == 1  # the ended window's row was purged
    assert _post(site.office, _answers(site.office), REMOTE_ADDR="203.0.113.7").status_code == 302


def test_the_benchmarks_loopback_clients_can_be_exempted(site: Site, settings: Any) -> None:
    settings.CONSULTATION_RATE_LIMIT = 1
    settings.CONSULTATION_RATE_EXEMPT = ["127.0.0.1"]
    open_for(site.office)
    codes = {_post(site.office, _answers(site.office)).status_code for _ in range(3)}
    assert codes == {302}


def test_real_answers_reach_the_survey_analysis_weighted_by_population(site: Site) -> None:
    """20 in Norte (6 unsafe), 20 in Sur (none): weighted 30,000 × 0.3 / 40,000 = 22.5 %."""
    open_for(site.office)
    for i in range(20):
        answer = "very_unsafe" if i < 6 else "very_safe"
        assert _post(site.office, _answers(site.office, after_dark=answer),
                     REMOTE_ADDR=f"10.0.0.{i}").status_code == 302  # fmt: skip
        _post(site.office, _answers(site.office, area="Sur", after_dark="fairly_safe"),
              REMOTE_ADDR=f"10.0.1.{i}")  # fmt: skip
    result = consult.results(site.office, consult.consultation_of(site.office))  # type: ignore[arg-type]
    after_dark = result.questions[0]
    assert after_dark.headline is not None
    assert after_dark.headline.overall.estimate == pytest.approx(0.225)
    by_area = {a.area: a.estimate for a in after_dark.headline.areas}
    assert by_area == {"Norte": pytest.approx(0.3), "Sur": pytest.approx(0.0)}
    assert result.weighted and result.answers == 40


def test_the_staff_page_shows_shares_hides_small_areas_and_no_free_text(site: Site) -> None:
    areas = (core.Area(name="Norte"), core.Area(name="Sur"), core.Area(name="Centro"))
    open_for(site.office, areas)
    for i in range(24):
        area = "Centro" if i < 4 else ("Norte" if i < 14 else "Sur")
        _post(site.office, _answers(site.office, area=area), REMOTE_ADDR=f"10.0.2.{i}")
    page = site.client("reviewer", HTTP_ACCEPT_LANGUAGE="es").get(
        reverse("consultation_results", args=[site.office.slug])
    )
    html = page.content.decode()
    assert "24 personas respondieron" in html
    assert "no están ponderadas" in html  # no population: said so
    assert "100\xa0%" in html  # everyone chose "very unsafe" after dark
    assert ">4<" not in html  # Centro's 4 answers hidden, and Norte or Sur with it
    assert html.count('<td class="num">x</td>') >= 2
    assert "Oak Street" not in html
    assert "Responder la consulta" in html  # open: the block links to the form


def test_the_manager_words_a_question_and_lists_the_areas(site: Site) -> None:
    client = site.client("manager")
    data = {
        "enabled": "on",
        "areas": "Centro: 12.500\nLa Loma",
        "threshold": "10",
        "ask_safe_after_dark": "on",
        "text_safe_after_dark_es": "¿Se siente seguro de noche?",
    }
    response = client.post(reverse("consultation_settings", args=[site.office.slug]), data)
    assert response.status_code == 302
    doc = consult.document(consult.consultation_of(site.office))  # type: ignore[arg-type]
    assert doc.areas == (core.Area(name="Centro", population=12500), core.Area(name="La Loma"))
    assert doc.questions == ("safe_after_dark",) and not doc.weighted()
    form = Client(HTTP_ACCEPT_LANGUAGE="es").get(reverse("consultation", args=[site.office.slug]))
    html = form.content.decode()
    assert "¿Se siente seguro de noche?" in html and "durante el día" not in html
    assert "La Loma" in html


def test_the_settings_refuse_a_bad_population_beside_the_field(site: Site) -> None:
    client = site.client("manager", HTTP_ACCEPT_LANGUAGE="es")
    data = {"areas": "Centro: mucha gente", "threshold": "10", "ask_safe_after_dark": "on"}
    response = client.post(reverse("consultation_settings", args=[site.office.slug]), data)
    assert response.status_code == 200
    assert "no es un número entero" in response.content.decode()
    assert consult.consultation_of(site.office) is None


def _population_store(office: Office, rows: list[tuple[str, int, str | None, int]]) -> None:
    """The office's data store with a population table, as a loaded population file leaves it."""
    from ovpkit.diagnosis import open_store
    from ovpkit_web.data import store_path

    con = open_store(store_path(office))
    try:
        for area, year, sex, population in rows:
            con.execute(
                "INSERT INTO population (source, area_code, year, sex, population) "
                "VALUES ('census', ?, ?, ?, ?)",
                [area, year, sex, population],
            )
    finally:
        con.close()


def test_the_populations_come_from_the_offices_data(
    site: Site, settings: Any, tmp_path: Any
) -> None:
    """Latest year, summed over sex; an area the data does not name is said, in Spanish."""
    settings.DATA_DIR = tmp_path
    rows = [("Centro", 2020, "F", 100), ("Centro", 2023, "F", 6000),
            ("Centro", 2023, "M", 5500), ("Norte", 2023, None, 900)]  # fmt: skip
    _population_store(site.office, rows)
    client = site.client("manager", HTTP_ACCEPT_LANGUAGE="es")
    data = {"areas": "centro\nLa Loma", "threshold": "10", "ask_safe_after_dark": "on",
            "from_data": "on"}  # fmt: skip
    url = reverse("consultation_settings", args=[site.office.slug])
    response = client.post(url, data, follow=True)
    doc = consult.document(consult.consultation_of(site.office))  # type: ignore[arg-type]
    assert [(a.name, a.population) for a in doc.areas] == [("centro", 11_500), ("La Loma", None)]
    html = response.content.decode()
    assert "No se encontró población en los datos de la oficina para La Loma" in html
    assert "no se ponderan" in html


def test_it_says_when_the_office_has_no_population_data(
    site: Site, settings: Any, tmp_path: Any
) -> None:
    settings.DATA_DIR = tmp_path
    client = site.client("manager", HTTP_ACCEPT_LANGUAGE="pt")
    data = {"areas": "Centro", "threshold": "10", "ask_safe_after_dark": "on", "from_data": "on"}
    response = client.post(reverse("consultation_settings", args=[site.office.slug]), data)
    assert response.status_code == 200
    assert "ainda não tem dados de população" in response.content.decode()
    assert consult.consultation_of(site.office) is None


def test_answers_are_read_office_by_office_only(site: Site) -> None:
    from ovpkit_web.models import UnscopedQuery

    with pytest.raises(UnscopedQuery):
        list(ConsultationResponse.objects.all())


def test_the_office_page_links_to_the_consultation(site: Site) -> None:
    page = site.client("partner").get(reverse("office", args=[site.office.slug]))
    assert reverse("consultation_results", args=[site.office.slug]) in page.content.decode()


def test_a_new_answer_shows_at_once_despite_the_cache(site: Site) -> None:
    open_for(site.office, (core.Area(name="Norte"),))
    for i in range(11):
        _post(site.office, _answers(site.office), REMOTE_ADDR=f"10.0.3.{i}")
    row = consult.consultation_of(site.office)
    assert row is not None
    assert consult.results(site.office, row).answers == 11
    _post(site.office, _answers(site.office), REMOTE_ADDR="10.0.4.1")
    assert consult.results(site.office, row).answers == 12

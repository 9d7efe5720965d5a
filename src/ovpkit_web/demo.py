"""The demo a first start loads: the report's cities, their records, data and an evaluation.

- Each shipped answers file (Bristol, Cali, Edmonton, Rosario; built only from the
  report's statements) becomes an office with its profile from the knowledge base and
  one assessment computed by the core.
- Palmira (in the knowledge base) gets the monitoring example of ``examples/monitoring``
  (shipped in ``demo_files``; illustrative values, and its pages say so) as records,
  each checked by the core's model as a form would check it.
- Philadelphia (in the knowledge base) gets the core's shipped shootings sample as a
  data set, loaded here (about a second), and its diagnosis queued for the worker.
- "Reference studies" holds the Basque Country synthetic control (Abadie and
  Gardeazabal 2003; spec and panel in ``demo_files``), queued for the worker.

One demo user per role is a member of every demo office (the partner acts for a
Palmira partner); their passwords are generated on first start into
``demo-logins.txt`` in the home folder (owner-readable only). Loading again changes
nothing: each part is skipped when it is there already.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from ovpkit.assessment.answersfile import parse_answer_set
from ovpkit.assessment.validation import CITY_FILES, example_answers_text
from ovpkit_web import domain
from ovpkit_web.accounts import demo_without_mfa
from ovpkit_web.models import Membership, Office, PartnerUser, Role

LOGINS_FILE = "demo-logins.txt"
#: the files the demo ships (copies of examples/, checked equal by tests/web/test_demo_full.py)
DEMO_FILES = Path(__file__).parent / "demo_files"
#: the office the records, the data set and the evaluation go to, by their part
PALMIRA = "palmira"
PHILADELPHIA = "philadelphia-ovp"
STUDIES = "reference-studies"
#: the demo's public page: Cali's secretariat (its assessment reproduces the report's), its
#: mandate a fact of the report; not Palmira, whose monitoring values are illustrative
PUBLIC_PAGE_OFFICE = "cali-ssj"
PUBLIC_PAGE_MANDATE_FACT = "cali-ssj-national-police"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: Role


def demo_usernames() -> dict[Role, str]:
    return {role: f"demo-{role.value}" for role in Role}


@transaction.atomic
def load_demo(home: Path) -> list[DemoLogin]:
    """Create the demo offices, assessments and users if missing; return the logins."""
    from ovpkit_web import demo_parts

    logins = _logins(home)
    users = {login.role: _user(login) for login in logins}
    manager = users[Role.MANAGER]
    offices = [_office(file_name, manager) for file_name in CITY_FILES.values()]
    palmira = _knowledge_office(PALMIRA)
    philadelphia = _knowledge_office(PHILADELPHIA)
    studies = _plain_office(STUDIES, "Reference studies (worked examples of the methods)")
    offices += [palmira, philadelphia, studies]
    for office in offices:
        for role, user in users.items():
            Membership.objects.get_or_create(user=user, office=office, defaults={"role": role})
    partner = demo_parts.load_records(palmira, manager, DEMO_FILES / "palmira.yaml")
    if partner is not None:
        PartnerUser.objects.get_or_create(
            office=palmira, user=users[Role.PARTNER], defaults={"partner": partner}
        )
    public = next(office for office in offices if office.slug == PUBLIC_PAGE_OFFICE)
    demo_parts.publish_page(public, users, PUBLIC_PAGE_MANDATE_FACT)
    demo_parts.load_sample_data(philadelphia, manager)
    demo_parts.queue_evaluation(studies, manager, DEMO_FILES / "basque.yaml")
    return logins


def _knowledge_office(slug: str) -> Office:
    """An office described in the report, with its profile from the knowledge base."""
    profile = domain.office_profile(slug)
    name = f"{profile['city']} - {profile['name']}" if profile else slug
    office, _created = Office.objects.get_or_create(
        slug=slug, defaults={"name": name, "knowledge_slug": slug, "profile": profile}
    )
    return office


def _plain_office(slug: str, name: str) -> Office:
    office, _created = Office.objects.get_or_create(slug=slug, defaults={"name": name})
    return office


def _office(file_name: str, manager: AbstractBaseUser) -> Office:
    text = example_answers_text(file_name)
    answer_set = parse_answer_set(text, file=file_name)
    slug = answer_set.office_slug or Path(file_name).stem
    office, created = Office.objects.get_or_create(
        slug=slug,
        defaults={
            "name": answer_set.office,
            "knowledge_slug": answer_set.office_slug or "",
            "profile": domain.office_profile(answer_set.office_slug or ""),
        },
    )
    if created or not office.assessments.exists():
        answers = domain.store_answers(office, manager, text, file_name)
        domain.assess_office(office, manager, answers)
    return office


def _user(login: DemoLogin) -> AbstractBaseUser:
    model = get_user_model()
    user, created = model.objects.get_or_create(username=login.username)
    if created or not user.check_password(login.password):
        user.set_password(login.password)
        user.save()
    # demo logins work without a second factor (serve prints their passwords); a real
    # site starts with --no-demo, where managers and admins must set one up
    demo_without_mfa(user)
    return user


def _logins(home: Path) -> list[DemoLogin]:
    """The demo logins: read from the home folder, or generated there the first time."""
    path = home / LOGINS_FILE
    names = demo_usernames()
    if path.is_file():
        known = dict(line.split(" ", 1) for line in path.read_text("utf-8").splitlines() if line)
        if set(names.values()) <= set(known):
            return [DemoLogin(names[r], known[names[r]].strip(), r) for r in Role]
    logins = [DemoLogin(names[r], secrets.token_urlsafe(12), r) for r in Role]
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.writelines(f"{login.username} {login.password}\n" for login in logins)
    return logins

"""The request a view behind ``@login_required`` receives, as the type checker sees it.

Django passes a plain :class:`~django.http.HttpRequest` whose ``user`` may be anonymous;
behind ``login_required`` it never is. Views that store who did something (``updated_by``,
a member list) take a :class:`SignedInRequest`, so mypy knows ``request.user`` is an
account. Nothing changes at run time: it is an annotation only.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest


class SignedInRequest(HttpRequest):
    """An :class:`HttpRequest` whose user has logged in (the site's user model)."""

    user: User

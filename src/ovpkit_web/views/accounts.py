"""An office's members, for its managers: add an account, change a role, remove a member,
link a partner-role member to its partner organisation. Staff and others get 403,
outsiders 404 (the office is looked up among the user's own first). Every change is an
AuditEvent (:mod:`ovpkit_web.accounts`).
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ovpkit_web import accounts
from ovpkit_web.models import Membership, MonitoringRecord, Office, PartnerUser, Role
from ovpkit_web.permissions import MANAGE_OFFICE, offices_for
from ovpkit_web.signed_in import SignedInRequest
from ovpkit_web.views.office import _office


class AddMemberForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("User name"), max_length=150)
    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        required=False,
        help_text=gettext_lazy("Optional: lets the person reset a forgotten password."),
    )
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices)

    def clean_username(self) -> str:
        name = str(self.cleaned_data["username"]).strip()
        validator = get_user_model().username_validator
        validator(name)
        if get_user_model().objects.filter(username__iexact=name).exists():
            raise forms.ValidationError(_("This user name is taken: choose another one."))
        return name


class MemberForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices)
    partner = forms.ChoiceField(
        label=gettext_lazy("Partner organisation (partner role only)"), required=False
    )

    def __init__(self, *args: Any, office: Office, membership: Membership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.membership = membership
        choices = [("", "–"), *partner_choices(office)]
        cast(forms.ChoiceField, self.fields["partner"]).choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        if data.get("partner") and role != Role.PARTNER:
            raise forms.ValidationError(
                _("Only a member with the partner role acts for a partner organisation.")
            )
        if role and role != Role.MANAGER and accounts.last_manager(self.membership):
            raise forms.ValidationError(
                _("The office needs at least one manager: make someone else manager first.")
            )
        return data


def partner_choices(office: Office) -> list[tuple[str, str]]:
    """The office's partner organisations (monitoring records of collection "partners")."""
    rows = MonitoringRecord.objects.filter(office=office, collection="partners")
    return [(r.key, str(r.data.get("name") or r.key)) for r in rows]


def _rows(office: Office) -> list[dict[str, Any]]:
    links = {p.user_id: p.partner for p in PartnerUser.objects.filter(office=office)}
    memberships = Membership.objects.filter(office=office).select_related("user")
    return [
        {
            "membership": m,
            "form": MemberForm(
                initial={"role": m.role, "partner": links.get(m.user_id, "")},
                office=office,
                membership=m,
                prefix=f"m{m.pk}",
            ),
            "partner": links.get(m.user_id, ""),
        }
        for m in memberships.order_by("user__username")
    ]


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def members(request: HttpRequest, slug: str) -> HttpResponse:
    """The members with their roles; POST adds an account with a role."""
    office = _office(request, slug, MANAGE_OFFICE)
    form = AddMemberForm(request.POST or None, initial={"role": Role.STAFF})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        membership, password = accounts.add_member(
            request, office, data["username"], data["email"], Role(data["role"])
        )
        context = {"office": office, "member": membership, "password": password}
        return render(request, "ovpkit_web/member_added.html", context)
    status = 400 if request.method == "POST" else 200
    context = {
        "office": office,
        "rows": _rows(office),
        "form": form,
        "has_partners": bool(partner_choices(office)),
    }
    return render(request, "ovpkit_web/members.html", context, status=status)


def _membership(office: Office, pk: int) -> Membership:
    return get_object_or_404(Membership.objects.select_related("user"), office=office, pk=pk)


@require_POST
@login_required
def member_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Change a member's role and, for a partner, its partner organisation."""
    office = _office(request, slug, MANAGE_OFFICE)
    membership = _membership(office, pk)
    form = MemberForm(request.POST, office=office, membership=membership, prefix=f"m{pk}")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"{membership.user.get_username()}: {error}")
        return redirect("members", slug=office.slug)
    accounts.change_role(request, membership, Role(form.cleaned_data["role"]))
    if membership.role == Role.PARTNER:
        accounts.link_partner(request, membership, form.cleaned_data["partner"])
    name = membership.user.get_username()
    messages.success(request, _("Saved the role of {name}.").format(name=name))
    return redirect("members", slug=office.slug)


@require_POST
@login_required
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """End a membership (never the office's last manager, nor one's own)."""
    office = _office(request, slug, MANAGE_OFFICE)
    membership = _membership(office, pk)
    name = membership.user.get_username()
    if membership.user_id == request.user.pk:
        messages.error(request, _("You cannot remove yourself from the office."))
    elif accounts.last_manager(membership):
        messages.error(request, _("The office needs at least one manager: this one stays."))
    else:
        accounts.remove_member(request, membership)
        messages.success(request, _("{name} is no longer a member.").format(name=name))
    return redirect("members", slug=office.slug)


@require_safe
@login_required
def account(request: SignedInRequest) -> HttpResponse:
    """One's own account: offices and roles, the second step at login, the password."""
    memberships = Membership.objects.filter(user=request.user).select_related("office")
    rows = [
        {"office": m.office, "role": m.get_role_display(), "manages": m.role == Role.MANAGER}
        for m in memberships.order_by("office__name")
    ]
    context = {
        "rows": rows,
        "admin_offices": offices_for(request.user) if request.user.is_superuser else (),
        "second_factor": accounts.has_second_factor(request.user),
        "required": accounts.mfa_required(request.user),
    }
    return render(request, "ovpkit_web/account.html", context)

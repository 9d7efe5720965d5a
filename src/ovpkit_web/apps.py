from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OvpkitWebConfig(AppConfig):
    name = "ovpkit_web"
    verbose_name = _("ovpkit workspace")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connect the login signals, register the permission rules and the jobs' work.
        from ovpkit_web import audit, data, evaluations, permissions, reports  # noqa: F401

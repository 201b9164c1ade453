from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "inburgering.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from inburgering.dossiers.signalen import dossier_bijgewerkt

        dossier_bijgewerkt.connect(_werk_mijlpalen_bij, dispatch_uid="monitoring.mijlpalen")


def _werk_mijlpalen_bij(sender, dossier, events, nieuw=None, **kwargs):
    from . import projectie, stand

    projectie.bijwerken(dossier, events)
    stand.bijwerken(dossier, events, nieuw)

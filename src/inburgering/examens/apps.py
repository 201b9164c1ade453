from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExamensConfig(AppConfig):
    name = "inburgering.examens"
    label = "examens"
    verbose_name = _("Examens")

    def ready(self) -> None:
        from . import soorten

        soorten.registreer()  # its event types (dossiers/gebeurtenissen.py)

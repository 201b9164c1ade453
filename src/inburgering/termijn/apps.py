from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TermijnConfig(AppConfig):
    name = "inburgering.termijn"
    label = "termijn"
    verbose_name = _("Inburgeringstermijn: verlenging, ontheffing en einde")

    def ready(self) -> None:
        from . import soorten, taken, voortgang

        soorten.registreer()  # its event types (dossiers/gebeurtenissen.py)
        taken.registreer()  # DUO's request for advice as a task in the werkvoorraad
        voortgang.registreer()  # recorded NT2 hours for afschalen in the PIP

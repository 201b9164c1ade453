from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoppelingenConfig(AppConfig):
    name = "inburgering.koppelingen"
    label = "koppelingen"
    verbose_name = _("Koppelingen (DUO)")

    def ready(self) -> None:
        from . import soorten
        from .duo import contactpersoon

        soorten.registreer()  # its event types (dossiers/gebeurtenissen.py)
        contactpersoon.registreer()  # the consulent as contact person at DUO

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrievenConfig(AppConfig):
    name = "inburgering.brieven"
    label = "brieven"
    verbose_name = _("Brieven")

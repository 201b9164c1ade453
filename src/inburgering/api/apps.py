from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "inburgering.api"
    label = "api"
    verbose_name = _("Partner-API")

    def ready(self) -> None:
        from . import schema, soorten  # noqa: F401 (schema: the OpenAPI extension)

        soorten.registreer()

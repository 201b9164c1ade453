"""Need-to-know for partners: which data each kind of organisation may see, in one table.

A partner user sees a dossier only while their organisation has an active `Betrokkenheid`
with it (`dossiers_voor_partner`), and of that dossier only the categories of `GEGEVENS` for
their kind. Pages, exports and the API ask `mag_zien(soort, gegeven)`; nothing else decides.
The table is the privacy officer's to read: a language school never sees health, finances or
asylum history (Wi art. 37; AVG art. 5 lid 1 onder c, dataminimalisatie)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inburgering.accounts.models import Gebruiker, Rol
from inburgering.dossiers.models import Dossier

from .models import Betrokkenheid, Medewerker, Organisatie, Organisatiesoort


class Gegeven(models.TextChoices):
    """Categories of a dossier's data, as a partner may or may not see them."""

    NAAM = "naam", _("Naam en geboortejaar")
    CONTACT = "contact", _("Telefoon, e-mail en adres")
    TAAL = "taal", _("Talen en opleiding")
    CONSULENT = "consulent", _("Contactpersoon bij de gemeente")
    ROUTE = "route", _("Leerroute en termijn")
    PLAATSING = "plaatsing", _("Plaatsing, uren en aanwezigheid")
    EXAMENS = "examens", _("Examens en examenwensen")
    BEGELEIDING = "begeleiding", _("Maatschappelijke begeleiding")
    ONTZORGEN_STATUS = "ontzorgen_status", _("Ontzorgen: wat betaald is")
    ONTZORGEN_BETALING = "ontzorgen_betaling", _("Ontzorgen: begunstigden, IBAN en bedragen")
    WERK = "werk", _("Werk en participatie")
    GEZONDHEID = "gezondheid", _("Gezondheid")
    FINANCIEN = "financien", _("Inkomen en schulden")
    ASIELVERLEDEN = "asielverleden", _("Asielverleden en verblijf")


G = Gegeven
S = Organisatiesoort

#: The one table. Changing it is a privacy decision: record it in the ADR of the partners app.
GEGEVENS: dict[Organisatiesoort, frozenset[Gegeven]] = {
    S.TAALAANBIEDER: frozenset(
        {G.NAAM, G.CONTACT, G.TAAL, G.CONSULENT, G.ROUTE, G.PLAATSING, G.EXAMENS}
    ),
    S.BEGELEIDING: frozenset(
        {G.NAAM, G.CONTACT, G.TAAL, G.CONSULENT, G.ROUTE, G.BEGELEIDING, G.ONTZORGEN_STATUS}
    ),
    S.BUDGETBEHEER: frozenset(
        {G.NAAM, G.CONTACT, G.CONSULENT, G.ONTZORGEN_STATUS, G.ONTZORGEN_BETALING, G.FINANCIEN}
    ),
    # COA hands over; after the handover it only needs to know the person arrived.
    S.COA: frozenset({G.NAAM, G.CONSULENT}),
    S.WERKGEVER: frozenset({G.NAAM, G.CONTACT, G.TAAL, G.CONSULENT, G.WERK}),
}


def mag_zien(soort: Organisatiesoort | str, gegeven: Gegeven) -> bool:
    return gegeven in GEGEVENS[Organisatiesoort(soort)]


def organisatie_van(user: Gebruiker) -> Organisatie | None:
    """The active organisation of a partner user, or None (any other role, or inactive)."""
    if not (user.is_authenticated and user.is_active and user.rol == Rol.PARTNER):
        return None
    medewerker = Medewerker.objects.select_related("organisatie").filter(gebruiker=user).first()
    if medewerker is None or not medewerker.organisatie.actief:
        return None
    return medewerker.organisatie


def dossiers_voor_organisatie(
    organisatie: Organisatie, op: dt.date | None = None
) -> QuerySet[Dossier]:
    """Dossiers the organisation is involved in on `op` (today), in a gemeente it serves."""
    op = op or timezone.localdate()
    actief = Betrokkenheid.objects.actief_op(op).filter(organisatie=organisatie)
    return Dossier.objects.filter(
        pk__in=actief.values("dossier_id"),
        gemeente_id__in=organisatie.gemeenten.values("pk"),
    )


def dossiers_voor_partner(user: Gebruiker, op: dt.date | None = None) -> QuerySet[Dossier]:
    organisatie = organisatie_van(user)
    if organisatie is None:
        return Dossier.objects.none()
    return dossiers_voor_organisatie(organisatie, op)

"""Which children's dossiers a parent may read in the portal (issue 19 item 6, ADR 0039).

One rule, one function (`kinddossiers`): the session (`sessie.burger_van`), the chooser on the
home page and the switch (`services.kies_kind`) all ask it, on every request, so a child who
turns 18, moves out, or a gemeente that switches the option off ends the access at once.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from inburgering.accounts.models import GemeenteConfiguratie
from inburgering.dossiers.models import Dossier, Gezinsrelatie, Inburgeraar
from inburgering.dossiers.workflow import Fase
from inburgering.wet.kalender import plus_jaren

#: Burgerlijk Wetboek Boek 1 art. 233: minderjarig is wie de leeftijd van 18 jaar nog niet
#: heeft bereikt (en niet getrouwd is of was: dat weet het dossier niet).
MEERDERJARIG = 18


def minderjarig(geboortedatum: dt.date | None, vandaag: dt.date) -> bool:
    """True while the 18th birthday is still to come (BW 1:233). On the birthday itself the
    person is an adult. An unknown or incomplete birth date confirms nothing: False."""
    if geboortedatum is None:
        return False
    return vandaag < plus_jaren(geboortedatum, MEERDERJARIG)


def _adres(persoon: Inburgeraar) -> tuple[str, str] | None:
    straat = " ".join(persoon.post_straat.split()).lower()
    postcode = persoon.post_postcode.replace(" ", "").upper()
    return (straat, postcode) if straat and postcode else None


def zelfde_huishouden(ouder: Inburgeraar, kind: Inburgeraar) -> bool:
    """Both records hold an address and it is the same one (street, number and postcode). An
    address missing on either side confirms nothing."""
    adres = _adres(ouder)
    return adres is not None and adres == _adres(kind)


def kinder_inzage_aan(gemeente_id: int) -> bool:
    """The gemeente's choice (`GemeenteConfiguratie.portaal_kinderen`, off by default)."""
    return GemeenteConfiguratie.objects.filter(
        gemeente_id=gemeente_id, portaal_kinderen=True
    ).exists()


def _dossier_van(kind: Inburgeraar, gemeente_id: int) -> Dossier | None:
    dossiers = Dossier.objects.filter(inburgeraar=kind, gemeente_id=gemeente_id)
    if settings.PORTAAL_GEMEENTEN:
        dossiers = dossiers.filter(gemeente__cbs_code__in=settings.PORTAAL_GEMEENTEN)
    return (
        dossiers.select_related("inburgeraar", "gemeente", "consulent")
        .annotate(
            dicht=Case(
                When(fase=Fase.AFGEROND, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("dicht", "-aangemaakt_op", "-pk")
        .first()
    )


def kinddossiers(ouder: Dossier, vandaag: dt.date | None = None) -> list[Dossier]:
    """The dossiers of the parent's children that the parent may read in the portal today.

    Grondslag en keuze (ADR 0039): de ouder met gezag vertegenwoordigt een minderjarig kind
    (Burgerlijk Wetboek Boek 1 art. 245 lid 4 en art. 247); voor een kind onder de 16 jaar
    is toestemming van de ouder nodig (AVG art. 8 en UAVG art. 5), en het inzagerecht van
    een minderjarige loopt via de wettelijk vertegenwoordiger (UAVG art. 5 lid 1). Het
    portaal laat de ouder daarom meelezen in het dossier van een kind, maar alleen:

    * als de gemeente dat heeft aangezet (`GemeenteConfiguratie.portaal_kinderen`, standaard
      uit: de gemeente kiest, want het kind van 16 of 17 is zelf inburgeringsplichtig en het
      dossier gaat over hem of haar);
    * voor een kind dat de gemeente als gezinslid van deze ouder heeft vastgelegd
      (`Gezinsrelatie` soort kind, gekoppeld aan het eigen persoonsrecord van het kind) in
      dezelfde gemeente als het dossier van de ouder;
    * dat vandaag minderjarig is (jonger dan 18: BW 1:233; op de 18e verjaardag niet meer)
      met een bekende geboortedatum;
    * dat in hetzelfde huishouden woont: beide records hebben hetzelfde adres (`zelfde_huishouden`);
    * en dat zelf een dossier in die gemeente heeft.

    Wat hier niet uitkomt, bestaat voor de ouder niet (404 zoals elk onbekend object)."""
    vandaag = vandaag or timezone.localdate()
    if not kinder_inzage_aan(ouder.gemeente_id):
        return []
    relaties = (
        Gezinsrelatie.objects.filter(
            inburgeraar_id=ouder.inburgeraar_id,
            soort=Gezinsrelatie.Soort.KIND,
            gerelateerde__isnull=False,
            gerelateerde__gemeente_id=ouder.gemeente_id,
        )
        .exclude(gerelateerde_id=ouder.inburgeraar_id)
        .select_related("gerelateerde", "inburgeraar")
        .order_by("pk")
    )
    gevonden: list[Dossier] = []
    for relatie in relaties:
        kind = relatie.gerelateerde
        assert kind is not None
        if not minderjarig(kind.geboortedatum, vandaag):
            continue
        if not zelfde_huishouden(relatie.inburgeraar, kind):
            continue
        dossier = _dossier_van(kind, ouder.gemeente_id)
        if dossier is not None and all(d.pk != dossier.pk for d in gevonden):
            gevonden.append(dossier)
    return gevonden

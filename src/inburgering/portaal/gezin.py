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
from inburgering.dossiers.models import Dossier, DossierEvent, Gezinsrelatie, Inburgeraar
from inburgering.dossiers.workflow import Fase, Soort
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


def meelezen_geweigerd(dossier: Dossier) -> bool:
    """The child's own latest choice in the portal: True after "my parents may not read
    along" (`MEELEZEN_GEWEIGERD`) until "they may again" (`MEELEZEN_TOEGESTAAN`)."""
    laatste = (
        DossierEvent.objects.filter(
            dossier=dossier, soort__in=[Soort.MEELEZEN_GEWEIGERD, Soort.MEELEZEN_TOEGESTAAN]
        )
        .order_by("-geregistreerd_op", "-pk")
        .values_list("soort", flat=True)
        .first()
    )
    return laatste == Soort.MEELEZEN_GEWEIGERD


def kinddossiers(
    ouder: Dossier, vandaag: dt.date | None = None, *, ook_geweigerd: bool = False
) -> list[Dossier]:
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
    * dat zelf een dossier in die gemeente heeft;
    * en dat zelf niet heeft gezegd dat de ouders niet mogen meelezen (`meelezen_geweigerd`;
      `ook_geweigerd` negeert dat, alleen om het kind te laten zien wie zou kunnen meelezen).

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
        if dossier is None or any(d.pk == dossier.pk for d in gevonden):
            continue
        if ook_geweigerd or not meelezen_geweigerd(dossier):
            gevonden.append(dossier)
    return gevonden


def meelezende_ouders(kind: Dossier, vandaag: dt.date | None = None) -> list[Inburgeraar]:
    """The parents who can read this child's dossier along under the rule above, leaving the
    child's own objection aside: what the child is shown on its own page, so it knows who
    could and can say no."""
    ouders: list[Inburgeraar] = []
    relaties = Gezinsrelatie.objects.filter(
        gerelateerde_id=kind.inburgeraar_id, soort=Gezinsrelatie.Soort.KIND
    ).select_related("inburgeraar")
    for relatie in relaties.order_by("pk"):
        ouder_dossiers = Dossier.objects.filter(
            inburgeraar_id=relatie.inburgeraar_id, gemeente_id=kind.gemeente_id
        )
        for ouder_dossier in ouder_dossiers.select_related("inburgeraar"):
            if any(
                d.pk == kind.pk for d in kinddossiers(ouder_dossier, vandaag, ook_geweigerd=True)
            ) and all(o.pk != relatie.inburgeraar_id for o in ouders):
                ouders.append(relatie.inburgeraar)
    return ouders

"""The summons flow for the brede intake (Wi art. 14 lid 1-2, art. 22; Besluit 7.1).

First summons → no-show or no cooperation → written warning with a new summons → no-show →
proposal for a €250 fine with a new period of at most 2 months → no-show → second fine proposal
and the intake is completed without the person. Every step is an event; every letter is kept.
The next step always comes from the rules package (`brede_intake_vervolg`), and a fine for an
asylum status holder is only proposed with a recorded individual assessment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from inburgering.accounts.models import Gebruiker
from inburgering.dossiers.models import Bron, Dossier
from inburgering.dossiers.services import registreer
from inburgering.dossiers.toestand import DossierToestand, OngeldigeGebeurtenis, bereken_toestand
from inburgering.dossiers.uitleg import regeltekst
from inburgering.dossiers.workflow import Fase, Soort
from inburgering.wet import IndividueleBeoordeling, boete_art22, brede_intake_vervolg
from inburgering.wet.intake import MAX_OPROEPEN
from inburgering.wet.kalender import plus_maanden
from inburgering.wet.typen import Doelgroep as WetDoelgroep
from inburgering.wet.uitkomst import Uitkomst

from .brede_intake import controleer_regime
from .brieven import maak_brief
from .models import Brief, Briefsoort

#: Phases in which the person can still be summoned for the brede intake.
OPROEPBARE_FASEN = {Fase.GESIGNALEERD, Fase.GEKOPPELD, Fase.GEHUISVEST, Fase.BREDE_INTAKE}


@dataclass(frozen=True)
class Stand:
    """Where the summons flow of one dossier stands, for the page and the checks."""

    toestand: DossierToestand
    vervolg: Uitkomst | None

    @property
    def oproepen(self) -> int:
        return self.toestand.oproepen

    @property
    def gemist(self) -> int:
        return self.toestand.niet_gevolgde_oproepen

    @property
    def open_oproep(self) -> bool:
        """A summons was sent and its outcome is not yet recorded as missed."""
        return self.oproepen > self.gemist

    @property
    def afgerond(self) -> bool:
        return self.toestand.intake_zonder_persoon or self.toestand.fase not in OPROEPBARE_FASEN


def stand(dossier: Dossier) -> Stand:
    toestand = bereken_toestand(dossier.events.all())
    gemist = toestand.niet_gevolgde_oproepen
    vervolg = brede_intake_vervolg(min(gemist, MAX_OPROEPEN)) if gemist else None
    return Stand(toestand, vervolg)


def stuur_oproep(
    dossier: Dossier,
    *,
    kanaal: str,
    periode_van: dt.date,
    periode_tot: dt.date,
    datum: dt.date,
    actor: Gebruiker | None,
) -> Brief:
    """Send the first summons, or the repeated one that the flow now requires (not under the
    old law: no brede intake there)."""
    controleer_regime(dossier)
    huidig = stand(dossier)
    if huidig.afgerond:
        raise OngeldigeGebeurtenis(_("De brede intake is al gestart of afgerond."))
    if huidig.open_oproep:
        raise OngeldigeGebeurtenis(
            _("Er loopt al een oproep. Leg eerst vast of de inburgeraar is gekomen.")
        )
    if huidig.oproepen >= MAX_OPROEPEN:
        raise OngeldigeGebeurtenis(_("Na drie oproepen volgt geen nieuwe oproep (Wi art. 14)."))
    if periode_tot < periode_van:
        raise OngeldigeGebeurtenis(_("De periode eindigt vóór zij begint."))
    if huidig.vervolg and huidig.vervolg.waarde.nieuwe_termijn_max_maanden:
        maanden = huidig.vervolg.waarde.nieuwe_termijn_max_maanden
        if periode_tot > plus_maanden(datum, maanden):
            raise OngeldigeGebeurtenis(
                _("Na een boete is de nieuwe termijn ten hoogste %(n)s maanden (Wi art. 22 lid 2).")
                % {"n": maanden}
            )
    soort = {0: Briefsoort.UITNODIGING_INTAKE, 1: Briefsoort.WAARSCHUWING}.get(
        huidig.gemist, Briefsoort.BOETEVOORNEMEN
    )
    with transaction.atomic():
        brief = maak_brief(
            dossier,
            soort,
            kanaal=kanaal,
            actor=actor,
            periode_van=periode_van,
            periode_tot=periode_tot,
            bedrag_cents=_voorgesteld_bedrag(dossier)
            if soort == Briefsoort.BOETEVOORNEMEN
            else None,
        )
        if soort == Briefsoort.WAARSCHUWING:
            registreer(
                dossier, Soort.WAARSCHUWING, datum, actor=actor, gegevens={"brief": brief.pk}
            )
        registreer(
            dossier,
            Soort.OPROEP_INTAKE,
            datum,
            actor=actor,
            gegevens={
                "volgnummer": huidig.oproepen + 1,
                "kanaal": kanaal,
                "brief": brief.pk,
                "periode_van": periode_van.isoformat(),
                "periode_tot": periode_tot.isoformat(),
            },
        )
    return brief


def oproep_in_bulk(dossier: Dossier, data: dict, datum: dt.date, actor: Gebruiker) -> None:
    """The caseload's bulk action "uitnodigen" (`dossiers.bulk.ACTIES`): the first summons."""
    stuur_oproep(
        dossier,
        kanaal=data["kanaal"],
        periode_van=data["periode_van"],
        periode_tot=data["periode_tot"],
        datum=datum,
        actor=actor,
    )


def registreer_niet_gevolgd(
    dossier: Dossier, *, datum: dt.date, reden: str, actor: Gebruiker | None
) -> Uitkomst:
    """Record that the person did not come or did not cooperate; returns the next step."""
    huidig = stand(dossier)
    if not huidig.open_oproep:
        raise OngeldigeGebeurtenis(_("Er is geen openstaande oproep."))
    registreer(dossier, Soort.OPROEP_NIET_GEVOLGD, datum, actor=actor, gegevens={"reden": reden})
    return brede_intake_vervolg(huidig.gemist + 1)


def stel_boete_voor(
    dossier: Dossier,
    *,
    datum: dt.date,
    actor: Gebruiker,
    beoordeling: IndividueleBeoordeling | None,
    bijstand_verlaagd: bool = False,
) -> Uitkomst:
    """Propose the art. 22 fine the flow now calls for. Never issued automatically."""
    huidig = stand(dossier)
    if not (huidig.vervolg and huidig.vervolg.waarde.boete_art22):
        raise OngeldigeGebeurtenis(_("In deze stap van de oproepen hoort geen boete."))
    voorgesteld = _aantal_boetes(dossier)
    if voorgesteld >= huidig.gemist - 1:
        raise OngeldigeGebeurtenis(_("Voor deze gemiste oproep is al een boete voorgesteld."))
    uitkomst = boete_art22(
        doelgroep=WetDoelgroep(dossier.doelgroep),
        individuele_beoordeling=beoordeling,
        bijstand_verlaagd=bijstand_verlaagd,
        reeds_opgelegd_cents=_totaal_boetes_cents(dossier),
    )
    if not uitkomst.waarde.toegestaan:
        raise OngeldigeGebeurtenis(regeltekst(uitkomst.waarde.blokkade or uitkomst.uitleg))
    gegevens = {
        "artikel": "22",
        "bedrag_cents": uitkomst.waarde.bedrag_cents,
        "uitleg": uitkomst.uitleg,
        "grondslag": "; ".join(str(g) for g in uitkomst.grondslagen),
    }
    if beoordeling is not None:
        gegevens["individuele_beoordeling"] = {
            "datum": beoordeling.datum.isoformat(),
            "beoordelaar": beoordeling.beoordelaar,
            "motivering": beoordeling.motivering,
            "boete_passend": beoordeling.boete_passend,
        }
    registreer(dossier, Soort.BOETE_VOORGESTELD, datum, actor=actor, gegevens=gegevens)
    return uitkomst


def voltooi_zonder_persoon(
    dossier: Dossier, *, datum: dt.date, kanaal: str, actor: Gebruiker | None
) -> Brief:
    """Wi art. 14 lid 2: after three summonses, complete the intake without the person."""
    huidig = stand(dossier)
    if not (huidig.vervolg and huidig.vervolg.waarde.voltooien_zonder_persoon):
        raise OngeldigeGebeurtenis(
            _("De intake kan pas zonder de inburgeraar worden afgerond na drie gemiste oproepen.")
        )
    with transaction.atomic():
        brief = maak_brief(dossier, Briefsoort.INTAKE_ZONDER_PERSOON, kanaal=kanaal, actor=actor)
        registreer(
            dossier,
            Soort.INTAKE_ZONDER_PERSOON,
            datum,
            actor=actor,
            bron=Bron.GEBRUIKER,
            gegevens={"brief": brief.pk},
        )
    return brief


def _aantal_boetes(dossier: Dossier) -> int:
    return dossier.events.filter(soort=Soort.BOETE_VOORGESTELD).count()


def _totaal_boetes_cents(dossier: Dossier) -> int:
    return sum(
        e.gegevens.get("bedrag_cents", 0)
        for e in dossier.events.filter(soort=Soort.BOETE_VOORGESTELD)
    )


def _voorgesteld_bedrag(dossier: Dossier) -> int | None:
    laatste = dossier.events.filter(soort=Soort.BOETE_VOORGESTELD).order_by("-id").first()
    return laatste.gegevens.get("bedrag_cents") if laatste else 25_000

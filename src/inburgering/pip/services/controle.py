"""Checks before vaststelling: every reason the version cannot be set yet, and the preview
of the deadlines the chosen dagtekening causes (rules package)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering import wet
from inburgering.dossiers import deadlines
from inburgering.dossiers.models import Dossier
from inburgering.dossiers.toestand import DossierToestand
from inburgering.dossiers.workflow import Fase, Soort, volgende_fase
from inburgering.intake import brede_intake as bi
from inburgering.intake.models import Afwijkingsreden
from inburgering.wet.uitkomst import Uitkomst

from ..models import (
    PipVersie,
    Reden,
    Status,
    ZrouteExamens,
)
from .basis import toestand_van, vier_ogen, wet_doelgroep, wet_leerroute


class Melding(str):
    """A reason that blocks vaststelling, with where it is fixed (`doel`): "brede_intake",
    "intake_afronden" (complete, only the closing step is missing), "toets_en_route",
    "dossier" (a step on the dossier page), "pip_formulier" (this draft's form) or
    "goedkeuring" (four eyes). A str, so joining and showing the text work unchanged."""

    doel: str

    def __new__(cls, tekst: str, doel: str = "") -> Melding:
        melding = super().__new__(cls, tekst)
        melding.doel = doel
        return melding


@dataclass
class Controle:
    """Everything that stands in the way of setting this version, each with a Dutch message."""

    intake: list[str] = field(default_factory=list)
    inhoud: Uitkomst | None = None
    duo: wet.Validatie | None = None
    regels: list[Uitkomst] = field(default_factory=list)
    overig: list[str] = field(default_factory=list)

    @property
    def meldingen(self) -> list[Melding]:
        formulier = "pip_formulier"
        lijst = [m if isinstance(m, Melding) else Melding(m, "brede_intake") for m in self.intake]
        if self.inhoud is not None:
            lijst += [Melding(_("Ontbreekt: %s.") % o, formulier) for o in self.inhoud.waarde]
        if self.duo is not None:
            lijst += [Melding(o.melding, formulier) for o in self.duo.overtredingen]
        lijst += [Melding(r.uitleg, formulier) for r in self.regels if r.waarde is False]
        return lijst + [m if isinstance(m, Melding) else Melding(m, formulier) for m in self.overig]

    @property
    def in_orde(self) -> bool:
        return not self.meldingen


def pip_inhoud(versie: PipVersie, dossier: Dossier) -> wet.PipInhoud:
    leerroute = wet_leerroute(versie.leerroute)
    map_nodig = leerroute is not None and map_verplicht(versie).waarde
    redenen = [
        str(Afwijkingsreden(r).label)
        for r in versie.lbt_afwijking_redenen
        if r in Afwijkingsreden.values
    ]
    motivering = "; ".join(filter(None, [", ".join(redenen), versie.lbt_afwijking_toelichting]))
    return wet.PipInhoud(
        doelgroep=wet_doelgroep(dossier),
        leerroute=leerroute,
        ondersteuning_en_begeleiding=bool(versie.ondersteuning_en_begeleiding.strip()),
        intensiteit_pvt_en_map=bool(versie.pvt_intensiteit.strip())
        and (bool(versie.map_intensiteit.strip()) or not map_nodig),
        vve_relevant=bool(versie.regelfeiten.get("vve_relevant")),
        vve_afspraken=bool(versie.vve_afspraken.strip()),
        intensiteit_leerroute=bool(versie.intensiteit_uren_per_week),
        aantal_voortgangsgesprekken=versie.aantal_voortgangsgesprekken,
        zroute_examenkeuze_vastgelegd=versie.zroute_examens not in ("", ZrouteExamens.GEEN),
        # Besluit 3.14 lid 7: the choice is required only on the person's wish and the
        # college's judgement that he can take the exams (facts kept with the version).
        zroute_examenwens=bool(versie.regelfeiten.get("zroute_examenwens")),
        zroute_in_staat_geacht=versie.regelfeiten.get("zroute_in_staat_geacht"),
        bijstand=versie.bijstand,
        participatiewet_beschikkingen_bijgevoegd=bool(versie.participatiewet_beschikkingen.strip()),
        lbt_haalbaar=versie.lbt_haalbaar,
        motivering_afwijking_lbt=motivering,
    )


def map_verplicht(versie: PipVersie) -> Uitkomst:
    leerroute = wet_leerroute(versie.leerroute) or wet.Leerroute.B1
    eerder_onderwijs = bool(versie.regelfeiten.get("taalschakeltraject_gevolgd"))
    return wet.map_verplicht(leerroute=leerroute, taalschakeltraject_gevolgd=eerder_onderwijs)


def pip_bericht(versie: PipVersie, dagtekening: dt.date) -> wet.PipBericht:
    return wet.PipBericht(
        dagtekening,
        wet_leerroute(versie.leerroute) or wet.Leerroute.B1,
        wet.Taalniveau(versie.niveau) if versie.niveau else None,
        versie.geschatte_intensiteit_uren,
    )


def pip_context(dossier: Dossier, toestand: DossierToestand) -> wet.PipContext | None:
    """What DUO knows, from our dossier: start of the plicht is DUO's kennisgeving; settled in
    the gemeente as `deadlines.vestiging_bij_gemeente` says."""
    if toestand.kennisgeving_datum is None:
        return None
    return wet.PipContext(
        doelgroep=wet_doelgroep(dossier),
        start_plicht=toestand.kennisgeving_datum,
        vestiging_gemeente=deadlines.vestiging_bij_gemeente(toestand)
        or toestand.kennisgeving_datum,
        dagtekening_initiele_pip=toestand.eerste_pip_dagtekening,
        dagtekening_actuele_pip=toestand.pip_dagtekening,
    )


def controleer(versie: PipVersie, dossier: Dossier | None = None) -> Controle:
    dossier = dossier or versie.pip.dossier
    toestand = toestand_van(dossier)
    controle = Controle()
    eerste = toestand.pip_dagtekening is None
    fase = Fase(toestand.fase) if toestand.fase else None
    intake = bi.intake_van(dossier)
    if eerste and fase != Fase.PIP_IN_VOORBEREIDING:
        klaar_om_af_te_ronden = (
            fase == Fase.BREDE_INTAKE
            and intake is not None
            and not intake.afgerond_op
            and not bi.volledigheid(intake).waarde
        )
        controle.intake.append(
            Melding(
                _("De brede intake is nog niet afgerond (fase: %(fase)s).")
                % {"fase": fase.label if fase else _("nieuw")},
                "intake_afronden" if klaar_om_af_te_ronden else "brede_intake",
            )
        )
    elif not eerste and volgende_fase(fase, Soort.PIP_VASTGESTELD) is None:
        # The dossier's transition table decides in which phases a new version may be set.
        controle.intake.append(
            Melding(
                _(
                    "In fase '%(fase)s' kan geen nieuwe versie van het PIP worden vastgesteld; "
                    "dat kan zodra de inburgeraar is aangemeld bij de cursusinstelling."
                )
                % {"fase": fase.label if fase else _("nieuw")},
                "dossier",
            )
        )
    if eerste and not toestand.intake_zonder_persoon:
        if intake is None:
            controle.intake.append(_("Er is geen brede intake vastgelegd."))
        else:
            ontbreekt = bi.volledigheid(intake)
            if ontbreekt.waarde:
                controle.intake.append(ontbreekt.uitleg)
    controle.inhoud = wet.pip_inhoud_ontbrekend(pip_inhoud(versie, dossier))
    if versie.dagtekening is None:
        controle.overig.append(_("Vul de dagtekening in."))
    else:
        if versie.dagtekening > timezone.localdate():
            controle.overig.append(_("De dagtekening ligt in de toekomst."))
        context = pip_context(dossier, toestand)
        if context is None:
            controle.overig.append(
                Melding(
                    _(
                        "De kennisgeving van DUO ontbreekt: zonder start van de "
                        "inburgeringsplicht kan het PIP niet worden vastgesteld."
                    ),
                    "dossier",
                )
            )
        elif versie.leerroute:
            controle.duo = wet.valideer_pip(pip_bericht(versie, versie.dagtekening), context)
    controle.regels, fouten = _versieregels(versie, toestand)
    controle.overig += fouten
    if vier_ogen(dossier.gemeente) and versie.status != Status.GOEDGEKEURD:
        controle.overig.append(
            Melding(
                _(
                    "Deze gemeente werkt met het vier-ogenprincipe: een tweede medewerker moet "
                    "het PIP eerst goedkeuren."
                ),
                "goedkeuring",
            )
        )
    return controle


def _versieregels(versie: PipVersie, toestand: DossierToestand) -> tuple[list[Uitkomst], list[str]]:
    """The rules for later versions, evaluated on the chosen dagtekening."""
    uitkomsten: list[Uitkomst] = []
    fouten: list[str] = []
    vorige = toestand.leerroute
    datum = versie.dagtekening or timezone.localdate()
    if versie.reden == Reden.VERHUIZING and vorige and versie.leerroute != vorige:
        fouten.append(
            _(
                "Na een verhuizing stelt de nieuwe gemeente het PIP vast met dezelfde leerroute "
                "(Wet inburgering 2021 art. 15 lid 4)."
            )
        )
    if versie.reden in (Reden.EERSTE, Reden.VERHUIZING) or not toestand.eerste_pip_dagtekening:
        return uitkomsten, fouten
    if versie.reden == Reden.SCHAKELEN:
        if versie.leerroute == vorige or not versie.leerroute:
            fouten.append(_("Bij schakelen kiest u een andere leerroute dan de huidige."))
        else:
            uitkomsten.append(
                schakelregel(versie.leerroute, vorige, toestand, datum, versie.regelfeiten)
            )
    elif versie.leerroute != vorige:
        fouten.append(_("De leerroute wijzigt alleen met een nieuwe versie om te schakelen."))
    if versie.reden == Reden.AFSCHALEN:
        if versie.niveau != "A2":
            fouten.append(_("Bij afschalen is het niveau A2."))
        uitkomsten.append(afschaalregel(versie.leerroute, versie.regelfeiten))
    return uitkomsten, fouten


def schakelregel(naar: str, van: str, toestand: DossierToestand, datum: dt.date, feiten: dict):
    termijn = deadlines.inburgeringstermijn(toestand)
    return wet.schakelen_toegestaan(
        van=wet_leerroute(van),
        naar=wet_leerroute(naar),
        termijn_start=termijn.waarde.start,
        datum=datum,
        opleiding_afgerond_na_schakelperiode=bool(feiten.get("opleiding_afgerond")),
        bijzonder_geval=bool(feiten.get("bijzonder_geval")),
    )


def afschaalregel(leerroute: str, feiten: dict) -> Uitkomst:
    return wet.afschalen_toegestaan(
        leerroute=wet_leerroute(leerroute) or wet.Leerroute.B1,
        nt2_uren=feiten.get("nt2_uren", 0),
        nt2_uren_brede_intake=feiten.get("nt2_uren_brede_intake", 0),
        voldoende_inspanning=bool(feiten.get("voldoende_inspanning")),
    )


@dataclass(frozen=True)
class Voorvertoning:
    """Before vaststelling: the PIP deadline and the termijn the chosen dagtekening causes."""

    deadline: Uitkomst | None
    termijn: Uitkomst | None
    na_deadline: bool


def voorvertoning(versie: PipVersie, dossier: Dossier) -> Voorvertoning:
    toestand = toestand_van(dossier)
    deadline = deadlines.pip_deadline(toestand, dossier.regime)
    termijn = None
    dagtekening = versie.dagtekening
    if dagtekening:
        eerste = toestand.eerste_pip_dagtekening or dagtekening
        if dagtekening >= eerste:
            termijn = wet.inburgeringstermijn(eerste, dagtekening_huidige_pip=dagtekening)
    uiterlijk = deadline.waarde.uiterlijk if deadline else None
    return Voorvertoning(
        deadline, termijn, bool(dagtekening and uiterlijk and dagtekening > uiterlijk)
    )

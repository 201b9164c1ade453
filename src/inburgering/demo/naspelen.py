"""Replay a planned dossier history through the application's own services (profile `demo`).

The bulk path (`opslag.Schrijver`) writes planned events straight into the log: fast enough for
the 150,000 dossiers of `landelijk`, but hollow (a "PIP vastgesteld" event without a PIP). For
the demo profile every planned event is instead replayed, in its planned order and on its
planned date, by the service a user's action would call:

* first signal, doelgroep     -> `dossiers.services.open_dossier`
* consulent                   -> `dossiers.services.wijs_consulent_toe`
* intake started              -> a summons letter (`intake.oproepen.stuur_oproep`, marked as
                                 sent the same day: `intake.brieven.markeer_verzonden`), a held
                                 appointment (`intake.afspraken`) and an intake conversation
                                 (`brede_intake.voeg_gesprek_toe`), the first reports
* LBT                         -> `brede_intake.registreer_lbt` (with the conditions of the test)
* intake completed            -> the remaining reports, the settings form, `brede_intake.rond_af`
* PIP (first / schakelen)     -> `besluit_route`, `pip.services.stel_op`/`nieuwe_versie`,
                                 `bewaar`, with four eyes `bied_aan` + `keur_goed`, `stel_vast`
                                 (which plans the voortgangsgesprekken and queues the delivery
                                 to DUO); held conversations -> `leg_gesprek_vast`
* participation, costs, dual  -> `dossiers.uitkomsten` services
* every other fact (contact, school, exam result, closure, ...) -> `registreer`, as their forms do

A service that refuses (its rules say no) is a bug in the plan: the event is then written with
`registreer` and counted in `Naspeler.geweigerd`, and the completeness test fails on it.
* maatschappelijke begeleiding -> `ontzorgen.services.start_begeleiding` / `beeindig_begeleiding`

Wi2013 dossiers (old-law clients the gemeente carries in its caseload) follow the old law
(`tijdlijn.plan_wi2013`): no brede intake, LBT or PIP (the services refuse them: Wi 2021
art. 54 lid 1, `wet.brede_intake_en_pip`), but DUO's termijn and exam results, the
participatieverklaring and, for asylum status holders, maatschappelijke begeleiding. Nothing is
planned for them today (no summons, no intake appointment).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from inburgering.accounts.models import Gebruiker, Gemeente
from inburgering.brieven.services import Brieffout, heeft_postadres
from inburgering.dossiers import uitkomsten as du
from inburgering.dossiers.models import Bron, Dossier, Gezinsrelatie, Regime
from inburgering.dossiers.services import (
    Nieuw,
    NieuwDossier,
    open_dossier,
    registreer_reeks,
    wijs_consulent_toe,
)
from inburgering.dossiers.toestand import OngeldigeGebeurtenis
from inburgering.dossiers.workflow import Fase, Soort
from inburgering.intake import afspraken, oproepen
from inburgering.intake import brede_intake as bi
from inburgering.intake import brieven as intakebrieven
from inburgering.intake.forms import IntakeInstellingenForm
from inburgering.intake.models import Afspraak, Afwijkingsreden, Leerroute
from inburgering.ontzorgen import services as ontzorgen
from inburgering.pip import services as pip
from inburgering.pip.models import Reden, ZrouteExamens
from inburgering.wet import lbt_uitkomst, route_conform_lbt

from . import duo
from . import kalibratie as k
from .gemeenten import DEVENTER
from .ontzorgen import mb_organisatie
from .tijdlijn import Ev
from .toewijzing import DossierOntwerp

#: Short texts for the intake reports, per topic (synthetic; the demo shows they exist).
VERSLAGEN = {
    "onderwijs_en_werkervaring": (
        "Zes jaar basisschool en twee jaar middelbare school in het land van herkomst. Werkte "
        "als verkoper op een markt en in een bakkerij."
    ),
    "persoonlijke_omstandigheden": (
        "Woont met het gezin in de gemeente. Geen schulden bekend. Wil graag snel aan het werk."
    ),
    "vve_kind": "Er zijn geen kinderen voor wie voor- en vroegschoolse educatie speelt.",
    "taalniveau": "Spreekt een paar woorden Nederlands; leest en schrijft in het Latijnse schrift.",
    "arbeidsparticipatie": "Wil werken in de zorg of de detailhandel. Staat open voor een stage.",
    "zelfredzaamheid": "Regelt post en afspraken met hulp van een maatschappelijk begeleider.",
}
_EERSTE_VERSLAGEN = ("onderwijs_en_werkervaring", "persoonlijke_omstandigheden")
_GESPREKSVERSLAGEN = (
    "Het gaat goed op school; aanwezigheid boven de 90%.",
    "Lessen gaan moeizaam door zorg voor de kinderen; kinderopvang besproken.",
    "Oefent thuis met de app; wil graag een stage naast de lessen.",
    "Heeft een vrijwilligersplek gevonden; taal gaat vooruit.",
)
_AFNAME = {"pc": ("computer", "muis"), "touchscreen": ("tablet", "touch")}
_TOLKTALEN = ("ar", "ti", "fa", "tr", "uk", "so")
#: Gemeenten of the demo that work with four eyes (PipInstelling.vier_ogen): every PIP is
#: approved by a second consulent before it is set; a few wait for approval today.
VIER_OGEN = (DEVENTER,)


@dataclass
class Naspeler:
    """Replays dossiers of one run. `vier_ogen`: CBS codes of gemeenten with four eyes."""

    rng: random.Random
    vandaag: dt.date
    gebruikers: dict[int, Gebruiker]
    pools: dict[str, list[int]]
    vier_ogen: frozenset[str] = frozenset()
    geweigerd: Counter = field(default_factory=Counter)
    aantallen: Counter = field(default_factory=Counter)

    # --- one dossier ----------------------------------------------------------------------

    def speel(self, ontwerp: DossierOntwerp, gemeente: Gemeente) -> Dossier:
        eerste, *events = ontwerp.events
        # open_dossier records the doelgroep with the first signal (planned on the same day).
        doelgroep = next(e for e in events if e.soort == Soort.DOELGROEP_VASTGESTELD)
        events.remove(doelgroep)
        dossier = open_dossier(
            ontwerp.persoon.inburgeraar,
            NieuwDossier(
                gemeente=gemeente,
                regime=ontwerp.regime,
                doelgroep=doelgroep.gegevens["doelgroep"],
                eerste_soort=Soort(eerste.soort),
                eerste_datum=eerste.datum,
                gegevens=eerste.gegevens,
            ),
            actor=self._gebruiker(eerste.actor_id),
            bron=eerste.bron,
            bron_referentie=eerste.bron_referentie,
        )
        Dossier.objects.filter(pk=dossier.pk).update(uuid=ontwerp.uuid)
        dossier.uuid = ontwerp.uuid
        d = _Dossier(self, dossier, gemeente)
        for ev in events:
            d.gesprekken_tot(ev.datum)
            d.speel(ev)
        d.gesprekken_tot(self.vandaag + dt.timedelta(days=1))
        d.schrijf()
        d.vandaag()
        self.aantallen["dossiers"] += 1
        return dossier

    def _gebruiker(self, pk: int | None) -> Gebruiker | None:
        return self.gebruikers.get(pk) if pk else None


class _Dossier:
    """The replay state of one dossier."""

    def __init__(self, n: Naspeler, dossier: Dossier, gemeente: Gemeente):
        self.n, self.dossier, self.gemeente = n, dossier, gemeente
        self.consulent: Gebruiker | None = None
        self.intake_gestart: dt.date | None = None
        self.laatste: dt.date = dossier.fase_sinds or n.vandaag
        self.vier_ogen = gemeente.cbs_code in n.vier_ogen
        self.afgesloten = False
        self.wachtrij: list[Nieuw] = []
        self.wachtrij_sleutel: tuple = ()
        #: planned voortgangsgesprekken not held yet (renewed at each vaststelling)
        self.gesprekken: list = []

    # --- helpers ---------------------------------------------------------------------------

    def medewerker(self, ev: Ev | None = None) -> Gebruiker:
        """Whoever does it: the event's actor, the consulent, or a colleague of the gemeente."""
        if ev is not None and ev.actor_id:
            return self.n.gebruikers[ev.actor_id]
        if self.consulent is not None:
            return self.consulent
        return self.n.gebruikers[self.n.pools[self.gemeente.cbs_code][0]]

    def collega(self, van: Gebruiker) -> Gebruiker:
        """A second pair of eyes: another consulent who works for this gemeente."""
        pool = [p for p in self.n.pools[self.gemeente.cbs_code] if p != van.pk]
        return self.n.gebruikers[self.n.rng.choice(pool)]

    def plat(self, ev: Ev) -> None:
        """A fact without a record of its own, as its form records it (`registreer`).
        Consecutive facts by the same actor and source are appended in one call."""
        sleutel = (ev.bron, ev.actor_id, ev.bron_referentie)
        if self.wachtrij and sleutel != self.wachtrij_sleutel:
            self.schrijf()
        self.wachtrij_sleutel = sleutel
        self.wachtrij.append(Nieuw(ev.soort, ev.datum, ev.gegevens, ev.toelichting))

    def schrijf(self) -> None:
        if not self.wachtrij:
            return
        bron, actor_id, referentie = self.wachtrij_sleutel
        registreer_reeks(
            self.dossier,
            self.wachtrij,
            bron=bron,
            actor=self.n._gebruiker(actor_id),
            bron_referentie=referentie,
        )
        self.wachtrij = []

    def weiger(self, ev: Ev, fout: Exception) -> None:
        self.n.geweigerd[(str(ev.soort), str(fout)[:160])] += 1
        self.plat(ev)

    # --- the events ------------------------------------------------------------------------

    def speel(self, ev: Ev) -> None:
        self.laatste = max(self.laatste, ev.datum)
        soort = ev.soort
        if soort == Soort.CONSULENT_TOEGEWEZEN:
            self.schrijf()
            self.consulent = self.n.gebruikers[ev.gegevens["consulent_id"]]
            wijs_consulent_toe(self.dossier, self.consulent, ev.datum, actor=self.consulent)
            return
        if soort not in self.DIENSTEN:
            if soort == Soort.DOSSIER_AFGESLOTEN:
                self.afgesloten = True
            self.plat(ev)
            return
        self.schrijf()
        try:
            self.DIENSTEN[soort](self, ev)
        except OngeldigeGebeurtenis as fout:
            self.weiger(ev, fout)
        # Services that act on the intake or PIP refresh their own copy of the dossier.
        self.dossier.refresh_from_db()

    def intake_gestart(self, ev: Ev) -> None:
        wie = self.medewerker(ev)
        rng = self.n.rng
        nieuw = self.intake_gestart is None
        if nieuw and self.dossier.fase in oproepen.OPROEPBARE_FASEN:
            verstuurd = max(ev.datum - dt.timedelta(days=rng.randint(10, 21)), self.laatste_feit())
            if verstuurd <= ev.datum:
                brief = oproepen.stuur_oproep(
                    self.dossier,
                    kanaal="post",
                    periode_van=verstuurd + dt.timedelta(days=7),
                    periode_tot=verstuurd + dt.timedelta(days=42),
                    datum=verstuurd,
                    actor=wie,
                )
                self.verstuur(brief, verstuurd, wie)
        tolk = rng.choice(_TOLKTALEN) if rng.random() < 0.4 else ""
        afspraak = afspraken.plan_afspraak(
            self.dossier,
            medewerker=wie,
            soort=Afspraak.Soort.INTAKE,
            vorm=Afspraak.Vorm.OP_LOCATIE,
            begin=_om(ev.datum, rng.choice((9, 10, 11, 13, 14))),
            locatie=f"Stadskantoor {self.gemeente.naam}",
            tolk_taal=tolk,
        )
        afspraken.zet_status(afspraak, Afspraak.Status.GEHOUDEN, actor=wie, nu=_om(ev.datum, 18))
        bi.voeg_gesprek_toe(
            self.dossier,
            actor=wie,
            datum=ev.datum,
            vorm="persoonlijk",
            tolk_taal=tolk,
            deelnemers=ev.toelichting,
        )
        if nieuw:
            self.intake_gestart = ev.datum
            intake = bi.intake_van(self.dossier)
            IntakeInstellingenForm(
                {"gewezen_op_recht_alleen": ev.datum.isoformat()},
                instance=intake,
            ).save()
            for sleutel in _EERSTE_VERSLAGEN:
                bi.bewaar_verslag(intake, sleutel, VERSLAGEN[sleutel], gezien_versie=0, actor=wie)
        self.n.aantallen["intakes"] += nieuw

    def laatste_feit(self) -> dt.date:
        return self.dossier.events.order_by("-datum").values_list("datum", flat=True)[0]

    def lbt(self, ev: Ev) -> None:
        apparaat, invoer = _AFNAME.get(ev.gegevens.get("afname", "pc"), _AFNAME["pc"])
        bi.registreer_lbt(
            self.dossier,
            actor=self.medewerker(ev),
            datum=ev.datum,
            score=ev.gegevens["score"],
            apparaat=apparaat,
            invoer=invoer,
            tolk=self.n.rng.random() < 0.2,
            oefentoets_gedaan=True,
            afnemer_gecertificeerd=True,
            afnemer=self.medewerker(ev).weergavenaam,
        )
        self.n.aantallen["lbt"] += 1

    def intake_afgerond(self, ev: Ev) -> None:
        wie = self.medewerker(ev)
        intake = bi.intake_van(self.dossier)
        if intake is None:
            raise OngeldigeGebeurtenis("Geen brede intake om af te ronden.")
        if bi.laatste_lbt(self.dossier) is None:
            # A Wi 2021 plan drew "no LBT" (praktijk Table 1); the Wet requires one for the
            # intake (art. 14 lid 3 onder a), so the replay lets the person take it at the last
            # talk. (Old-law plans have no intake at all.)
            score = self.n.rng.randint(*k.LBT_BAND_SCORES["20-27"])
            self.lbt(Ev(Soort.LBT_AFGENOMEN, 0, Bron.GEBRUIKER, {"score": score}, datum=ev.datum))
        for onderwerp in bi.onderwerpen(intake):
            if onderwerp.lokaal is None and not onderwerp.ingevuld:
                tekst = VERSLAGEN.get(onderwerp.sleutel, "Besproken; niets bijzonders.")
                versie = onderwerp.verslag.versie if onderwerp.verslag else 0
                bi.bewaar_verslag(intake, onderwerp.sleutel, tekst, gezien_versie=versie, actor=wie)
            elif onderwerp.lokaal is not None and not onderwerp.ingevuld:
                bi.bewaar_verslag(
                    intake, onderwerp.sleutel, "Besproken.", gezien_versie=0, actor=wie
                )
        if self.n.rng.random() < 0.3:
            bi.bewaar_gezondheid(
                intake,
                "Geen bijzonderheden; huisarts bekend.",
                gezien_versie=getattr(getattr(intake, "gezondheid", None), "versie", 0),
                actor=wie,
            )
        intake.refresh_from_db()
        bi.rond_af(intake, datum=ev.datum, actor=wie)

    def pip_vastgesteld(self, ev: Ev) -> None:
        wie = self.medewerker(ev)
        leerroute = ev.gegevens["leerroute"]
        bestaand = pip.vastgestelde_versie(pip.pip_van(self.dossier))
        if bestaand is None:
            self.routebesluit(ev.datum, leerroute, wie)
            versie = pip.concept_van(pip.pip_van(self.dossier)) or pip.stel_op(
                self.dossier, actor=wie, datum=ev.datum
            )
        else:
            try:
                versie = pip.nieuwe_versie(
                    self.dossier,
                    reden=Reden.SCHAKELEN,
                    actor=wie,
                    leerroute=leerroute,
                    datum=ev.datum,
                )
            except pip.PipFout:
                # The plan switches later than the rules allow (`schakelregel`): the consulent
                # would not have done it, so the fact is left out (counted, not hidden).
                self.n.aantallen["schakelen_te_laat_overgeslagen"] += 1
                return
        versie = self.vul(versie, ev.datum, wie)
        if self.vier_ogen:
            versie = pip.bied_aan(versie, gezien_versie=versie.versie, actor=wie, datum=ev.datum)
            versie = pip.keur_goed(
                versie, gezien_versie=versie.versie, actor=self.collega(wie), datum=ev.datum
            )
        pip.stel_vast(versie, gezien_versie=versie.versie, actor=wie)
        duo.lever(self.dossier)
        self.gesprekken = list(
            versie.pip.voortgangsgesprekken.filter(gehouden_op__isnull=True).order_by("gepland_op")
        )
        self.n.aantallen["pip_versies"] += 1

    def routebesluit(self, datum: dt.date, leerroute: str, wie: Gebruiker) -> None:
        afwijkend = self.wijkt_af(leerroute)
        bi.besluit_route(
            self.dossier,
            actor=wie,
            datum=datum,
            leerroute=leerroute,
            niveau="A2" if leerroute == Leerroute.Z else "B1",
            intensiteit_uren_per_week=_intensiteit(leerroute),
            afwijkingsredenen=[Afwijkingsreden.SCHOOLADVIES, Afwijkingsreden.OPLEIDING]
            if afwijkend
            else [],
            toelichting="De cursusinstelling adviseert deze route op grond van de intake en "
            "de opleiding in het land van herkomst."
            if afwijkend
            else "",
        )
        self.n.aantallen["routebesluiten"] += 1

    def wijkt_af(self, leerroute: str, haalbaar: bool | None = None) -> bool:
        """Does this route deviate from the latest LBT (rules package)?"""
        if haalbaar is None:
            lbt = bi.laatste_lbt(self.dossier)
            haalbaar = lbt_uitkomst(lbt.score, lbt.datum).waarde.haalbaar if lbt else None
        wet_route = bi.NAAR_WET_LEERROUTE[Leerroute(leerroute)]
        return route_conform_lbt(haalbaar, wet_route).waarde is False

    def vul(self, versie, datum: dt.date, wie: Gebruiker):
        """Complete the draft as a consulent does in the PIP form."""
        gegevens: dict = {
            "dagtekening": datum,
            "intensiteit_uren_per_week": versie.intensiteit_uren_per_week
            or _intensiteit(versie.leerroute),
        }
        if versie.leerroute == Leerroute.Z and not versie.zroute_examens:
            gegevens["zroute_examens"] = ZrouteExamens.A2_EN_KNM
        if self.wijkt_af(versie.leerroute, versie.lbt_haalbaar) and not (
            versie.lbt_afwijking_redenen and versie.lbt_afwijking_toelichting.strip()
        ):
            gegevens["lbt_afwijking_redenen"] = [Afwijkingsreden.SCHOOLADVIES]
            gegevens["lbt_afwijking_toelichting"] = (
                "Na het eerste lesjaar adviseert de cursusinstelling deze leerroute."
            )
        if versie.regelfeiten.get("vve_relevant") and not versie.vve_afspraken.strip():
            gegevens["vve_afspraken"] = "Aanmelding bij de peuterspeelzaal in de wijk."
        return pip.bewaar(versie, gegevens, gezien_versie=versie.versie, actor=wie, datum=datum)

    def gesprekken_tot(self, datum: dt.date) -> None:
        """Hold the planned voortgangsgesprekken dated before `datum`."""
        if self.afgesloten:
            return
        while self.gesprekken and self.gesprekken[0].gepland_op < datum:
            gesprek = self.gesprekken.pop(0)
            if gesprek.gepland_op < (self.dossier.pip_dagtekening or gesprek.gepland_op):
                continue
            self.schrijf()
            pip.leg_gesprek_vast(
                gesprek,
                gehouden_op=gesprek.gepland_op,
                verslag=self.n.rng.choice(_GESPREKSVERSLAGEN),
                actor=self.medewerker(),
            )
            self.dossier.refresh_from_db()
            self.n.aantallen["voortgangsgesprekken"] += 1

    def participatie(self, ev: Ev) -> None:
        g = ev.gegevens
        du.meet_participatie(
            self.dossier,
            ev.datum,
            int(g["moment"]),
            g["status"],
            actor=self.medewerker(ev),
            uren_werk=g.get("uren_werk"),
        )

    def kosten(self, ev: Ev) -> None:
        du.registreer_kosten(
            self.dossier,
            ev.datum,
            ev.gegevens["bedrag_cents"],
            ev.gegevens["post"],
            actor=self.medewerker(ev),
        )

    def duaal_start(self, ev: Ev) -> None:
        g = ev.gegevens
        du.start_activiteit(
            self.dossier,
            ev.datum,
            g["activiteit"],
            actor=self.medewerker(ev),
            organisatie=g.get("organisatie", ""),
            uren_per_week=g.get("uren_per_week"),
        )

    def duaal_einde(self, ev: Ev) -> None:
        du.beeindig_activiteit(
            self.dossier, ev.datum, ev.gegevens["activiteit"], actor=self.medewerker(ev)
        )

    def begeleiding_gestart(self, ev: Ev) -> None:
        """Maatschappelijke begeleiding from the BRP registration (the service's default)."""
        wie = self.medewerker(ev)
        self.dossier.refresh_from_db()
        try:
            mb = ontzorgen.start_begeleiding(
                self.dossier,
                organisatie=mb_organisatie(self.gemeente),
                begeleider=f"Begeleider {self.n.rng.randint(1, 9)}",
                aanvang=None,
                pvt=True,
                actor=wie,
            )
        except ontzorgen.OntzorgenFout as fout:
            raise OngeldigeGebeurtenis(str(fout)) from fout
        ontzorgen.noteer(
            mb,
            datum=min(mb.aanvang + dt.timedelta(days=7), self.n.vandaag),
            soort="contact",
            tekst="Kennismaking thuis; post, DigiD en het participatieverklaringstraject "
            "besproken.",
            door=wie,
            namens_begeleider=True,
        )
        self.n.aantallen["begeleidingen"] += 1

    def begeleiding_beeindigd(self, ev: Ev) -> None:
        mb = self.dossier.begeleiding
        ontzorgen.beeindig_begeleiding(
            mb, ev.datum, self.medewerker(ev), reden=ev.gegevens.get("reden", "")
        )

    DIENSTEN = {
        Soort.BEGELEIDING_GESTART: begeleiding_gestart,
        Soort.BEGELEIDING_BEEINDIGD: begeleiding_beeindigd,
        Soort.INTAKE_GESTART: intake_gestart,
        Soort.LBT_AFGENOMEN: lbt,
        Soort.INTAKE_AFGEROND: intake_afgerond,
        Soort.PIP_VASTGESTELD: pip_vastgesteld,
        Soort.PARTICIPATIE_GEMETEN: participatie,
        Soort.KOSTEN_GEREGISTREERD: kosten,
        Soort.DUALE_ACTIVITEIT_GESTART: duaal_start,
        Soort.DUALE_ACTIVITEIT_BEEINDIGD: duaal_einde,
    }

    # --- where the dossier stands today -----------------------------------------------------

    def vandaag(self) -> None:
        """Work in progress today: a draft PIP (offered for approval under four eyes), the next
        appointment, a summons for a housed person without intake."""
        if self.afgesloten or self.dossier.regime == Regime.WI2013:
            return
        rng, fase = self.n.rng, self.dossier.fase
        wie = self.medewerker()
        vandaag = self.n.vandaag
        if fase == Fase.PIP_IN_VOORBEREIDING and rng.random() < (0.8 if self.vier_ogen else 0.5):
            try:
                datum = max(self.laatste, vandaag - dt.timedelta(days=rng.randint(0, 10)))
                if not bi.laatste_lbt(self.dossier):
                    return
                lbt = bi.laatste_lbt(self.dossier)
                haalbaar = lbt_uitkomst(lbt.score, lbt.datum).waarde.haalbaar
                leerroute = rng.choice(["b1", "b1", "onderwijs"]) if haalbaar else "z"
                self.routebesluit(datum, leerroute, wie)
                versie = self.vul(pip.stel_op(self.dossier, actor=wie, datum=datum), datum, wie)
                if self.vier_ogen:
                    pip.bied_aan(versie, gezien_versie=versie.versie, actor=wie, datum=datum)
                    self.n.aantallen["ter_goedkeuring"] += 1
                self.n.aantallen["pip_concepten"] += 1
            except OngeldigeGebeurtenis as fout:
                self.n.geweigerd[("pip_concept", str(fout)[:120])] += 1
        if fase in (Fase.GEHUISVEST, Fase.GESIGNALEERD) and self.dossier.brp_inschrijving_datum:
            try:
                self.oproep(wie)
            except OngeldigeGebeurtenis as fout:
                self.n.geweigerd[("oproep", str(fout)[:160])] += 1
        volgende = None
        if fase in (Fase.BREDE_INTAKE, Fase.PIP_IN_VOORBEREIDING):
            volgende = (Afspraak.Soort.INTAKE, rng.randint(0, 21))
        elif fase in (Fase.PIP_VASTGESTELD, Fase.WACHT_OP_START, Fase.IN_LEERROUTE):
            volgende = (Afspraak.Soort.VOORTGANG, rng.randint(0, 42))
        if volgende and rng.random() < 0.6:
            soort, dagen = volgende
            afspraken.plan_afspraak(
                self.dossier,
                medewerker=wie,
                soort=soort,
                vorm=rng.choice([Afspraak.Vorm.OP_LOCATIE, Afspraak.Vorm.TELEFOON]),
                begin=_om(vandaag + dt.timedelta(days=dagen), rng.choice((9, 10, 11, 14, 15))),
                locatie=f"Stadskantoor {self.gemeente.naam}",
            )
            self.n.aantallen["afspraken_gepland"] += 1

    def verstuur(self, brief, datum: dt.date, wie: Gebruiker) -> None:
        """The consulent marks the letter as sent (by post, or handed over in person when no
        post address is known), as on the letter's page: the person then finds it in the
        portal (`brieven.verzonden`)."""
        if datum > min(self.n.vandaag, timezone.localdate()):
            return
        kanaal = "post" if heeft_postadres(self.dossier.inburgeraar) else "persoonlijk"
        try:
            intakebrieven.markeer_verzonden(brief, kanaal=kanaal, datum=datum, actor=wie)
        except Brieffout as fout:
            self.n.geweigerd[("brief_verzonden", str(fout)[:160])] += 1
            return
        self.n.aantallen["brieven_verzonden"] += 1

    def oproep(self, wie: Gebruiker) -> None:
        """A summons for the brede intake; for a few, the whole flow up to a proposed fine."""
        rng, vandaag = self.n.rng, self.n.vandaag
        begin = self.dossier.brp_inschrijving_datum + dt.timedelta(days=14)
        if begin > vandaag:
            return

        def stuur(datum: dt.date) -> None:
            brief = oproepen.stuur_oproep(
                self.dossier,
                kanaal="post",
                periode_van=datum + dt.timedelta(days=7),
                periode_tot=datum + dt.timedelta(days=35),
                datum=datum,
                actor=wie,
            )
            self.verstuur(brief, datum, wie)

        stuur(begin)
        self.n.aantallen["oproepen"] += 1
        if rng.random() > 0.4:
            return
        datum = begin + dt.timedelta(days=36)
        for stap in range(2):
            if datum + dt.timedelta(days=2) > vandaag:
                return
            oproepen.registreer_niet_gevolgd(
                self.dossier, datum=datum, reden="niet_verschenen", actor=wie
            )
            if stap == 1:
                oproepen.stel_boete_voor(
                    self.dossier,
                    datum=datum,
                    actor=wie,
                    beoordeling=_beoordeling(datum, wie)
                    if self.dossier.doelgroep == "asielstatushouder"
                    else None,
                )
                self.n.aantallen["boetes_voorgesteld"] += 1
            stuur(datum + dt.timedelta(days=1))
            datum += dt.timedelta(days=37)


def _beoordeling(datum: dt.date, wie: Gebruiker):
    from inburgering.wet import IndividueleBeoordeling

    return IndividueleBeoordeling(
        datum=datum,
        beoordelaar=wie.weergavenaam,
        motivering="Twee keer niet verschenen zonder bericht; geen medische of sociale reden "
        "bekend. Telefonisch en per brief geprobeerd contact te krijgen.",
        boete_passend=True,
    )


def _intensiteit(leerroute: str) -> int:
    return {"b1": 12, "onderwijs": 20, "z": 8}.get(leerroute, 12)


def _om(datum: dt.date, uur: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(datum, dt.time(uur)))


def maak_naspeler(org, rng: random.Random, vandaag: dt.date) -> Naspeler:
    """A replayer for the organisation just made; four eyes in `VIER_OGEN` gemeenten."""
    from inburgering.pip.models import PipInstelling

    gebruikers = {
        g.pk: g
        for g in Gebruiker.objects.filter(gemeenten__in=list(org.gemeenten.values())).distinct()
    }
    pools = {code: [m.id for m in leden] for code, leden in org.pools.items()}
    duo.vergeet_oude_personen()
    duo.ken_gemeenten(org.gemeenten.values())
    vier_ogen = frozenset(code for code in VIER_OGEN if code in org.gemeenten)
    for code in vier_ogen:
        PipInstelling.objects.update_or_create(
            gemeente=org.gemeenten[code], defaults={"vier_ogen": True}
        )
    return Naspeler(rng, vandaag, gebruikers, pools, vier_ogen)


def schrijf_relaties(ontwerpen: list[DossierOntwerp]) -> int:
    """Family relations of replayed people (partners are linked once both are saved)."""
    relaties = [
        Gezinsrelatie(
            inburgeraar=o.persoon.inburgeraar,
            soort=soort,
            naam=naam,
            geboortedatum=geboren,
            gerelateerde=ander.inburgeraar if ander else None,
        )
        for o in ontwerpen
        for soort, naam, geboren, ander in o.persoon.relaties
    ]
    Gezinsrelatie.objects.bulk_create(relaties)
    return len(relaties)

"""A dossier's event history, planned in days relative to DUO's kennisgeving (day 0).

A plan is drawn once, then placed on the calendar (`plaats`) with an anchor date, and cut at
today: no event is ever dated in the future. Because the phase path is known from the plan,
the demo profile can place a plan so that today falls inside a chosen phase.

Consulent-related events carry a `slot` (0 = first consulent, 1 = the successor after a change);
`wijs_toe` later maps slots to real users. Events done by "whoever is the consulent at the time"
have slot `HUIDIG`.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field
from typing import Any

from inburgering.dossiers.models import Bron, Doelgroep
from inburgering.dossiers.workflow import Soort
from inburgering.wet.lbt import lbt_cesuur

from . import kalibratie as k
from . import uitkomsten

HUIDIG = -1

AZC = (
    "Ter Apel",
    "Budel-Cranendonck",
    "Zweeloo",
    "Gilze",
    "Utrecht Joseph Haydnlaan",
    "Leeuwarden",
    "Arnhem",
    "Assen",
    "Heumensoord",
    "Rijswijk",
    "Amersfoort",
    "Dronten",
    "Musselkanaal",
    "Oisterwijk",
    "Zoetermeer",
)
SCHOLEN = (
    "ROC Midden Nederland",
    "NT2 Taalcentrum",
    "Taalschool Het Klaslokaal",
    "ROC van Twente",
    "Lexis Taalinstituut",
    "Regio College",
    "Taalhuis Plus",
    "Inburgeringsschool De Brug",
    "ROC Nova College",
    "Aventus Educatie",
)
_INTAKE_NOTITIES = (
    "Kennismakingsgesprek met tolk",
    "Gesprek over werk en opleiding",
    "Gezinssituatie en kinderopvang besproken",
    "Gesprek over gezondheid",
    "Groepsbijeenkomst in eigen taal",
)
_CONTACT_NOTITIES = (
    "Voortgangsgesprek",
    "Afspraak bevestigd",
    "Vraag over toeslagen",
    "Aanwezigheid op school besproken",
    "Vraag over reiskosten",
    "Geen gehoor, later teruggebeld",
    "Brief uitgelegd",
    "Werk en stage besproken",
    "Doorverwezen naar schuldhulp",
    "Kinderopvang geregeld",
)


@dataclass(slots=True)
class Ev:
    """One planned event; folds like a DossierEvent (`id` keeps the planned order)."""

    soort: str
    dag: int
    bron: str
    gegevens: dict[str, Any] = field(default_factory=dict)
    slot: int | None = None
    toelichting: str = ""
    bron_referentie: str = ""
    id: int = 0
    #: payload keys whose value is a date, planned as a day (like `dag`); `plaats` writes them
    #: as ISO dates once the plan has its anchor (DUO's termijn dates).
    dagen: dict[str, int] = field(default_factory=dict)
    datum: dt.date | None = None
    geregistreerd_op: dt.datetime | None = None
    actor_id: int | None = None
    corrigeert_id: int | None = None


@dataclass
class Plan:
    doelgroep: str
    route: str
    lbt_score: int | None
    events: list[Ev]
    afsluitdag: int | None  # day of closure, None when the dossier stays open for years


def _afsluiting(afsluitdag: int, reden: str) -> Ev:
    """The closing fact: DUO's when the plicht ended at DUO (voldaan, vrijstelling,
    ontheffing), otherwise the consulent's."""
    return Ev(
        Soort.DOSSIER_AFGESLOTEN,
        afsluitdag,
        Bron.DUO if reden in ("voldaan", "vrijstelling", "ontheffing") else Bron.GEBRUIKER,
        {"reden": reden},
        slot=HUIDIG,
    )


def kies_band_en_route(rng: random.Random) -> tuple[int | None, str]:
    """An LBT score (or None: no test) and the route, drawn from praktijk Table 1."""
    banden = list(k.LBT_BAND_ROUTE)
    totalen = [sum(k.LBT_BAND_ROUTE[b]) for b in banden]
    band = rng.choices(banden, weights=totalen)[0]
    # "Route unknown" in Table 1 means "not placed yet"; placed people follow the known columns.
    route = rng.choices(k.ROUTES, weights=k.LBT_BAND_ROUTE[band][:3])[0]
    if rng.random() > k.LBT_KANS:
        return None, route
    laag, hoog = k.LBT_BAND_SCORES[band]
    return rng.randint(laag, hoog), route


def plan_dossier(
    rng: random.Random, doelgroep: str, *, wi2013: bool = False, horizon: int | None = None
) -> Plan:
    """Draw the full history; contacts run until closure or `horizon` (days after day 0).
    A Wi2013 dossier follows the old law (`plan_wi2013`)."""
    if wi2013:
        return plan_wi2013(rng, doelgroep, horizon=horizon)
    score, route = kies_band_en_route(rng)
    evs: list[Ev] = []
    if doelgroep == Doelgroep.ASIELSTATUSHOUDER:
        intake_start = _begin_asiel(rng, evs)
    else:
        intake_start = _begin_gezin(rng, evs)
    einde_voor_pip = _intake_en_pip(rng, evs, intake_start, score, route)
    afsluitdag = _route_en_afsluiting(rng, evs, einde_voor_pip, route)
    _consulent_en_contact(rng, evs, afsluitdag, horizon, pip_dag=einde_voor_pip)
    uitkomsten.plan(evs, doelgroep, route, einde_voor_pip, Ev)
    evs.sort(key=lambda e: e.dag)  # stable: same-day events keep their logical order
    for nummer, ev in enumerate(evs, start=1):
        ev.id = nummer
    return Plan(doelgroep, route, score, evs, afsluitdag)


#: The old law's termijn: three years from the start of the plicht (Wet inburgering 2013,
#: art. 7); DUO sets it and, after an extension or an overschrijding, a new one (assumed: two
#: years, the most common new termijn).
WI2013_TERMIJN_DAGEN = 3 * 365
WI2013_NIEUWE_TERMIJN_DAGEN = 2 * 365
#: The components of the old inburgeringsexamen that DUO's Examen API reports: the four language
#: components at A2 and KNM (the ONA is not in that API).
WI2013_EXAMENS = ("LE", "LU", "SC", "SP", "KNM")
#: Share of old-law plans still open years later (a new termijn, exams still to pass),
#: assumption: the demo shows those clients in the caseloads (praktijk.md:L63).
WI2013_LOPEND_KANS = 0.45
#: The organisation for maatschappelijke begeleiding in the demo gemeenten (demo/ontzorgen.py).
MB_ORGANISATIE = "Begeleiding Demo"


def plan_wi2013(rng: random.Random, doelgroep: str, *, horizon: int | None = None) -> Plan:
    """A dossier under the old Wet inburgering (2013), which stays applicable to people who were
    inburgeringsplichtig before 2022 (Wi 2021 art. 54 lid 1): no brede intake, no
    leerbaarheidstoets and no PIP (`wet.brede_intake_en_pip`). The person arranges the course
    (often with DUO's loan) and takes DUO's inburgeringsexamen within the termijn DUO sets; the
    gemeente offers the participatieverklaringstraject (its closing moment is a contact here)
    and, for an asylum status holder, maatschappelijke begeleiding from the BRP registration.
    The consulent keeps contact. The phase stays where the arrival left it (the phases after
    it are the Wi 2021 steps) until the dossier is closed."""
    evs: list[Ev] = []
    if doelgroep == Doelgroep.ASIELSTATUSHOUDER:
        _begin_asiel(rng, evs)
        brp = next(e.dag for e in evs if e.soort == Soort.HUISVESTING)
        mb_einde = brp + rng.randint(180, 540)
        mb = {"organisatie": MB_ORGANISATIE}
        evs.append(Ev(Soort.BEGELEIDING_GESTART, brp, Bron.GEBRUIKER, mb, slot=HUIDIG))
        evs.append(
            Ev(
                Soort.BEGELEIDING_BEEINDIGD,
                mb_einde,
                Bron.GEBRUIKER,
                {"reden": "Begeleidingsperiode afgerond"},
                slot=HUIDIG,
            )
        )
        les = brp + rng.randint(30, 120)
    else:
        _begin_gezin(rng, evs)
        les = rng.randint(30, 240)
    evs.append(
        Ev(
            Soort.TERMIJN_DUO,
            rng.randint(0, 2),
            Bron.DUO,
            dagen={"start": 0, "einde": WI2013_TERMIJN_DAGEN},
        )
    )
    pvt = les + rng.randint(60, 300)
    evs.append(
        Ev(
            Soort.CONTACT,
            pvt,
            Bron.GEBRUIKER,
            {"kanaal": "gesprek", "tolk": rng.random() < 0.3},
            slot=HUIDIG,
            toelichting="Participatieverklaring ondertekend (slotbijeenkomst "
            "participatieverklaringstraject)",
        )
    )
    lopend = rng.random() < WI2013_LOPEND_KANS
    lopend_tot = rng.randint(2200, 3300)
    # Exams: the first attempts in the second year of lessons. In a plan that runs for years,
    # one component is failed three times and passed just before the plicht is met.
    dag = les + rng.randint(300, 700)
    laatste_geslaagd = dag
    open_onderdeel = rng.choice(WI2013_EXAMENS) if lopend else None
    for onderdeel in WI2013_EXAMENS:
        poging_dag = dag + rng.randint(0, 60)
        for poging in range(4):
            geslaagd = (rng.random() < 0.7 or poging == 2) and onderdeel != open_onderdeel
            if onderdeel == open_onderdeel and poging == 3:
                geslaagd = True
                poging_dag = max(poging_dag, lopend_tot - rng.randint(20, 90))
            gegevens = {"onderdeel": onderdeel, "resultaat": "Geslaagd" if geslaagd else "Gezakt"}
            if onderdeel != "KNM":
                gegevens["niveau"] = "A2"
            evs.append(Ev(Soort.EXAMENRESULTAAT, poging_dag, Bron.DUO, gegevens))
            if geslaagd:
                laatste_geslaagd = max(laatste_geslaagd, poging_dag)
                break
            poging_dag += rng.randint(60, 240)
    if lopend:
        afsluitdag, reden = max(lopend_tot, laatste_geslaagd + 14), "voldaan"
    else:
        afsluitdag = max(laatste_geslaagd, pvt) + rng.randint(14, 60)
        reden = "voldaan"
        eerste = min(e.dag for e in evs)
        kans = sum(k.AFSLUIT_PER_JAAR.values())
        vroeg = eerste + 60 + int(rng.expovariate(kans / 365))
        if vroeg < afsluitdag:
            afsluitdag = vroeg
            reden = rng.choices(
                list(k.AFSLUIT_PER_JAAR), weights=list(k.AFSLUIT_PER_JAAR.values())
            )[0]
    # DUO's new termijn when the old one ran out before the closure (extension, overschrijding).
    einde = WI2013_TERMIJN_DAGEN
    while einde < afsluitdag:
        nieuw = einde + WI2013_NIEUWE_TERMIJN_DAGEN
        evs.append(
            Ev(
                Soort.TERMIJN_DUO,
                einde + rng.randint(1, 30),
                Bron.DUO,
                {"verlengingsgrond": "Nieuwe termijn na het verstrijken van de termijn"},
                dagen={"start": einde + 1, "einde": nieuw},
            )
        )
        einde = nieuw
    evs[:] = [e for e in evs if e.dag < afsluitdag]
    soorten = {e.soort for e in evs}
    if Soort.BEGELEIDING_GESTART in soorten and Soort.BEGELEIDING_BEEINDIGD not in soorten:
        evs.append(
            Ev(
                Soort.BEGELEIDING_BEEINDIGD,
                afsluitdag,
                Bron.GEBRUIKER,
                {"reden": "Dossier afgesloten"},
                slot=HUIDIG,
            )
        )
    evs.append(_afsluiting(afsluitdag, reden))
    _consulent_en_contact(rng, evs, afsluitdag, horizon, pip_dag=min(e.dag for e in evs))
    evs.sort(key=lambda e: e.dag)
    for nummer, ev in enumerate(evs, start=1):
        ev.id = nummer
    return Plan(doelgroep, "", None, evs, afsluitdag)


def _begin_asiel(rng: random.Random, evs: list[Ev]) -> int:
    """Koppeling, kennisgeving (day 0) and housing; returns the day the intake starts."""
    koppeling = -rng.randint(0, 30) if rng.random() < 0.7 else rng.randint(1, 20)
    wacht = rng.lognormvariate(math.log(k.HUISVESTING_MEDIAAN), k.HUISVESTING_SIGMA)
    brp = koppeling + int(min(max(wacht, 28), 540))
    signaal = Ev(Soort.SIGNAAL_ONTVANGEN, 0, Bron.DUO)
    kop = Ev(Soort.COA_KOPPELING, koppeling, Bron.COA, {"azc": rng.choice(AZC)})
    evs.extend([kop, signaal] if koppeling <= 0 else [signaal, kop])
    _doelgroep(evs, Doelgroep.ASIELSTATUSHOUDER, min(koppeling, 0))
    evs.append(Ev(Soort.HUISVESTING, brp, rng.choice([Bron.GEBRUIKER, Bron.IMPORT])))
    vroeg = koppeling + rng.randint(21, 60)
    if rng.random() < k.VROEGE_START_KANS and vroeg < brp - 7:
        return vroeg
    return max(brp, 0) + rng.randint(*k.INTAKE_NA_HUISVESTING)


def _begin_gezin(rng: random.Random, evs: list[Ev]) -> int:
    """Family migrants: often already in the BRP, sometimes for years (a late DUO letter)."""
    if rng.random() < 0.3:
        brp = -rng.randint(10, 120) if rng.random() < 0.8 else -rng.randint(365, 1500)
        evs.append(Ev(Soort.HUISVESTING, brp, Bron.IMPORT, toelichting="Overgenomen uit de BRP"))
    evs.append(Ev(Soort.SIGNAAL_ONTVANGEN, 0, Bron.DUO))
    _doelgroep(evs, Doelgroep.GEZINSMIGRANT_OVERIG, min(e.dag for e in evs))
    return rng.randint(*k.GEZIN_INTAKE_NA_SIGNAAL)


def _doelgroep(evs: list[Ev], doelgroep: str, dag: int) -> None:
    evs.append(Ev(Soort.DOELGROEP_VASTGESTELD, dag, Bron.GEBRUIKER, {"doelgroep": doelgroep}))


def _intake_en_pip(
    rng: random.Random, evs: list[Ev], start: int, score: int | None, route: str
) -> int:
    """Intake, LBT, extra intake session, PIP; returns the PIP day."""
    evs.append(
        Ev(
            Soort.INTAKE_GESTART,
            start,
            Bron.GEBRUIKER,
            slot=HUIDIG,
            toelichting=rng.choice(_INTAKE_NOTITIES),
        )
    )
    afgerond = start + rng.randint(*k.INTAKE_DUUR)
    if score is not None:
        lbt = start + rng.randint(7, 42)
        evs.append(
            Ev(
                Soort.LBT_AFGENOMEN,
                lbt,
                Bron.DUO,
                {"score": score, "afname": rng.choice(["pc", "touchscreen"])},
            )
        )
        afgerond = max(afgerond, lbt + 3)
    evs.append(Ev(Soort.INTAKE_AFGEROND, afgerond, Bron.GEBRUIKER, slot=HUIDIG))
    if rng.random() < 0.08:  # an extra intake session after the intake was closed
        extra = afgerond + rng.randint(7, 21)
        evs.append(
            Ev(
                Soort.INTAKE_GESTART,
                extra,
                Bron.GEBRUIKER,
                slot=HUIDIG,
                toelichting="Aanvullend gesprek",
            )
        )
        afgerond = extra + rng.randint(7, 28)
        evs.append(Ev(Soort.INTAKE_AFGEROND, afgerond, Bron.GEBRUIKER, slot=HUIDIG))
    pip = afgerond + rng.randint(*k.PIP_NA_INTAKE)
    evs.append(Ev(Soort.PIP_VASTGESTELD, pip, Bron.GEBRUIKER, {"leerroute": route}, slot=HUIDIG))
    return pip


def _route_en_afsluiting(rng: random.Random, evs: list[Ev], pip: int, route: str) -> int:
    """Registration at a school, start, a possible new PIP, and the closure; returns its day."""
    school = rng.choice(SCHOLEN)
    if rng.random() < 0.75:
        aangemeld = pip + rng.randint(0, 28)
        evs.append(
            Ev(
                Soort.AANGEMELD_LEERROUTE,
                aangemeld,
                Bron.GEBRUIKER,
                {"cursusinstelling": school},
                slot=HUIDIG,
            )
        )
        start = aangemeld + rng.randint(*k.WACHTTIJD_START)
    else:
        start = pip + rng.randint(14, 75)
    bron = Bron.SCHOOL if rng.random() < 0.5 else Bron.GEBRUIKER
    evs.append(
        Ev(
            Soort.LEERROUTE_GESTART,
            start,
            bron,
            {"cursusinstelling": school},
            slot=None if bron == Bron.SCHOOL else HUIDIG,
        )
    )
    laag, hoog = k.ROUTE_JAREN[route]
    voldaan = start + int(365 * rng.uniform(laag, hoog))
    if rng.random() < k.SCHAKEL_KANS:
        nieuw = {"b1": "z", "onderwijs": "b1", "z": "b1"}[route]
        evs.append(
            Ev(
                Soort.PIP_VASTGESTELD,
                start + rng.randint(90, 500),
                Bron.GEBRUIKER,
                {"leerroute": nieuw},
                slot=HUIDIG,
                toelichting="Schakelen van leerroute",
            )
        )
    eerste = min(e.dag for e in evs)
    kans = sum(k.AFSLUIT_PER_JAAR.values())
    vroeg = eerste + 14 + int(rng.expovariate(kans / 365))
    if vroeg < voldaan:
        reden = rng.choices(list(k.AFSLUIT_PER_JAAR), weights=list(k.AFSLUIT_PER_JAAR.values()))
        afsluitdag, reden = vroeg, reden[0]
    else:
        afsluitdag, reden = voldaan, "voldaan"
    evs[:] = [e for e in evs if e.dag <= afsluitdag]
    evs.append(_afsluiting(afsluitdag, reden))
    return afsluitdag


def _consulent_en_contact(
    rng: random.Random, evs: list[Ev], afsluitdag: int, horizon: int | None, pip_dag: int
) -> None:
    eerste = min(e.dag for e in evs)
    toegewezen = eerste + rng.randint(0, 21)
    if toegewezen >= afsluitdag:
        return
    evs.append(Ev(Soort.CONSULENT_TOEGEWEZEN, toegewezen, Bron.GEBRUIKER, slot=0))
    if rng.random() < k.WISSEL_KANS and afsluitdag - toegewezen > 120:
        wissel = rng.randint(toegewezen + 60, min(afsluitdag - 1, toegewezen + 900))
        evs.append(
            Ev(
                Soort.CONSULENT_TOEGEWEZEN,
                wissel,
                Bron.GEBRUIKER,
                slot=1,
                toelichting="Overdracht wegens herverdeling caseload",
            )
        )
    einde = afsluitdag if horizon is None else min(afsluitdag, horizon)
    if rng.random() < k.CONTACT_VERWATERT_KANS:
        einde = min(einde, toegewezen + rng.randint(30, 400))
    dag = toegewezen + rng.randint(1, 14)
    kanalen, gewichten = list(k.KANALEN), list(k.KANALEN.values())
    while dag <= einde:
        kanaal = rng.choices(kanalen, weights=gewichten)[0]
        evs.append(
            Ev(
                Soort.CONTACT,
                dag,
                Bron.GEBRUIKER,
                {"kanaal": kanaal, "tolk": rng.random() < 0.3},
                slot=HUIDIG,
                toelichting=rng.choice(_CONTACT_NOTITIES),
            )
        )
        interval = k.CONTACT_INTERVAL_VOOR_PIP if dag < pip_dag else k.CONTACT_INTERVAL_ROUTE
        dag += rng.randint(*interval)


def plaats(
    plan: Plan, anker: dt.date, vandaag: dt.date, nu: dt.datetime, rng: random.Random
) -> list[Ev]:
    """Put the plan on the calendar (day 0 = `anker`) and drop everything after `vandaag`."""
    geplaatst = []
    eigen = uitkomsten.stroom(plan.events)  # outcome events: their own stream
    for ev in plan.events:
        datum = anker + dt.timedelta(days=ev.dag)
        if datum > vandaag:
            continue
        ev.datum = datum
        r = eigen if ev.soort in uitkomsten.SOORTEN else rng
        ev.geregistreerd_op = _geregistreerd(ev, datum, nu, r)
        for sleutel, dag in ev.dagen.items():
            ev.gegevens[sleutel] = (anker + dt.timedelta(days=dag)).isoformat()
        if ev.soort == Soort.LBT_AFGENOMEN:
            ev.gegevens["cesuur"] = lbt_cesuur(datum)
        elif ev.soort == Soort.EXAMENRESULTAAT:
            ev.gegevens["examendatum"] = datum.isoformat()
        if ev.bron == Bron.DUO:
            ev.bron_referentie = f"DUO-{r.getrandbits(48):012x}"
        elif ev.bron == Bron.COA:
            ev.bron_referentie = f"COA-TVS-{rng.getrandbits(32):08x}"
        geplaatst.append(ev)
    return geplaatst


_VERTRAGING_DAGEN = {
    Bron.DUO: (0, 2),
    Bron.COA: (0, 3),
    Bron.IMPORT: (1, 20),
    Bron.SCHOOL: (1, 10),
    Bron.GEBRUIKER: (0, 3),
}


def _geregistreerd(ev: Ev, datum: dt.date, nu: dt.datetime, rng: random.Random) -> dt.datetime:
    """`geregistreerd_op`: shortly after the legal date, during office hours, never after now."""
    dagen = rng.randint(*_VERTRAGING_DAGEN.get(ev.bron, (0, 3)))
    moment = dt.datetime.combine(datum, dt.time(8), tzinfo=nu.tzinfo) + dt.timedelta(
        days=dagen, minutes=rng.randint(0, 9 * 60)
    )
    return min(moment, nu)

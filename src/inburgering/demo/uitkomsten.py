"""Planned outcome events of a demo dossier: exam results, participation measurements at 6, 12
and 24 months, dual activities and costs (issue 6).

They draw from their own random stream, seeded from the plan itself, so adding them leaves the
main stream (people, phases, dates) exactly as it was. Every figure here is an assumption of
ours for plausible demo data, not a calibration on a source.
"""

from __future__ import annotations

import random

from inburgering.dossiers.models import Bron, Doelgroep
from inburgering.dossiers.uitkomsten import MOMENTEN
from inburgering.dossiers.workflow import Soort

#: Soorten planned here; `tijdlijn.plaats` gives them registration times from their own stream.
SOORTEN = frozenset(
    {
        Soort.EXAMENRESULTAAT,
        Soort.PARTICIPATIE_GEMETEN,
        Soort.KOSTEN_GEREGISTREERD,
        Soort.DUALE_ACTIVITEIT_GESTART,
        Soort.DUALE_ACTIVITEIT_BEEINDIGD,
    }
)
#: Chance to pass one attempt, per component (assumption); at most three attempts.
SLAAGKANS = {"LE": 0.75, "LU": 0.78, "SC": 0.6, "SP": 0.65, "KNM": 0.85}
#: Share of the due follow-up moments that the consulent actually records (assumption).
MEETKANS = 0.85
#: Chance of each status at a moment, per doelgroep: (6, 12, 24 months) (assumption).
KANS = {
    Doelgroep.ASIELSTATUSHOUDER: {
        "werk": (0.12, 0.22, 0.38),
        "vrijwilligerswerk": (0.2, 0.22, 0.18),
        "opleiding": (0.06, 0.1, 0.15),
        "uitkering": (0.9, 0.82, 0.62),
    },
    Doelgroep.GEZINSMIGRANT_OVERIG: {
        "werk": (0.35, 0.42, 0.5),
        "vrijwilligerswerk": (0.1, 0.1, 0.1),
        "opleiding": (0.08, 0.1, 0.12),
        "uitkering": (0.2, 0.18, 0.15),
    },
}
DUAAL_KANS = 0.35
DUAAL_SOORTEN = {"werk": 40, "vrijwilligerswerk": 30, "stage": 20, "opleiding": 10}
ORGANISATIES = (
    "Zorggroep De Linde",
    "Bouwbedrijf Van Dijk",
    "Voedselbank",
    "Buurthuis De Kern",
    "Supermarkt Centrum",
    "Kringloopwinkel",
    "Schoonmaakbedrijf Glans",
    "Gemeentelijk Werkbedrijf",
)
#: Cost of the leerroute per route in euros (min, max), paid in three instalments (assumption).
ROUTEKOSTEN = {"b1": (7_000, 10_000), "onderwijs": (10_000, 14_000), "z": (5_000, 8_000)}


def stroom(evs) -> random.Random:
    """A stream seeded from the plan drawn so far (string seeds hash with SHA-512: stable)."""
    return random.Random("uitkomsten:" + ",".join(f"{e.soort}@{e.dag}" for e in evs))


def plan(evs: list, doelgroep: str, route: str, pip_dag: int, ev_type) -> None:
    """Append the outcome events to `evs` (ev_type builds one planned event)."""
    starts = [e.dag for e in evs if e.soort == Soort.LEERROUTE_GESTART]
    afsluiting = [e for e in evs if e.soort == Soort.DOSSIER_AFGESLOTEN]
    if not starts or not afsluiting:
        return
    rng = stroom(evs)
    start, afsluitdag = min(starts), afsluiting[-1].dag
    voldaan = afsluiting[-1].gegevens.get("reden") == "voldaan"
    nieuw: list = []
    if route in ("b1", "onderwijs"):
        _examens(rng, nieuw, ev_type, start, afsluitdag if voldaan else start + 900, voldaan)
    _participatie(rng, nieuw, ev_type, doelgroep, route, start, afsluitdag, voldaan)
    _duaal(rng, nieuw, ev_type, start, afsluitdag)
    if doelgroep == Doelgroep.ASIELSTATUSHOUDER:
        _kosten(rng, nieuw, ev_type, route, start, pip_dag)
    # Outside a "voldaan" closure nothing follows the closure; participation is followed up
    # after voldaan too.
    evs.extend(
        e
        for e in nieuw
        if e.dag <= afsluitdag or (voldaan and e.soort == Soort.PARTICIPATIE_GEMETEN)
    )


def _examens(rng, nieuw, ev_type, start, einde, voldaan) -> None:
    # Exams come late in the route: the first attempt 2 to 10 months before voldaan.
    for onderdeel, kans in SLAAGKANS.items():
        dag = max(start + 120, einde - rng.randint(60, 300))
        for poging in range(3):
            geslaagd = rng.random() < kans or (voldaan and poging == 2)
            gegevens = {"onderdeel": onderdeel, "resultaat": "Geslaagd" if geslaagd else "Gezakt"}
            if onderdeel != "KNM":
                gegevens["niveau"] = "B1"
            nieuw.append(ev_type(Soort.EXAMENRESULTAAT, min(dag, einde - 1), Bron.DUO, gegevens))
            if geslaagd:
                break
            dag += rng.randint(20, 40)


def _participatie(rng, nieuw, ev_type, doelgroep, route, start, afsluitdag, voldaan) -> None:
    kansen = KANS.get(doelgroep, KANS[Doelgroep.GEZINSMIGRANT_OVERIG])
    for i, moment in enumerate(MOMENTEN):
        dag = start + round(moment * 30.44) + rng.randint(-20, 40)
        if rng.random() > MEETKANS or (dag > afsluitdag and not voldaan):
            continue
        if rng.random() < 0.03:
            status = ["onbekend"]
        else:
            status = [s for s, p in kansen.items() if rng.random() < p[i]]
            if route == "onderwijs" and "opleiding" not in status and rng.random() < 0.5:
                status.append("opleiding")
            status = sorted(status) or ["geen"]
        gegevens = {"moment": str(moment), "status": status}
        if "werk" in status:
            gegevens["uren_werk"] = rng.randint(8, 36)
        nieuw.append(ev_type(Soort.PARTICIPATIE_GEMETEN, dag, Bron.GEBRUIKER, gegevens))


def _duaal(rng, nieuw, ev_type, start, afsluitdag) -> None:
    if rng.random() > DUAAL_KANS:
        return
    soorten = list(DUAAL_SOORTEN)
    gekozen = rng.choices(soorten, weights=list(DUAAL_SOORTEN.values()))
    if rng.random() < 0.15:
        tweede = rng.choice(soorten)
        gekozen += [tweede] if tweede not in gekozen else []
    for activiteit in gekozen:
        dag = start + rng.randint(20, 400)
        gegevens = {
            "activiteit": activiteit,
            "organisatie": rng.choice(ORGANISATIES),
            "uren_per_week": rng.randint(4, 24),
        }
        nieuw.append(ev_type(Soort.DUALE_ACTIVITEIT_GESTART, dag, Bron.GEBRUIKER, gegevens))
        einde = dag + rng.randint(60, 540)
        if einde < afsluitdag:
            nieuw.append(
                ev_type(
                    Soort.DUALE_ACTIVITEIT_BEEINDIGD,
                    einde,
                    Bron.GEBRUIKER,
                    {"activiteit": activiteit},
                )
            )


def _kosten(rng, nieuw, ev_type, route, start, pip_dag) -> None:
    laag, hoog = ROUTEKOSTEN.get(route, ROUTEKOSTEN["b1"])
    totaal = rng.randint(laag, hoog) * 100
    for termijn in range(3):
        nieuw.append(
            ev_type(
                Soort.KOSTEN_GEREGISTREERD,
                start + termijn * 182,
                Bron.GEBRUIKER,
                {"bedrag_cents": totaal // 3, "post": "leerroute"},
            )
        )
    for post, kans, (van, tot), dag in [
        ("ontzorging", 0.8, (600, 1_200), pip_dag + 30),
        ("tolk", 0.3, (150, 600), pip_dag - 20),
        ("kinderopvang", 0.15, (1_000, 4_000), start + 30),
        ("reiskosten", 0.5, (200, 800), start + 90),
    ]:
        if rng.random() < kans:
            gegevens = {"bedrag_cents": rng.randint(van, tot) * 100, "post": post}
            nieuw.append(ev_type(Soort.KOSTEN_GEREGISTREERD, dag, Bron.GEBRUIKER, gegevens))

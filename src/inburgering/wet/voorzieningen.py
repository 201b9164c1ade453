"""Services the municipality provides: maatschappelijke begeleiding, financieel ontzorgen,
and who pays course and exams (incl. DUO's loan).

Wi art. 13, 16, 19, 20 (BWBR0044770); Besluit art. 6.2, 6.3 (BWBR0045555); Participatiewet
art. 56a (BWBR0015703).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .beleidskeuzes import STANDAARD, Beleidskeuzes, Periodeeinde
from .grondslag import Bron, bi, pw, wi
from .kalender import datum_nl, einde_periode, plus_jaren, plus_maanden
from .regels import regel
from .typen import Doelgroep, Leerroute, Verblijfsgrond
from .uitkomst import Overtreding, Uitkomst, Validatie

G_MB_DOELGROEP = wi("13", 1)
G_MB_INHOUD = wi("13", 2)
G_MB_AANVANG = wi("13", 3)
G_GEZIN_OVERIG = wi("19")
G_AANBOD = wi("16", 1)
G_KEURMERK = wi("16", 3)
G_LENING = wi("20", 1)
G_ONTZORGEN_WIE = pw("56a", 1)
G_ONTZORGEN_WAT = pw("56a", 2)
G_ONTZORGEN_PIP = wi("15", 3)
G_LENING_GEEN_AANSPRAAK = wi("20", 2)
G_LENING_DOELEN = bi("6.2", 1)
G_LENING_KEURMERK = bi("6.2", 3)
G_LENING_TAALSCHAKEL = bi("6.2", 4)
G_LENING_OUD_BESLUIT = bi("6.2", 6)
G_LENING_PERIODE = bi("6.3", 1)

ONTZORGEN_MAANDEN = 6
DUO_LENING_MAX_CENTS = 1_000_000
EXAMENKOSTEN_A2_KNM_CENTS = 5_000
DOOR_GEMEENTE_BETAALDE_POGINGEN = 2


@regel(G_MB_DOELGROEP, G_GEZIN_OVERIG)
def doelgroep(verblijfsgrond: Verblijfsgrond) -> Uitkomst[Doelgroep]:
    """Target group from the residence permit. [wet]

    Wi art. 13 lid 1: asylum permit (a) or family member of an asylum permit holder (b) ->
    asielstatushouder; Wi art. 19: other regular permits -> gezinsmigrant en overige migrant.
    DUO records the target group; use this to check DUO's signal (SS124/SS125).
    """
    if verblijfsgrond is Verblijfsgrond.REGULIER_OVERIG:
        return Uitkomst(
            Doelgroep.GEZINSMIGRANT_OVERIG,
            (G_GEZIN_OVERIG,),
            "Deze inburgeringsplichtige hoort bij de gezinsmigranten en overige migranten.",
            regel="doelgroep",
        )
    return Uitkomst(
        Doelgroep.ASIELSTATUSHOUDER,
        (G_MB_DOELGROEP,),
        "Deze inburgeringsplichtige hoort bij de asielstatushouders.",
        regel="doelgroep",
    )


@dataclass(frozen=True)
class Begeleiding:
    """Right to maatschappelijke begeleiding and the day it starts (None: not yet known)."""

    recht: bool
    aanvang: date | None


@regel(G_MB_DOELGROEP, G_MB_INHOUD, G_MB_AANVANG)
def maatschappelijke_begeleiding(
    *, doelgroep: Doelgroep, inschrijving_brp: date | None
) -> Uitkomst[Begeleiding]:
    """Maatschappelijke begeleiding: asylum status holders only, from BRP registration. [wet]

    Wi art. 13 lid 1 (who), lid 2 (practical help with and information about basic
    services), lid 3 (starts on the day of BRP registration; for an asylum permit holder the
    registration in the municipality where he is housed under art. 28 Huisvestingswet 2014,
    which is the date to pass in ``inschrijving_brp``).
    """
    if doelgroep is not Doelgroep.ASIELSTATUSHOUDER:
        return Uitkomst(
            Begeleiding(False, None),
            (G_MB_DOELGROEP,),
            "Maatschappelijke begeleiding geldt alleen voor asielstatushouders.",
            regel="maatschappelijke_begeleiding",
        )
    if inschrijving_brp is None:
        return Uitkomst(
            Begeleiding(True, None),
            (G_MB_DOELGROEP, G_MB_AANVANG),
            "Maatschappelijke begeleiding begint zodra de inburgeringsplichtige in de BRP van de "
            "gemeente is ingeschreven.",
            regel="maatschappelijke_begeleiding",
        )
    return Uitkomst(
        Begeleiding(True, inschrijving_brp),
        (G_MB_DOELGROEP, G_MB_INHOUD, G_MB_AANVANG),
        f"Maatschappelijke begeleiding begint op {datum_nl(inschrijving_brp)}, de dag van "
        "inschrijving in de BRP.",
        regel="maatschappelijke_begeleiding",
    )


class OntzorgKosten(StrEnum):
    """Fixed costs the college pays from the bijstand (Pw art. 56a lid 2)."""

    HUUR = "huur"
    GAS = "gas"
    WATER = "water"
    STROOM = "stroom"
    ZORGVERZEKERING = "zorgverzekering"


@dataclass(frozen=True)
class Ontzorgen:
    """Whether ontzorgen applies, its period (inclusive) and the costs it covers."""

    van_toepassing: bool
    aanvang: date | None
    einde: date | None
    kosten: tuple[OntzorgKosten, ...]


@regel(
    G_ONTZORGEN_WIE,
    G_ONTZORGEN_WAT,
    G_ONTZORGEN_PIP,
    bron=Bron.WET_EN_PRAKTIJK,
    beleidskeuzes=("periodeeinde", "ontbrekende_dag"),
)
def financieel_ontzorgen(
    *,
    inburgeringsplichtig_wi2021: bool,
    verblijfsgrond: Verblijfsgrond,
    recht_op_bijstand_vanaf: date | None,
    opties: Beleidskeuzes = STANDAARD,
) -> Uitkomst[Ontzorgen]:
    """Financieel ontzorgen under Participatiewet art. 56a. [wet] / form since April 2023 [praktijk]

    Lid 1: bijstand recipients who are inburgeringsplichtig under the Wi2021 and hold an
    asylum permit for a fixed period (Vw art. 28) - not family members with a regular permit.
    Lid 2: for six months from the day the right to bijstand starts, the college pays rent,
    gas, water, electricity and the mandatory health insurance from the bijstand, in the
    person's name. The beschikking is part of the PIP (Wi art. 15 lid 3). Since the Kamerbrief
    of 6 April 2023 the form may be tailored; the duty stays. [praktijk] The 6-month period is
    not moved by the Algemene termijnenwet (art. 4 onder a).
    """
    kosten = tuple(OntzorgKosten)
    if not inburgeringsplichtig_wi2021 or verblijfsgrond is not Verblijfsgrond.ASIEL_BEPAALDE_TIJD:
        return Uitkomst(
            Ontzorgen(False, None, None, ()),
            (G_ONTZORGEN_WIE,),
            "Financieel ontzorgen geldt alleen voor inburgeringsplichtigen onder de Wet "
            "inburgering 2021 met een verblijfsvergunning asiel voor bepaalde tijd die bijstand "
            "ontvangen.",
            bron=Bron.WET,
            regel="financieel_ontzorgen",
        )
    if recht_op_bijstand_vanaf is None:
        return Uitkomst(
            Ontzorgen(False, None, None, kosten),
            (G_ONTZORGEN_WIE, G_ONTZORGEN_WAT),
            "Financieel ontzorgen begint op de dag dat het recht op bijstand ontstaat; er is nog "
            "geen bijstand.",
            bron=Bron.WET,
            regel="financieel_ontzorgen",
        )
    einde = einde_periode(recht_op_bijstand_vanaf, ONTZORGEN_MAANDEN, opties)
    return Uitkomst(
        Ontzorgen(True, recht_op_bijstand_vanaf, einde, kosten),
        (G_ONTZORGEN_WIE, G_ONTZORGEN_WAT, G_ONTZORGEN_PIP),
        f"De gemeente betaalt van {datum_nl(recht_op_bijstand_vanaf)} tot en met {datum_nl(einde)} "
        "huur, gas, water, stroom en zorgverzekering uit de bijstand; de vorm mag op maat, de "
        "plicht blijft.",
        bron=Bron.WET_EN_PRAKTIJK,
        regel="financieel_ontzorgen",
    )


def eerste_van_maand(dag: date) -> date:
    """The first day of ``dag``'s calendar month."""
    return dag.replace(day=1)


def laatste_van_maand(dag: date) -> date:
    """The last day of ``dag``'s calendar month."""
    return plus_maanden(dag.replace(day=1), 1) - timedelta(days=1)


@regel(G_ONTZORGEN_WAT, beleidskeuzes=("periodeeinde", "ontbrekende_dag"))
def ontzorgen_loopt(
    *,
    recht_op_bijstand_vanaf: date,
    peildatum: date,
    vrijwillig_tot: date | None = None,
    opties: Beleidskeuzes = STANDAARD,
) -> Uitkomst[bool]:
    """Whether the college pays the fixed costs on ``peildatum``. [wet]

    Pw art. 56a lid 2: six months "gerekend vanaf de dag waarop het recht op bijstand ontstaat";
    that day is the first day (inclusive), the last day is the day before the six-month
    anniversary (``Periodeeinde.LAATSTE_DAG``): a start on 01-01 ends on 30-06, a month end;
    a start on 31-08 ends on 28-02 (the missing 31-02 per ``ontbrekende_dag``).
    After the six months the law imposes nothing: payment continues only as voluntary
    continuation (``vrijwillig_tot``, inclusive), which the gemeente records with the
    inburgeraar's consent (Kamerbrief 6 April 2023 [praktijk]). The Atw does not move the end.
    """
    einde = einde_periode(recht_op_bijstand_vanaf, ONTZORGEN_MAANDEN, opties)
    if peildatum < recht_op_bijstand_vanaf:
        return Uitkomst(
            False,
            (G_ONTZORGEN_WAT,),
            f"Het ontzorgen begint pas op {datum_nl(recht_op_bijstand_vanaf)}, de dag waarop "
            "het recht op bijstand ontstaat.",
            regel="ontzorgen_loopt",
        )
    if peildatum <= einde:
        return Uitkomst(
            True,
            (G_ONTZORGEN_WAT,),
            f"{datum_nl(peildatum)} valt binnen de zes maanden ontzorgen (tot en met "
            f"{datum_nl(einde)}).",
            regel="ontzorgen_loopt",
        )
    if vrijwillig_tot is not None and peildatum <= vrijwillig_tot:
        return Uitkomst(
            True,
            (G_ONTZORGEN_WAT,),
            f"De zes maanden eindigden op {datum_nl(einde)}; de inburgeraar heeft gekozen voor "
            f"vrijwillige voortzetting tot en met {datum_nl(vrijwillig_tot)}.",
            bron=Bron.WET_EN_PRAKTIJK,
            regel="ontzorgen_loopt",
        )
    return Uitkomst(
        False,
        (G_ONTZORGEN_WAT,),
        f"De zes maanden ontzorgen eindigden op {datum_nl(einde)}.",
        regel="ontzorgen_loopt",
    )


@regel(G_ONTZORGEN_WAT, beleidskeuzes=("periodeeinde", "ontbrekende_dag"))
def ontzorgen_betaalmaand(
    *,
    recht_op_bijstand_vanaf: date,
    maand: date,
    bedrag_cents: int,
    vrijwillig_tot: date | None = None,
    opties: Beleidskeuzes = STANDAARD,
) -> Validatie:
    """Whether a fixed cost may be paid from the bijstand for calendar ``maand``. [wet]

    Pw art. 56a lid 2: payments "gedurende een periode van zes maanden" from the day the right
    to bijstand arises. Documented choice: bills are monthly, so a month is payable when any
    day of it lies in the period (``ontzorgen_loopt``); the month in which the right arises
    and the month of the last day both count, the month after does not, unless the
    inburgeraar continues voluntarily up to a day in that month. An amount must be above
    zero (a payment of nothing or a negative payment is no payment).
    """
    eerste = eerste_van_maand(maand)
    laatste = laatste_van_maand(maand)
    einde = einde_periode(recht_op_bijstand_vanaf, ONTZORGEN_MAANDEN, opties)
    overtredingen: list[Overtreding] = []
    if bedrag_cents <= 0:
        overtredingen.append(
            Overtreding("bedrag", "bedrag", "Het bedrag moet groter zijn dan € 0.")
        )
    tot = max(einde, vrijwillig_tot) if vrijwillig_tot is not None else einde
    if laatste < recht_op_bijstand_vanaf:
        overtredingen.append(
            Overtreding(
                "voor_periode",
                "maand",
                f"{eerste.strftime('%m-%Y')} ligt voor het begin van het ontzorgen "
                f"({datum_nl(recht_op_bijstand_vanaf)}).",
            )
        )
    elif eerste > tot:
        overtredingen.append(
            Overtreding(
                "na_periode",
                "maand",
                f"{eerste.strftime('%m-%Y')} ligt na de zes maanden ontzorgen (tot en met "
                f"{datum_nl(einde)}) en er is geen vrijwillige voortzetting voor die maand "
                "vastgelegd.",
            )
        )
    uitleg = (
        f"Betaling voor {eerste.strftime('%m-%Y')} is toegestaan."
        if not overtredingen
        else "Betaling geweigerd: " + " ".join(o.melding for o in overtredingen)
    )
    return Validatie(
        tuple(overtredingen), uitleg, (G_ONTZORGEN_WAT,), Bron.WET, "ontzorgen_betaalmaand"
    )


class Betaler(StrEnum):
    GEMEENTE = "gemeente"
    INBURGERINGSPLICHTIGE = "inburgeringsplichtige"


@dataclass(frozen=True)
class Kostenverdeling:
    """Who pays the course and the exams; ``duo_lening_max_cents`` for family migrants."""

    cursus: Betaler
    examens: Betaler
    door_gemeente_betaalde_pogingen_per_onderdeel: int
    examenkosten_a2_knm_cents: int
    duo_lening_max_cents: int | None


@regel(G_AANBOD, G_KEURMERK, G_GEZIN_OVERIG, G_LENING, G_LENING_DOELEN, bron=Bron.WET_EN_PRAKTIJK)
def kosten_inburgering(doelgroep: Doelgroep) -> Uitkomst[Kostenverdeling]:
    """Who pays course and exams. [wet] for the course, [praktijk] for exams and loan amounts.

    Asylum status holders: the college offers the course (Wi art. 16 lid 1, keurmerk lid 3)
    and pays the first two attempts per exam component, not below the PIP level [praktijk].
    Family and other migrants (Wi art. 19): pay themselves, with a DUO loan (Wi art. 20 lid 1)
    of up to €10,000 (Besluit 6.2 lid 1), in every leerroute: it also covers a recognised
    taalschakeltraject followed in the onderwijsroute (lid 1 onder b, lid 4); see
    ``lening_inburgering`` for the conditions. Exams cost €50 per A2/KNM component [praktijk].
    """
    if doelgroep is Doelgroep.ASIELSTATUSHOUDER:
        return Uitkomst(
            Kostenverdeling(
                Betaler.GEMEENTE,
                Betaler.GEMEENTE,
                DOOR_GEMEENTE_BETAALDE_POGINGEN,
                EXAMENKOSTEN_A2_KNM_CENTS,
                None,
            ),
            (G_AANBOD, G_KEURMERK),
            "De gemeente biedt de cursus aan en betaalt de eerste twee examenpogingen per "
            "onderdeel.",
            bron=Bron.WET_EN_PRAKTIJK,
            regel="kosten_inburgering",
        )
    return Uitkomst(
        Kostenverdeling(
            Betaler.INBURGERINGSPLICHTIGE,
            Betaler.INBURGERINGSPLICHTIGE,
            0,
            EXAMENKOSTEN_A2_KNM_CENTS,
            DUO_LENING_MAX_CENTS,
        ),
        (G_GEZIN_OVERIG, G_LENING, G_LENING_DOELEN),
        "De inburgeringsplichtige betaalt cursus en examens zelf en kan daarvoor bij DUO een "
        "lening tot € 10.000 aanvragen, in de onderwijsroute ook voor een erkend "
        "taalschakeltraject.",
        bron=Bron.WET_EN_PRAKTIJK,
        regel="kosten_inburgering",
    )


class Leningdoel(StrEnum):
    """What a DUO loan pays for (Besluit 6.2 lid 1 onder a-d)."""

    CURSUS = "cursus"
    TAALSCHAKELTRAJECT = "taalschakeltraject"
    ALFABETISERING = "alfabetisering"
    EXAMEN = "examen"


LENINGDOEL = {
    Leningdoel.CURSUS: "een cursus",
    Leningdoel.TAALSCHAKELTRAJECT: "een taalschakeltraject",
    Leningdoel.ALFABETISERING: "alfabetiseringsonderwijs",
    Leningdoel.EXAMEN: "het inburgeringsexamen",
}


@dataclass(frozen=True)
class Leningbeoordeling:
    """Whether a loan for ``doel`` is possible, its maximum, and otherwise why not."""

    mogelijk: bool
    max_cents: int
    redenen: tuple[str, ...]


@regel(
    G_LENING,
    G_LENING_GEEN_AANSPRAAK,
    G_LENING_DOELEN,
    G_LENING_KEURMERK,
    G_LENING_TAALSCHAKEL,
    G_LENING_OUD_BESLUIT,
    G_LENING_PERIODE,
    beleidskeuzes=("periodeeinde", "ontbrekende_dag"),
)
def lening_inburgering(
    doel: Leningdoel,
    *,
    doelgroep: Doelgroep,
    leerroute: Leerroute,
    peildatum: date,
    termijn_einde: date | None = None,
    nieuwe_termijn_einde: date | None = None,
    inburgeringsplichtig: bool = True,
    keurmerk_of_certificaat: bool = False,
    erkend_taalschakeltraject: bool = False,
    alfabetisering_in_pip: bool = False,
    eerdere_lening_open: bool = False,
    opties: Beleidskeuzes = STANDAARD,
) -> Uitkomst[Leningbeoordeling]:
    """Whether a DUO loan (at most €10,000) is possible for ``doel``. [wet]

    Wi art. 20 lid 1; Besluit 6.2 lid 1: for (a) a course for the leerroute in the PIP, (b) a
    taalschakeltraject for that leerroute, (c) literacy education when the PIP requires it,
    (d) the inburgeringsexamen; lid 3: a course or literacy education only at an institution
    with a certificate or keurmerk; lid 4: a taalschakeltraject only in the onderwijsroute and
    recognised (Wi art. 8 lid 2), so the onderwijsroute has a loan; lid 5-6: not while a loan
    under the former Besluit is unpaid. Wi art. 20 lid 2: none for who is no longer
    inburgeringsplichtig, or six years after the (extended) termijn expired (the last day is
    the sixth anniversary of the termijn's last day). Besluit 6.3 lid 1: the entitlement of
    family and other migrants (Wi art. 19) runs during the termijn, the extended termijn and a
    new termijn of a DUO fine (``nieuwe_termijn_einde``). Documented choices: asylum status
    holders receive the course from the college (Wi art. 16) and 6.3 gives the entitlement to
    Wi art. 19 persons only, so the rule reports no loan for them; the exam loan (onder d)
    covers the inburgeringsexamen of Wi art. 7 lid 1, which the B1-route and (art. 8 lid 4) the
    onderwijsroute use, not the optional Z-route exams. The amount depends on income (lid 2).
    """
    redenen: list[str] = []
    grondslagen = [G_LENING, G_LENING_DOELEN]
    if doelgroep is Doelgroep.ASIELSTATUSHOUDER:
        grondslagen.append(G_LENING_PERIODE)
        redenen.append(
            "een asielstatushouder krijgt het inburgeringsaanbod van de gemeente en heeft geen "
            "aanspraak op de lening"
        )
    if not inburgeringsplichtig:
        grondslagen.append(G_LENING_GEEN_AANSPRAAK)
        redenen.append("de persoon is niet langer inburgeringsplichtig")
    if termijn_einde is not None:
        # the first day after the termijn, whatever the ``periodeeinde`` convention
        vervaldag = termijn_einde
        if opties.periodeeinde is Periodeeinde.LAATSTE_DAG:
            vervaldag += timedelta(days=1)
        laatste = plus_jaren(vervaldag, 6, opties) - timedelta(days=1)
        if peildatum > laatste:
            grondslagen.append(G_LENING_GEEN_AANSPRAAK)
            redenen.append(
                f"meer dan zes jaar na het verstrijken van de termijn (tot en met "
                f"{datum_nl(laatste)})"
            )
        elif peildatum >= vervaldag and (
            nieuwe_termijn_einde is None or peildatum > nieuwe_termijn_einde
        ):
            grondslagen.append(G_LENING_PERIODE)
            redenen.append("buiten de (verlengde of nieuwe) termijn")
    if doel is Leningdoel.TAALSCHAKELTRAJECT:
        grondslagen.append(G_LENING_TAALSCHAKEL)
        if leerroute is not Leerroute.ONDERWIJS:
            redenen.append("een taalschakeltraject alleen in de onderwijsroute")
        elif not erkend_taalschakeltraject:
            redenen.append("het taalschakeltraject is niet erkend")
    elif doel in (Leningdoel.CURSUS, Leningdoel.ALFABETISERING):
        grondslagen.append(G_LENING_KEURMERK)
        if doel is Leningdoel.ALFABETISERING and not alfabetisering_in_pip:
            redenen.append("alfabetiseringsonderwijs staat niet als verplichting in het PIP")
        if not keurmerk_of_certificaat:
            redenen.append("de cursusinstelling heeft geen keurmerk of certificaat")
    elif leerroute is Leerroute.Z:
        redenen.append("de examens in de Z-route zijn niet het inburgeringsexamen")
    if eerdere_lening_open:
        grondslagen.append(G_LENING_OUD_BESLUIT)
        redenen.append("een lening uit het vorige Besluit inburgering is nog niet afgelost")
    mogelijk = not redenen
    return Uitkomst(
        Leningbeoordeling(mogelijk, DUO_LENING_MAX_CENTS if mogelijk else 0, tuple(redenen)),
        tuple(dict.fromkeys(grondslagen)),
        f"Een lening van DUO voor {LENINGDOEL[doel]} van ten hoogste € 10.000 is mogelijk."
        if mogelijk
        else f"Geen lening van DUO voor {LENINGDOEL[doel]}: " + "; ".join(redenen) + ".",
        regel="lening_inburgering",
    )

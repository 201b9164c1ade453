"""DUO's validation rules for PIP, MAP, PVT and inburgeringsaanbod (M2M contract). [praktijk]

Source: DUO's ``duo-m2m/README.md`` (Inburgeringsketen M2M gegevensuitwisseling) and the PIP
OpenAPI spec (``geschatteIntensiteitB1Route`` 1-9999). A message DUO would reject is stopped
before it is sent; each validator returns *every* violation with a Dutch message.

Interpretations (documented choices):
- "overschrijding van de inburgeringstermijn" (MAP/PVT): the delivered date, or the
  ``peildatum`` when no date is delivered, lies after the last day of the termijn.
- "'Nee' alleen als de einddatum binnen twee maanden valt": the termijn ends no later than two
  months after the ``peildatum`` (including termijnen that already ended).
- "Eerste PIP ... ongeacht welke gemeente" (PIP): the first PIP is the one delivered when DUO
  knows neither an initial nor a current PIP for the person. DUO's PIP API only returns the
  current PIP; when there is one, an initial PIP exists too, so this is not the first.
- "De inburgeringsplicht moet nog niet voldaan zijn via de Z-route" next to "De datum ... mag
  niet na de datum afronding Z-route liggen" (MAP/PVT): DUO forbids only *later* dates. A date
  on or before the registered completion day belongs to the route itself and is accepted;
  otherwise the first rule would make the second one meaningless.
- Aanbod institution: "De Opleidingsinstelling moet bekend zijn bij DUO als een door Blik op
  Werk (BoW) gekeurmerkte instelling of een erkende Taalschakelinstelling (TST) als de persoon
  de onderwijsroute volgt" reads as: a BoW institution is always accepted; a TST-only
  institution only for the onderwijsroute.
- Aanbod dates: the README's "datumAanvangTaalschakeltraject ligt niet voor datumEindeCursus of
  datumInburgeringsaanbod" is read for the current spec fields as: the start of the course is
  not before the aanbod date, and its end not before its start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .grondslag import Bron, Grondslag, wi
from .kalender import datum_nl, plus_maanden
from .regels import regel
from .typen import Doelgroep, Leerroute, Taalniveau
from .uitkomst import Overtreding, Uitkomst, Validatie

G_AANBOD = wi("16", 1)
G_KEURMERK = wi("16", 3)
INTENSITEIT_MIN = 1
INTENSITEIT_MAX = 9999


def _validatie(
    naam: str,
    onderwerp: str,
    overtredingen: list[Overtreding],
    grondslagen: tuple[Grondslag, ...] = (),
) -> Validatie:
    if overtredingen:
        uitleg = f"DUO zal {onderwerp} weigeren: {len(overtredingen)} regel(s) geschonden."
    else:
        uitleg = f"{onderwerp[0].upper()}{onderwerp[1:]} voldoet aan de validatieregels van DUO."
    return Validatie(tuple(overtredingen), uitleg, tuple(grondslagen), Bron.PRAKTIJK, naam)


# --- PIP ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PipBericht:
    """The PIP as delivered to DUO (PIP API: dagtekeningPip, leerroute, niveau, intensity)."""

    dagtekening: date
    leerroute: Leerroute
    niveau: Taalniveau | None = None
    geschatte_intensiteit_b1: int | None = None


@dataclass(frozen=True)
class PipContext:
    """What DUO knows: ``dagtekening_initiele_pip`` None means this is the person's first PIP
    (in any municipality)."""

    doelgroep: Doelgroep
    start_plicht: date
    vestiging_gemeente: date
    dagtekening_initiele_pip: date | None = None
    dagtekening_actuele_pip: date | None = None


@regel(bron=Bron.PRAKTIJK)
def pip_niveau_duo(leerroute: Leerroute, niveau: Taalniveau | None) -> Uitkomst[Taalniveau | None]:
    """The level DUO registers: without a level, B1 for B1-route and onderwijsroute. [praktijk]"""
    if niveau is None and leerroute is not Leerroute.Z:
        return Uitkomst(
            Taalniveau.B1,
            (),
            "Zonder opgegeven niveau legt DUO niveau B1 vast.",
            bron=Bron.PRAKTIJK,
            regel="pip_niveau_duo",
        )
    return Uitkomst(
        niveau,
        (),
        f"DUO legt niveau {niveau} vast." if niveau else "Er wordt geen niveau vastgelegd.",
        bron=Bron.PRAKTIJK,
        regel="pip_niveau_duo",
    )


@regel(bron=Bron.PRAKTIJK)
def valideer_pip(bericht: PipBericht, context: PipContext) -> Validatie:
    """All DUO rules for delivering a PIP (dagtekening, niveau, intensiteit). [praktijk]"""
    fouten: list[Overtreding] = []
    d = bericht.dagtekening

    def fout(code: str, veld: str, melding: str) -> None:
        fouten.append(Overtreding(code, veld, melding))

    if d < context.start_plicht:
        fout(
            "PIP_VOOR_START_PLICHT",
            "dagtekening",
            "De dagtekening ligt voor de start van de inburgeringsplicht "
            f"({datum_nl(context.start_plicht)}).",
        )
    if context.dagtekening_initiele_pip is not None and d < context.dagtekening_initiele_pip:
        fout(
            "PIP_VOOR_INITIELE_PIP",
            "dagtekening",
            "De dagtekening ligt voor die van het initiële PIP "
            f"({datum_nl(context.dagtekening_initiele_pip)}).",
        )
    if context.dagtekening_actuele_pip is not None and d < context.dagtekening_actuele_pip:
        fout(
            "PIP_VOOR_ACTUELE_PIP",
            "dagtekening",
            "De dagtekening ligt voor die van het actuele PIP "
            f"({datum_nl(context.dagtekening_actuele_pip)}).",
        )
    if d < context.vestiging_gemeente:
        fout(
            "PIP_VOOR_VESTIGING",
            "dagtekening",
            "De dagtekening ligt voor de vestiging in de gemeente "
            f"({datum_nl(context.vestiging_gemeente)}).",
        )
    if bericht.niveau is Taalniveau.A1:
        fout("PIP_NIVEAU_ONGELDIG", "niveau", "Het niveau in het PIP is A2 of B1.")
    if bericht.niveau is Taalniveau.A2 and bericht.leerroute is Leerroute.ONDERWIJS:
        fout("PIP_A2_ONDERWIJSROUTE", "niveau", "Niveau A2 kan niet bij de onderwijsroute.")
    if bericht.niveau is Taalniveau.B1 and bericht.leerroute is Leerroute.Z:
        fout("PIP_B1_ZROUTE", "niveau", "Niveau B1 kan niet bij de Z-route.")
    eerste_pip = (
        context.dagtekening_initiele_pip is None and context.dagtekening_actuele_pip is None
    )
    # DUO (README, PIP "Niveau"): "Niveau A2 mag niet in combinatie met de B1-route worden
    # aangeleverd als dit de eerste PIP is die wordt aangeleverd voor de persoon ongeacht
    # welke gemeente."
    if bericht.niveau is Taalniveau.A2 and bericht.leerroute is Leerroute.B1 and eerste_pip:
        fout(
            "PIP_A2_B1ROUTE_EERSTE_PIP",
            "niveau",
            "Niveau A2 bij de B1-route kan niet in het eerste PIP van de inburgeringsplichtige.",
        )
    if bericht.geschatte_intensiteit_b1 is not None:
        if bericht.leerroute is not Leerroute.B1:
            fout(
                "PIP_INTENSITEIT_ALLEEN_B1ROUTE",
                "geschatte_intensiteit_b1",
                "Een geschatte intensiteit mag alleen bij de B1-route worden opgegeven.",
            )
        if context.doelgroep is not Doelgroep.ASIELSTATUSHOUDER:
            fout(
                "PIP_INTENSITEIT_ALLEEN_ASIEL",
                "geschatte_intensiteit_b1",
                "Een geschatte intensiteit mag alleen voor asielstatushouders worden opgegeven.",
            )
        if not INTENSITEIT_MIN <= bericht.geschatte_intensiteit_b1 <= INTENSITEIT_MAX:
            fout(
                "PIP_INTENSITEIT_BEREIK",
                "geschatte_intensiteit_b1",
                "De geschatte intensiteit ligt tussen 1 en 9999 uur.",
            )
    return _validatie("valideer_pip", "dit PIP", fouten)


@regel(bron=Bron.PRAKTIJK)
def valideer_pip_verwijderen(
    *, termijn_vastgesteld: bool, cursusuren_geregistreerd: bool
) -> Validatie:
    """A PIP can be deleted only before the termijn is set and course hours exist. [praktijk]"""
    fouten: list[Overtreding] = []
    if termijn_vastgesteld:
        fouten.append(
            Overtreding(
                "PIP_VERWIJDEREN_TERMIJN",
                "pip",
                "Het PIP kan niet meer worden verwijderd: de inburgeringstermijn is vastgesteld.",
            )
        )
    if cursusuren_geregistreerd:
        fouten.append(
            Overtreding(
                "PIP_VERWIJDEREN_UREN",
                "pip",
                "Het PIP kan niet meer worden verwijderd: er zijn al cursusuren geregistreerd.",
            )
        )
    return _validatie("valideer_pip_verwijderen", "het verwijderen van dit PIP", fouten)


# --- MAP and PVT -------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultaatBericht:
    """Date of the MAP eindgesprek or PVT signing (None: withdraw) and 'verwijtbaar' (Ja=True)."""

    datum: date | None
    verwijtbaar: bool | None = None


@dataclass(frozen=True)
class ResultaatContext:
    """What DUO knows at ``peildatum`` (the day the message is sent)."""

    peildatum: date
    termijn_start: date
    termijn_einde: date
    gemeente_heeft_actuele_pip: bool = True
    wijziging: bool = False
    eerder_door_gemeente_geleverd: bool = False
    plicht_voldaan_via_zroute: bool = False
    datum_afronding_zroute: date | None = None


def _valideer_resultaat(
    prefix: str, naam: str, bericht: ResultaatBericht, ctx: ResultaatContext
) -> list[Overtreding]:
    fouten: list[Overtreding] = []

    def fout(code: str, veld: str, melding: str) -> None:
        fouten.append(Overtreding(f"{prefix}_{code}", veld, melding))

    d = bericht.datum
    if ctx.wijziging and not ctx.eerder_door_gemeente_geleverd:
        fout(
            "WIJZIGING_ZONDER_EERDERE",
            "datum",
            f"Een wijziging kan alleen als uw gemeente de {naam} eerder heeft geleverd.",
        )
    if not ctx.gemeente_heeft_actuele_pip:
        fout(
            "GEEN_ACTUELE_PIP",
            "pip",
            "Uw gemeente heeft geen actueel PIP voor deze inburgeringsplichtige.",
        )
    # DUO (README, MAP/PVT): "De inburgeringsplicht moet nog niet voldaan zijn via de Z-route"
    # and "De datum ... mag niet na de datum afronding Z-route liggen": up to and including the
    # completion day the date belongs to the route; only a later one is refused.
    binnen_zroute = (
        d is not None and ctx.datum_afronding_zroute is not None and d <= ctx.datum_afronding_zroute
    )
    if ctx.plicht_voldaan_via_zroute and not binnen_zroute:
        fout("ZROUTE_VOLDAAN", "datum", "De inburgeringsplicht is al voldaan via de Z-route.")
    if d is not None:
        if d < ctx.termijn_start:
            fout(
                "VOOR_TERMIJN",
                "datum",
                f"De {naam} ligt voor de start van de inburgeringstermijn "
                f"({datum_nl(ctx.termijn_start)}).",
            )
        if ctx.datum_afronding_zroute is not None and d > ctx.datum_afronding_zroute:
            fout(
                "NA_ZROUTE",
                "datum",
                f"De {naam} ligt na de afronding van de Z-route "
                f"({datum_nl(ctx.datum_afronding_zroute)}).",
            )
        if d > ctx.peildatum:
            fout("IN_TOEKOMST", "datum", f"De {naam} ligt in de toekomst.")
    elif ctx.datum_afronding_zroute is not None:
        fout(
            "INTREKKEN_NA_ZROUTE",
            "datum",
            f"De {naam} kan niet worden ingetrokken: de afronding van de Z-route is geregistreerd.",
        )
    overschreden = (d if d is not None else ctx.peildatum) > ctx.termijn_einde
    if bericht.verwijtbaar is None and overschreden:
        fout(
            "VERWIJTBAAR_ONTBREEKT",
            "verwijtbaar",
            "De inburgeringstermijn is overschreden: geef aan of dat verwijtbaar is.",
        )
    if bericht.verwijtbaar is not None and d is not None and d < ctx.termijn_einde:
        fout(
            "VERWIJTBAAR_NIET_TOEGESTAAN",
            "verwijtbaar",
            f"De {naam} ligt voor het einde van de termijn: laat 'verwijtbaar' leeg.",
        )
    if bericht.verwijtbaar is False and ctx.termijn_einde > plus_maanden(ctx.peildatum, 2):
        fout(
            "NEE_NIET_TOEGESTAAN",
            "verwijtbaar",
            "'Verwijtbaar: Nee' kan alleen als de termijn binnen twee maanden eindigt.",
        )
    if bericht.verwijtbaar is True and not overschreden:
        fout(
            "JA_NIET_TOEGESTAAN",
            "verwijtbaar",
            "'Verwijtbaar: Ja' kan alleen als de inburgeringstermijn is overschreden.",
        )
    return fouten


@regel(bron=Bron.PRAKTIJK)
def valideer_map(bericht: ResultaatBericht, context: ResultaatContext) -> Validatie:
    """All DUO rules for the date of the MAP eindgesprek and 'verwijtbaar'. [praktijk]"""
    fouten = _valideer_resultaat("MAP", "datum eindgesprek MAP", bericht, context)
    return _validatie("valideer_map", "de datum eindgesprek MAP", fouten)


@regel(bron=Bron.PRAKTIJK)
def valideer_pvt(bericht: ResultaatBericht, context: ResultaatContext) -> Validatie:
    """All DUO rules for the date of signing the PVT and 'verwijtbaar'. [praktijk]"""
    fouten = _valideer_resultaat("PVT", "datum ondertekening PVT", bericht, context)
    return _validatie("valideer_pvt", "de datum ondertekening PVT", fouten)


@dataclass(frozen=True)
class ZrouteBericht:
    """The date the person completes the Z-route (MAP-PVT-Zroute API, ``datumAfrondingZroute``)."""

    datum: date | None


@dataclass(frozen=True)
class ZrouteContext:
    """What DUO knows at ``peildatum``: whether this gemeente holds the current PIP."""

    peildatum: date
    gemeente_heeft_actuele_pip: bool


@regel(bron=Bron.PRAKTIJK)
def valideer_zroute(bericht: ZrouteBericht, context: ZrouteContext) -> Validatie:
    """DUO's rules for the date of completing the Z-route. [praktijk]

    DUO's README names no rules for this resource; as for MAP and PVT, only the gemeente of
    the current PIP may deliver it, and the date may not lie in the future.
    """
    fouten: list[Overtreding] = []
    if not context.gemeente_heeft_actuele_pip:
        fouten.append(
            Overtreding(
                "ZROUTE_GEEN_ACTUELE_PIP",
                "pip",
                "Uw gemeente heeft geen actueel PIP voor deze inburgeringsplichtige.",
            )
        )
    if bericht.datum is not None and bericht.datum > context.peildatum:
        fouten.append(
            Overtreding(
                "ZROUTE_IN_TOEKOMST", "datum", "De datum afronding Z-route ligt in de toekomst."
            )
        )
    return _validatie("valideer_zroute", "de datum afronding Z-route", fouten)


@regel(bron=Bron.PRAKTIJK)
def valideer_participatie_uren(*, doelgroep: Doelgroep, uren: int) -> Validatie:
    """DUO's rules for the total of participation activities of the Z-route (GevolgdeUren
    API, ``participatieactiviteiten``). [praktijk]

    The contract describes the total as hours "ten behoeve van de Z-Route van de
    Asielstatushouder" (brede-intake activities included, Besluit 3.14 lid 6), a whole number
    from 0 to 9999.
    """
    fouten: list[Overtreding] = []
    if doelgroep is not Doelgroep.ASIELSTATUSHOUDER:
        fouten.append(
            Overtreding(
                "UREN_PARTICIPATIE_NIET_ASIEL",
                "doelgroep",
                "Uren participatieactiviteiten voor de Z-route zijn alleen voor "
                "asielstatushouders.",
            )
        )
    if not 0 <= uren <= 9999:
        fouten.append(
            Overtreding(
                "UREN_PARTICIPATIE_BEREIK", "uren", "Het aantal uren ligt niet tussen 0 en 9999."
            )
        )
    return _validatie("valideer_participatie_uren", "de uren participatieactiviteiten", fouten)


# --- Inburgeringsaanbod --------------------------------------------------------------------


@dataclass(frozen=True)
class AanbodBericht:
    """An inburgeringsaanbod at one institution, as DUO knows the institution."""

    instelling_bow_keurmerk: bool
    instelling_erkende_taalschakel: bool
    datum_inburgeringsaanbod: date | None = None
    startdatum_opleiding: date | None = None
    einddatum_opleiding: date | None = None


@dataclass(frozen=True)
class AanbodContext:
    """The person's situation; ``dagtekening_actuele_pip`` None means there is no PIP."""

    doelgroep: Doelgroep
    leerroute: Leerroute | None
    dagtekening_actuele_pip: date | None
    termijn_start: date | None = None
    termijn_einde: date | None = None


@regel(G_AANBOD, G_KEURMERK, bron=Bron.PRAKTIJK)
def valideer_aanbod(bericht: AanbodBericht, context: AanbodContext) -> Validatie:
    """All DUO rules for delivering an inburgeringsaanbod. [praktijk] (duty: Wi art. 16 [wet])"""
    fouten: list[Overtreding] = []

    def fout(code: str, veld: str, melding: str) -> None:
        fouten.append(Overtreding(code, veld, melding))

    if context.doelgroep is not Doelgroep.ASIELSTATUSHOUDER:
        fout(
            "AANBOD_NIET_ASIEL",
            "doelgroep",
            "Een inburgeringsaanbod is alleen voor asielstatushouders.",
        )
    if context.dagtekening_actuele_pip is None:
        fout("AANBOD_GEEN_PIP", "pip", "De inburgeringsplichtige heeft nog geen PIP.")
    # DUO (README, Inburgeringsaanbod): "De Opleidingsinstelling moet bekend zijn bij DUO als
    # een door Blik op Werk (BoW) gekeurmerkte instelling of een erkende Taalschakelinstelling
    # (TST) als de persoon de onderwijsroute volgt": BoW always; TST only for the onderwijsroute.
    onderwijsroute = context.leerroute is Leerroute.ONDERWIJS
    if not (
        bericht.instelling_bow_keurmerk
        or (onderwijsroute and bericht.instelling_erkende_taalschakel)
    ):
        if onderwijsroute:
            fout(
                "AANBOD_INSTELLING_TST",
                "instelling",
                "Bij de onderwijsroute moet de instelling een keurmerk van Blik op Werk hebben "
                "of een erkende taalschakelinstelling zijn.",
            )
        else:
            fout(
                "AANBOD_INSTELLING_BOW",
                "instelling",
                "De instelling heeft geen keurmerk van Blik op Werk.",
            )
    data = {
        "datum_inburgeringsaanbod": bericht.datum_inburgeringsaanbod,
        "startdatum_opleiding": bericht.startdatum_opleiding,
        "einddatum_opleiding": bericht.einddatum_opleiding,
    }
    if context.dagtekening_actuele_pip is not None:
        for veld, waarde in data.items():
            if waarde is not None and waarde < context.dagtekening_actuele_pip:
                fout(
                    "AANBOD_VOOR_PIP",
                    veld,
                    f"De {veld.replace('_', ' ')} ligt voor de dagtekening van het actuele PIP.",
                )
    start, einde = bericht.startdatum_opleiding, bericht.einddatum_opleiding
    if (
        start is not None
        and bericht.datum_inburgeringsaanbod is not None
        and start < bericht.datum_inburgeringsaanbod
    ):
        fout(
            "AANBOD_START_VOOR_AANBOD",
            "startdatum_opleiding",
            "De startdatum ligt voor de datum van het inburgeringsaanbod.",
        )
    if start is not None and einde is not None and einde < start:
        fout(
            "AANBOD_EINDE_VOOR_START",
            "einddatum_opleiding",
            "De einddatum ligt voor de startdatum.",
        )
    for veld, waarde in (("startdatum_opleiding", start), ("einddatum_opleiding", einde)):
        if waarde is None:
            continue
        if (context.termijn_start is not None and waarde < context.termijn_start) or (
            context.termijn_einde is not None and waarde > context.termijn_einde
        ):
            fout(
                "AANBOD_BUITEN_TERMIJN",
                veld,
                f"De {veld.replace('_', ' ')} ligt buiten de inburgeringstermijn.",
            )
    return _validatie("valideer_aanbod", "dit inburgeringsaanbod", fouten, (G_AANBOD, G_KEURMERK))

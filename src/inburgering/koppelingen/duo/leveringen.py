"""Deliveries to DUO (Melding-Bevestiging): checked against DUO's rules first, then sent
through the outbox.

Each `lever_*` function asks DUO what it knows (PIP, termijn, ...), runs the matching validator
of the rules package (`wet.valideer_pip`, `valideer_aanbod`, `valideer_map`, `valideer_pvt`) and
either stores the delivery as `tegengehouden` with every reason, or queues it (status `nieuw`)
in the caller's transaction. The worker sends it (`verstuur_levering`); DUO's answer is kept on
the row and shown in the dossier's DUO section.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from inburgering import wet
from inburgering.dossiers.models import Doelgroep, Dossier

from ..models import Status, UitgaandBericht
from . import schemas
from .client import DuoClient, DuoFout, client_voor, foutteksten

S = UitgaandBericht.Soort
LEERROUTE_NAAR_DUO = {"b1": "B", "onderwijs": "O", "z": "Z"}
PADEN = {
    S.PIP: ("POST", "/personen/{bsn}/PIP", schemas.PIP),
    S.AANBOD: ("POST", "/personen/{bsn}/Inburgeringsaanbod/{instelling}", schemas.AANBOD),
    S.MAP: ("PUT", "/personen/{bsn}/map", schemas.MAP),
    S.PVT: ("PUT", "/personen/{bsn}/pvt", schemas.PVT),
    S.ZROUTE: ("PUT", "/personen/{bsn}/zroute", schemas.ZROUTE),
    S.UREN_TAALLES_KNM: ("PUT", "/personen/{bsn}/uren/bredeintake/taallesknm", None),
    S.UREN_PARTICIPATIE: ("PUT", "/personen/{bsn}/uren/participatieactiviteiten", None),
    S.UREN_PARTICIPATIE_TAALLES: ("PUT", "/personen/{bsn}/uren/participatietaalles", None),
}
UREN_SCHEMA = {
    "type": "object",
    "required": ["uren"],
    "properties": {"uren": {"type": "integer", "minimum": 0, "maximum": 9999}},
}


def _d(waarde: str | None) -> dt.date | None:
    return dt.date.fromisoformat(waarde) if waarde else None


def _wet_doelgroep(dossier: Dossier) -> wet.Doelgroep:
    return (
        wet.Doelgroep.ASIELSTATUSHOUDER
        if dossier.doelgroep == Doelgroep.ASIELSTATUSHOUDER
        else wet.Doelgroep.GEZINSMIGRANT_OVERIG
    )


def _maak(
    dossier: Dossier, soort: str, inhoud: dict, validatie: wet.Validatie | None, actor, **pad
) -> UitgaandBericht:
    methode, sjabloon, schema = PADEN[soort]
    bevindingen = [] if validatie is None else [
        {"code": o.code, "veld": o.veld, "melding": o.melding} for o in validatie.overtredingen
    ]  # fmt: skip
    for fout in schemas.fouten(schema or UREN_SCHEMA, inhoud):
        bevindingen.append({"code": "SCHEMA", "veld": fout.split(":")[0], "melding": fout})
    with transaction.atomic():
        return UitgaandBericht.objects.create(
            soort=soort, dossier=dossier, gemeente=dossier.gemeente, methode=methode,
            pad=sjabloon.replace("{instelling}", pad.get("instelling", "")), inhoud=inhoud,
            actor=actor, bevindingen=bevindingen,
            status=Status.TEGENGEHOUDEN if bevindingen else Status.NIEUW,
        )  # fmt: skip


def _client(dossier: Dossier, client: DuoClient | None) -> DuoClient:
    return client or client_voor(dossier.gemeente)


def lever_pip(
    dossier: Dossier, *, dagtekening: dt.date, leerroute: str, niveau: str | None = None,
    intensiteit: int | None = None, actor=None, client: DuoClient | None = None,
) -> UitgaandBericht:  # fmt: skip
    c = _client(dossier, client)
    bsn = dossier.inburgeraar.bsn
    plicht = c.inburgeringsplicht(bsn) or {}
    duo_pip = ((c.pip(bsn) or {}).get("pip")) or {}
    actueel = _d(duo_pip.get("dagtekeningPip"))
    eerste = min(filter(None, [actueel, dossier.pip_dagtekening]), default=None)
    code = LEERROUTE_NAAR_DUO[leerroute]
    validatie = wet.valideer_pip(
        wet.PipBericht(dagtekening, wet.Leerroute(code),
                       wet.Taalniveau(niveau) if niveau else None, intensiteit),
        wet.PipContext(
            doelgroep=_wet_doelgroep(dossier),
            start_plicht=_d(plicht.get("begindatum")) or dossier.kennisgeving_datum or dagtekening,
            vestiging_gemeente=dossier.brp_inschrijving_datum or dossier.kennisgeving_datum
            or dagtekening,
            dagtekening_initiele_pip=eerste,
            dagtekening_actuele_pip=actueel,
        ),
    )  # fmt: skip
    inhoud = {"dagtekeningPip": dagtekening.isoformat(), "leerroute": code}
    if niveau:
        inhoud["niveau"] = niveau
    if intensiteit is not None:
        inhoud["geschatteIntensiteitB1Route"] = intensiteit
    return _maak(dossier, S.PIP, inhoud, validatie, actor)


def lever_aanbod(
    dossier: Dossier, *, instellingsnummer: str, datum_aanbod: dt.date | None,
    start: dt.date | None, einde: dt.date | None, alfabetisering: str = "NVT",
    actor=None, client: DuoClient | None = None,
) -> UitgaandBericht:  # fmt: skip
    c = _client(dossier, client)
    bsn = dossier.inburgeraar.bsn
    instelling = next(
        (i for i in c.instellingen() if i["instellingsnummer"] == instellingsnummer), {}
    )
    pip = (c.pip(bsn) or {}).get("pip")
    termijn = c.inburgeringstermijn(bsn) or {}
    validatie = wet.valideer_aanbod(
        wet.AanbodBericht(
            instelling_bow_keurmerk=bool(instelling.get("indicatieBowKeurmerk")),
            instelling_erkende_taalschakel=bool(instelling.get("indicatieTstKeurmerk")),
            datum_inburgeringsaanbod=datum_aanbod, startdatum_opleiding=start,
            einddatum_opleiding=einde,
        ),
        wet.AanbodContext(
            doelgroep=_wet_doelgroep(dossier),
            leerroute=wet.Leerroute(pip["leerroute"]) if pip else None,
            dagtekening_actuele_pip=_d(pip["dagtekeningPip"]) if pip else None,
            termijn_start=_d(termijn.get("startdatum")), termijn_einde=_d(termijn.get("einddatum")),
        ),
    )  # fmt: skip
    inhoud = {"indicatorAlfabetiseringsonderwijs": alfabetisering}
    for veld, waarde in (("datumInburgeringsaanbod", datum_aanbod),
                         ("verwachteStartdatumOpleiding", start),
                         ("verwachteEinddatumOpleiding", einde)):  # fmt: skip
        if waarde:
            inhoud[veld] = waarde.isoformat()
    return _maak(dossier, S.AANBOD, inhoud, validatie, actor, instelling=instellingsnummer)


def _lever_resultaat(dossier, soort, veld, datum, verwijtbaar, actor, client) -> UitgaandBericht:
    c = _client(dossier, client)
    bsn = dossier.inburgeraar.bsn
    termijn = c.inburgeringstermijn(bsn)
    inhoud = {}
    if datum:
        inhoud[veld] = datum.isoformat()
    if verwijtbaar is not None:
        inhoud["verwijtbaar"] = "Ja" if verwijtbaar else "Nee"
    if termijn is None:
        validatie = wet.Validatie(
            (wet.Overtreding("GEEN_TERMIJN", "termijn",
                             "DUO heeft nog geen inburgeringstermijn vastgesteld."),),
            "DUO zal dit weigeren.",
        )  # fmt: skip
        return _maak(dossier, soort, inhoud, validatie, actor)
    pip = c.pip(bsn) or {}
    bekend = c.map(bsn) if soort == S.MAP else c.pvt(bsn)
    eerder_zelf = UitgaandBericht.objects.filter(
        dossier__inburgeraar=dossier.inburgeraar, gemeente=dossier.gemeente, soort=soort,
        status=Status.VERWERKT,
    ).exists()  # fmt: skip
    zroute = (
        UitgaandBericht.objects.filter(
            dossier__inburgeraar=dossier.inburgeraar, soort=S.ZROUTE, status=Status.VERWERKT
        )
        .order_by("-verwerkt_op")
        .values_list("inhoud", flat=True)
        .first()
        or {}
    ).get("datumAfrondingZroute")
    context = wet.ResultaatContext(
        peildatum=timezone.localdate(),
        termijn_start=_d(termijn["startdatum"]), termijn_einde=_d(termijn["einddatum"]),
        gemeente_heeft_actuele_pip=pip.get("gemeentecode") == dossier.gemeente.cbs_code,
        wijziging=bekend is not None, eerder_door_gemeente_geleverd=eerder_zelf,
        plicht_voldaan_via_zroute=zroute is not None, datum_afronding_zroute=_d(zroute),
    )  # fmt: skip
    bericht = wet.ResultaatBericht(datum, verwijtbaar)
    validatie = (wet.valideer_map if soort == S.MAP else wet.valideer_pvt)(bericht, context)
    return _maak(dossier, soort, inhoud, validatie, actor)


def lever_map(dossier, *, datum, verwijtbaar=None, actor=None, client=None) -> UitgaandBericht:
    return _lever_resultaat(dossier, S.MAP, "datumEindgesprekMap", datum, verwijtbaar, actor,
                            client)  # fmt: skip


def lever_pvt(dossier, *, datum, verwijtbaar=None, actor=None, client=None) -> UitgaandBericht:
    return _lever_resultaat(dossier, S.PVT, "datumOndertekeningPvt", datum, verwijtbaar, actor,
                            client)  # fmt: skip


def lever_zroute(dossier, *, datum: dt.date, actor=None) -> UitgaandBericht:
    """No DUO rule for the Z-route date is in the rules package; the schema and 'not in the
    future' are checked here, the rest by DUO."""
    validatie = None
    if datum > timezone.localdate():
        validatie = wet.Validatie(
            (wet.Overtreding("ZROUTE_IN_TOEKOMST", "datum",
                             "De datum afronding Z-route ligt in de toekomst."),), ""
        )  # fmt: skip
    return _maak(dossier, S.ZROUTE, {"datumAfrondingZroute": datum.isoformat()}, validatie, actor)


def lever_uren(dossier, *, soort: str, uren: int, actor=None) -> UitgaandBericht:
    if soort not in (S.UREN_TAALLES_KNM, S.UREN_PARTICIPATIE, S.UREN_PARTICIPATIE_TAALLES):
        raise ValueError(soort)
    return _maak(dossier, soort, {"uren": uren}, None, actor)


def verstuur_levering(bericht: UitgaandBericht, client: DuoClient | None = None) -> None:
    """Send one queued delivery (called by the worker inside its transaction). A temporary
    failure raises (the worker retries); DUO's rejection is final and stored."""
    c = client or client_voor(bericht.gemeente)
    pad = bericht.pad.replace("{bsn}", bericht.dossier.inburgeraar.bsn)
    antwoord = c.verzoek(bericht.methode, pad, bericht.inhoud, bericht_id=bericht.bericht_id)
    if antwoord.status >= 500 or antwoord.status == 429:
        raise DuoFout(antwoord.status, foutteksten(antwoord))
    bericht.pogingen += 1
    bericht.antwoord_status = antwoord.status
    bericht.antwoord = {"fouten": foutteksten(antwoord)} if antwoord.status >= 400 else (
        antwoord.json() if antwoord.body else {}
    )  # fmt: skip
    bericht.status = Status.VERWERKT if antwoord.status < 300 else Status.GEWEIGERD
    bericht.verwerkt_op = timezone.now()
    bericht.laatste_fout = "; ".join(bericht.antwoord.get("fouten", []))[:2000]
    bericht.save()

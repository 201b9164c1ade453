"""Deliveries to DUO (Melding-Bevestiging): outbox first, DUO's rules checked at send time.

Each `lever_*` function only writes the outbox row, in the caller's transaction (the decision),
without calling DUO: the row exists whatever state DUO is in. Only what needs no DUO context is
checked then (the contract's schema, a Z-route date in the future): such a delivery is stored
`tegengehouden` at once. The worker (`verstuur_levering`) asks DUO what it knows (PIP, termijn,
...), runs the rules package's validator (`wet.valideer_pip`, `valideer_aanbod`, `valideer_map`,
`valideer_pvt`, `valideer_zroute`) and either holds the delivery back (`tegengehouden`, with
every reason; the beheerder can have it checked again after the dossier is corrected:
`opnieuw_controleren`) or sends it. DUO unreachable while looking up the context is a
temporary failure like any other.

Order per resource: deliveries of one dossier to one DUO resource (`soort` + `pad`; the
aanbod's institution is part of its path) replace each other. A new delivery marks every older
one that has not reached DUO `vervangen` (never sent); the worker sends a delivery only when no
newer one exists and no older one is still pending, so an older version never overwrites a
newer one at DUO. DUO's answer is kept on the row and shown in the dossier's DUO section.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import connection, transaction
from django.utils import timezone

from inburgering import wet
from inburgering.dossiers.deadlines import vestiging_bij_gemeente
from inburgering.dossiers.models import Doelgroep, Dossier
from inburgering.dossiers.toestand import bereken_toestand

from ..models import ONVERZONDEN, TE_DOEN, Status, UitgaandBericht
from . import schemas
from .client import (
    Antwoord,
    DuoClient,
    DuoFout,
    DuoOnbereikbaar,
    client_voor,
    foutteksten,
    is_authenticatiefout,
    reden_weigering,
)

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
    # The consulent's DUO id is known only when sending (contactpersoon.py); the row names them.
    S.CONTACTPERSOON: (
        "POST",
        "/contactpersonen/{contactpersoon}/personen/{bsn}",
        {
            "type": "object",
            "required": ["gebruiker"],
            "properties": {"gebruiker": {"type": "integer"}},
        },
    ),
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


def _bevindingen(validatie: wet.Validatie | None) -> list[dict]:
    if validatie is None:
        return []
    return [{"code": o.code, "veld": o.veld, "melding": o.melding} for o in validatie.overtredingen]


def _maak(
    dossier: Dossier, soort: str, inhoud: dict, validatie: wet.Validatie | None, actor,
    verwijderen: bool = False, **pad,
) -> UitgaandBericht:  # fmt: skip
    """Write the outbox row (in the caller's transaction) and supersede older unsent rows of the
    same resource. Only local checks here; DUO's rules follow at send time. `verwijderen`: a
    DELETE of the same resource (no body), ordered with its other deliveries."""
    methode, sjabloon, schema = PADEN[soort]
    bevindingen = _bevindingen(validatie)
    if verwijderen:
        methode = "DELETE"
    else:
        for fout in schemas.fouten(schema or UREN_SCHEMA, inhoud):
            bevindingen.append({"code": "SCHEMA", "veld": fout.split(":")[0], "melding": fout})
    pad = sjabloon.replace("{instelling}", pad.get("instelling", ""))
    with transaction.atomic():
        _vervang_ouder(dossier.pk, soort, pad)
        return UitgaandBericht.objects.create(
            soort=soort, dossier=dossier, gemeente=dossier.gemeente, methode=methode, pad=pad,
            inhoud=inhoud, actor=actor, bevindingen=bevindingen,
            status=Status.TEGENGEHOUDEN if bevindingen else Status.NIEUW,
            laatste_fout=_tekst_tegengehouden(bevindingen),
        )  # fmt: skip


def _tekst_tegengehouden(bevindingen: list[dict]) -> str:
    return "; ".join(b["melding"] for b in bevindingen)[:2000]


def _zelfde_resource(dossier_id: int, soort: str, pad: str):
    return UitgaandBericht.objects.filter(dossier_id=dossier_id, soort=soort, pad=pad)


def _vervang_ouder(dossier_id: int, soort: str, pad: str, voor: int | None = None) -> bool:
    """Mark older unsent deliveries of the resource `vervangen`. A row a worker is sending right
    now is locked and left alone (it reaches DUO before the newer one). False when such a row
    is still pending, so the caller knows an older one may yet be sent."""
    ouder = _zelfde_resource(dossier_id, soort, pad).filter(status__in=ONVERZONDEN)
    if voor is not None:
        ouder = ouder.filter(pk__lt=voor)
    if connection.features.has_select_for_update_skip_locked:
        vrij = list(ouder.select_for_update(skip_locked=True).values_list("pk", flat=True))
        bezig = ouder.exclude(pk__in=vrij).exists()
    else:
        vrij, bezig = list(ouder.values_list("pk", flat=True)), False
    UitgaandBericht.objects.filter(pk__in=vrij).update(
        status=Status.VERVANGEN, laatste_fout="Vervangen door een nieuwere levering."
    )
    return not bezig


def lever_pip(
    dossier: Dossier, *, dagtekening: dt.date, leerroute: str, niveau: str | None = None,
    intensiteit: int | None = None, actor=None,
) -> UitgaandBericht:  # fmt: skip
    inhoud = {"dagtekeningPip": dagtekening.isoformat(), "leerroute": LEERROUTE_NAAR_DUO[leerroute]}
    if niveau:
        inhoud["niveau"] = niveau
    if intensiteit is not None:
        inhoud["geschatteIntensiteitB1Route"] = intensiteit
    return _maak(dossier, S.PIP, inhoud, None, actor)


def lever_aanbod(
    dossier: Dossier, *, instellingsnummer: str, datum_aanbod: dt.date | None,
    start: dt.date | None, einde: dt.date | None, alfabetisering: str = "NVT", actor=None,
) -> UitgaandBericht:  # fmt: skip
    inhoud = {"indicatorAlfabetiseringsonderwijs": alfabetisering}
    for veld, waarde in (("datumInburgeringsaanbod", datum_aanbod),
                         ("verwachteStartdatumOpleiding", start),
                         ("verwachteEinddatumOpleiding", einde)):  # fmt: skip
        if waarde:
            inhoud[veld] = waarde.isoformat()
    return _maak(dossier, S.AANBOD, inhoud, None, actor, instelling=instellingsnummer)


def trek_aanbod_in(dossier: Dossier, *, instellingsnummer: str, actor=None) -> UitgaandBericht:
    """Withdraw the aanbod at one institution (DUO's DELETE on the same resource, Inburgerings-
    aanbod API): it supersedes an aanbod for that institution that has not been sent yet."""
    return _maak(dossier, S.AANBOD, {}, None, actor, verwijderen=True,
                 instelling=instellingsnummer)  # fmt: skip


def _lever_resultaat(dossier, soort, veld, datum, verwijtbaar, actor) -> UitgaandBericht:
    inhoud = {}
    if datum:
        inhoud[veld] = datum.isoformat()
    if verwijtbaar is not None:
        inhoud["verwijtbaar"] = "Ja" if verwijtbaar else "Nee"
    return _maak(dossier, soort, inhoud, None, actor)


def lever_map(dossier, *, datum, verwijtbaar=None, actor=None) -> UitgaandBericht:
    return _lever_resultaat(dossier, S.MAP, "datumEindgesprekMap", datum, verwijtbaar, actor)


def lever_pvt(dossier, *, datum, verwijtbaar=None, actor=None) -> UitgaandBericht:
    return _lever_resultaat(dossier, S.PVT, "datumOndertekeningPvt", datum, verwijtbaar, actor)


def lever_zroute(dossier, *, datum: dt.date, actor=None) -> UitgaandBericht:
    """The Z-route completion date. The date not lying in the future is checked now with the
    rules package (`wet.valideer_zroute`), DUO's PIP at send time (`_controleer_zroute`)."""
    lokaal = wet.valideer_zroute(
        wet.ZrouteBericht(datum), wet.ZrouteContext(timezone.localdate(), True)
    )
    return _maak(
        dossier, S.ZROUTE, {"datumAfrondingZroute": datum.isoformat()},
        lokaal if lokaal.overtredingen else None, actor,
    )  # fmt: skip


def lever(dossier: Dossier, soort: str, inhoud: dict, actor=None) -> UitgaandBericht:
    """The outbox row of a delivery whose checks all run at send time (`BEVINDINGEN`)."""
    return _maak(dossier, soort, inhoud, None, actor)


def lever_uren(dossier, *, soort: str, uren: int, actor=None) -> UitgaandBericht:
    """A total of hours (GevolgdeUren API). The Z-route's participation activities are
    checked with the rules package first (`wet.valideer_participatie_uren`)."""
    if soort not in (S.UREN_TAALLES_KNM, S.UREN_PARTICIPATIE, S.UREN_PARTICIPATIE_TAALLES):
        raise ValueError(soort)
    validatie = None
    if soort == S.UREN_PARTICIPATIE:
        validatie = wet.valideer_participatie_uren(doelgroep=_wet_doelgroep(dossier), uren=uren)
    return _maak(dossier, soort, {"uren": uren}, validatie, actor)


# --- DUO's rules, with DUO's context, at send time --------------------------------------------


def _controleer_pip(bericht: UitgaandBericht, c: DuoClient, bsn: str) -> wet.Validatie:
    dossier, inhoud = bericht.dossier, bericht.inhoud
    dagtekening = dt.date.fromisoformat(inhoud["dagtekeningPip"])
    plicht = c.inburgeringsplicht(bsn) or {}
    actueel = _d((((c.pip(bsn) or {}).get("pip")) or {}).get("dagtekeningPip"))
    # The initial PIP: DUO's current one or one we delivered before; never this delivery itself
    # (the dossier's own pip_dagtekening is already this PIP's date at this point).
    eerder = [
        _d(i.get("dagtekeningPip"))
        for i in UitgaandBericht.objects.filter(
            soort=S.PIP, status=Status.VERWERKT, dossier__inburgeraar__bsn=bsn
        ).exclude(pk=bericht.pk).values_list("inhoud", flat=True)
    ]  # fmt: skip
    eerste = min(filter(None, [actueel, *eerder]), default=None)
    niveau = inhoud.get("niveau")
    # DUO checks the first registration in the gemeente, not the current address (issue 20).
    toestand = bereken_toestand(dossier.events.all())
    return wet.valideer_pip(
        wet.PipBericht(dagtekening, wet.Leerroute(inhoud["leerroute"]),
                       wet.Taalniveau(niveau) if niveau else None,
                       inhoud.get("geschatteIntensiteitB1Route")),
        wet.PipContext(
            doelgroep=_wet_doelgroep(dossier),
            start_plicht=_d(plicht.get("begindatum")) or dossier.kennisgeving_datum or dagtekening,
            vestiging_gemeente=vestiging_bij_gemeente(toestand) or dossier.kennisgeving_datum
            or dagtekening,
            dagtekening_initiele_pip=eerste,
            dagtekening_actuele_pip=actueel,
        ),
    )  # fmt: skip


def _controleer_aanbod(bericht: UitgaandBericht, c: DuoClient, bsn: str) -> wet.Validatie:
    inhoud = bericht.inhoud
    instellingsnummer = bericht.pad.rsplit("/", 1)[-1]
    instelling = next(
        (i for i in c.instellingen() if i["instellingsnummer"] == instellingsnummer), {}
    )
    pip = (c.pip(bsn) or {}).get("pip")
    termijn = c.inburgeringstermijn(bsn) or {}
    return wet.valideer_aanbod(
        wet.AanbodBericht(
            instelling_bow_keurmerk=bool(instelling.get("indicatieBowKeurmerk")),
            instelling_erkende_taalschakel=bool(instelling.get("indicatieTstKeurmerk")),
            datum_inburgeringsaanbod=_d(inhoud.get("datumInburgeringsaanbod")),
            startdatum_opleiding=_d(inhoud.get("verwachteStartdatumOpleiding")),
            einddatum_opleiding=_d(inhoud.get("verwachteEinddatumOpleiding")),
        ),
        wet.AanbodContext(
            doelgroep=_wet_doelgroep(bericht.dossier),
            leerroute=wet.Leerroute(pip["leerroute"]) if pip else None,
            dagtekening_actuele_pip=_d(pip["dagtekeningPip"]) if pip else None,
            termijn_start=_d(termijn.get("startdatum")), termijn_einde=_d(termijn.get("einddatum")),
        ),
    )  # fmt: skip


def _controleer_resultaat(bericht: UitgaandBericht, c: DuoClient, bsn: str) -> wet.Validatie:
    soort, dossier, inhoud = bericht.soort, bericht.dossier, bericht.inhoud
    termijn = c.inburgeringstermijn(bsn)
    if termijn is None:
        return wet.Validatie(
            (wet.Overtreding("GEEN_TERMIJN", "termijn",
                             "DUO heeft nog geen inburgeringstermijn vastgesteld."),),
            "DUO zal dit weigeren.",
        )  # fmt: skip
    pip = c.pip(bsn) or {}
    bekend = c.map(bsn) if soort == S.MAP else c.pvt(bsn)
    eerder_zelf = UitgaandBericht.objects.filter(
        dossier__inburgeraar=dossier.inburgeraar, gemeente=dossier.gemeente, soort=soort,
        status=Status.VERWERKT,
    ).exclude(pk=bericht.pk).exists()  # fmt: skip
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
    veld = "datumEindgesprekMap" if soort == S.MAP else "datumOndertekeningPvt"
    verwijtbaar = {"Ja": True, "Nee": False}.get(inhoud.get("verwijtbaar", ""))
    resultaat = wet.ResultaatBericht(_d(inhoud.get(veld)), verwijtbaar)
    return (wet.valideer_map if soort == S.MAP else wet.valideer_pvt)(resultaat, context)


def _controleer_zroute(bericht: UitgaandBericht, c: DuoClient, bsn: str) -> wet.Validatie:
    pip = c.pip(bsn) or {}
    return wet.valideer_zroute(
        wet.ZrouteBericht(_d(bericht.inhoud.get("datumAfrondingZroute"))),
        wet.ZrouteContext(
            timezone.localdate(),
            gemeente_heeft_actuele_pip=pip.get("gemeentecode") == bericht.gemeente.cbs_code,
        ),
    )


#: Checks made when the row is written (no DUO context needed).
LOKALE_CONTROLES = frozenset(
    {"SCHEMA", "ZROUTE_IN_TOEKOMST", "UREN_PARTICIPATIE_NIET_ASIEL", "UREN_PARTICIPATIE_BEREIK"}
)
CONTROLES = {
    S.PIP: _controleer_pip,
    S.AANBOD: _controleer_aanbod,
    S.MAP: _controleer_resultaat,
    S.PVT: _controleer_resultaat,
    S.ZROUTE: _controleer_zroute,
}


#: Deliveries of another module: its own check at send time (no DUO context) and its own way of
#: sending (several calls), registered from that module (contactpersoon.py).
BEVINDINGEN: dict[str, Callable[[UitgaandBericht], list[dict]]] = {}
VERZENDERS: dict[str, Callable[[UitgaandBericht, DuoClient], Antwoord]] = {}


def controleer(bericht: UitgaandBericht, client: DuoClient | None = None) -> list[dict]:
    """DUO's rules for this delivery with what DUO knows now: the violations (empty: send).
    Raises when DUO cannot be asked (the worker retries; `DuoFout.authenticatie` pauses)."""
    if bericht.soort in BEVINDINGEN:
        return BEVINDINGEN[bericht.soort](bericht)
    controle = CONTROLES.get(bericht.soort)
    if controle is None or bericht.methode == "DELETE":
        return []
    c = client or client_voor(bericht.gemeente)
    return _bevindingen(controle(bericht, c, bericht.dossier.inburgeraar.bsn))


def houd_tegen(bericht: UitgaandBericht, bevindingen: list[dict]) -> None:
    bericht.status = Status.TEGENGEHOUDEN
    bericht.bevindingen = bevindingen
    bericht.laatste_fout = _tekst_tegengehouden(bevindingen)
    bericht.save(update_fields=["status", "bevindingen", "laatste_fout"])


def opnieuw_controleren(bericht: UitgaandBericht, client: DuoClient | None = None) -> str:
    """The beheerder's "check again and send" for a held-back delivery, after the dossier was
    corrected: DUO's rules with today's context. Returns "verstuurd" (queued: the rules pass),
    "tegengehouden" (held back again with the current reasons), "later" (DUO could not be
    asked: queued, the worker checks at send time as always) or "vervangen" (a newer delivery
    of the same resource exists: this one is never sent)."""
    if (
        _zelfde_resource(bericht.dossier_id, bericht.soort, bericht.pad)
        .filter(pk__gt=bericht.pk)
        .exclude(status=Status.VERVANGEN)
        .exists()
    ):
        bericht.status = Status.VERVANGEN
        bericht.save(update_fields=["status"])
        return "vervangen"
    # the local checks (schema, Z-route date) are not repeated: the content has not changed
    bevindingen = [b for b in bericht.bevindingen if b["code"] in LOKALE_CONTROLES]
    uitkomst = "verstuurd"
    if not bevindingen:
        try:
            bevindingen = controleer(bericht, client)
        except (DuoFout, DuoOnbereikbaar):
            uitkomst = "later"
    if bevindingen:
        houd_tegen(bericht, bevindingen)
        return "tegengehouden"
    bericht.status = Status.NIEUW
    bericht.bevindingen = []
    bericht.laatste_fout = ""
    bericht.pogingen = 0
    bericht.volgende_poging_op = timezone.now()
    bericht.save(
        update_fields=["status", "bevindingen", "laatste_fout", "pogingen", "volgende_poging_op"]
    )
    return uitkomst


def _op_zijn_beurt(bericht: UitgaandBericht) -> bool:
    """Order per resource: a delivery with a newer one behind it is `vervangen` (never sent);
    older pending ones are superseded by this one, or, when a worker is sending one right now,
    this one waits a little. True when this delivery may be sent now."""
    nieuwer = (
        _zelfde_resource(bericht.dossier_id, bericht.soort, bericht.pad)
        .filter(pk__gt=bericht.pk)
        .exclude(status=Status.VERVANGEN)
    )
    if nieuwer.exists():
        bericht.status = Status.VERVANGEN
        bericht.laatste_fout = "Vervangen door een nieuwere levering."
        bericht.save(update_fields=["status", "laatste_fout"])
        return False
    if not _vervang_ouder(bericht.dossier_id, bericht.soort, bericht.pad, voor=bericht.pk):
        bericht.volgende_poging_op = timezone.now() + dt.timedelta(seconds=5)
        bericht.save(update_fields=["volgende_poging_op"])
        return False
    return True


def verstuur_levering(bericht: UitgaandBericht, client: DuoClient | None = None) -> None:
    """Send one queued delivery (called by the worker inside its transaction): in order, after
    DUO's rules with DUO's current context. A temporary failure raises (the worker retries); a
    refusal of our identity raises `DuoFout(authenticatie=True)` (the worker pauses); DUO's
    refusal of the message is final and stored with a Dutch reason."""
    if bericht.status not in TE_DOEN or not _op_zijn_beurt(bericht):
        return
    c = client or client_voor(bericht.gemeente)
    bevindingen = controleer(bericht, c)
    if bevindingen:
        houd_tegen(bericht, bevindingen)
        return
    verzender = VERZENDERS.get(bericht.soort)
    if verzender is not None:
        antwoord = verzender(bericht, c)
    else:
        pad = bericht.pad.replace("{bsn}", bericht.dossier.inburgeraar.bsn)
        antwoord = c.verzoek(bericht.methode, pad, bericht.inhoud, bericht_id=bericht.bericht_id)
    if is_authenticatiefout(antwoord):
        raise DuoFout(antwoord.status, [reden_weigering(antwoord)], authenticatie=True)
    if antwoord.status >= 500 or antwoord.status == 429:
        raise DuoFout(antwoord.status, foutteksten(antwoord))
    bericht.pogingen += 1
    bericht.antwoord_status = antwoord.status
    bericht.antwoord = {"fouten": foutteksten(antwoord)} if antwoord.status >= 400 else (
        antwoord.json() if antwoord.body else {}
    )  # fmt: skip
    bericht.status = Status.VERWERKT if antwoord.status < 300 else Status.GEWEIGERD
    bericht.verwerkt_op = timezone.now()
    bericht.laatste_fout = reden_weigering(antwoord)[:2000] if antwoord.status >= 400 else ""
    bericht.save()

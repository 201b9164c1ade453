"""DUO's Notificatie API on our side: `POST /api/duo/v1/notificaties`.

Order of checks, each with the status code of DUO's contract (Notificatie API 1.8.0):
size (400), authentication (401), headers bron/doel/berichtId (400), authorisation: bron must be
DUO and doel one of our OINs (403), body: JSON, schema (a gebeurtenisId matching the spec's
pattern), BSN (400). Any gebeurtenisId the pattern allows is stored, also one outside DUO's
documented catalogue: the worker keeps that one as `onbekend` for the beheerder.
Then the notification is stored in one transaction and only then acknowledged with 201; the
worker processes it later. A repeated berichtId with the same content is acknowledged again
(201) without a second row; the same berichtId with different content is refused (400).

The common case (doel is a gemeente's own OIN, a new berichtId, a valid body) is one statement
and one database round trip (`_bewaar_bij_gemeente`); everything else takes the general path,
which looks up the doel-OIN first. Both give the same answers in the same order of checks.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import logging
import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from inburgering.accounts.beveiliging import zonder_tweede_factor
from inburgering.accounts.models import Gemeente, Samenwerkingsverband
from inburgering.invoer import LAATSTE_DATUM, VROEGSTE_DATUM

from ..models import InkomendBericht
from . import schemas
from .handlers import bepaal_gemeente

logger = logging.getLogger(__name__)

#: The token of the simulator and the demo: public, so never valid against the real DUO.
SIMULATOR_TOKEN = "simulator-token"  # noqa: S105 (public on purpose; refused here)


def _antwoord(status: int, fouttekst: str | None = None) -> HttpResponse:
    if fouttekst is None:
        response = HttpResponse(status=status)
    else:
        response = JsonResponse({"fouttekst": fouttekst[:200]}, status=status)
    response["API-Version"] = schemas.NOTIFICATIE_API_VERSIE
    return response


def _geauthenticeerd(request: HttpRequest) -> bool:
    """Mutual TLS is terminated by the reverse proxy, which passes the verified certificate's
    OIN in a header (`DUO_NOTIFICATIE_CERT_OIN_HEADER`); otherwise a shared token
    (`DUO_NOTIFICATIE_TOKEN`, header `Authorization: Bearer ...`) is required."""
    header = settings.DUO_NOTIFICATIE_CERT_OIN_HEADER
    if header:
        oin = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        if hmac.compare_digest(oin, settings.DUO_OIN):
            return True
    token = settings.DUO_NOTIFICATIE_TOKEN
    if token == SIMULATOR_TOKEN and not settings.DUO_BASE_URL.startswith("simulator:"):
        # The public demo token only ever counts against the simulator (production settings
        # refuse it at start-up as well).
        logger.warning("Notificatie geweigerd: het ontwikkeltoken is buiten de simulator ongeldig.")
        return False
    if token:
        gegeven = request.META.get("HTTP_AUTHORIZATION", "")
        return hmac.compare_digest(gegeven.encode(), f"Bearer {token}".encode())
    return False


def _ontvanger(oin: str) -> tuple[bool, Gemeente | None]:
    """Whether the doel-OIN is ours, and its gemeente when the OIN is a gemeente's own (one
    query in the common case: the receive path is measured in round trips)."""
    gemeente = Gemeente.objects.filter(oin=oin).first()
    if gemeente is not None:
        return True, gemeente
    ons = (
        oin in settings.DUO_ONTVANGER_OINS or Samenwerkingsverband.objects.filter(oin=oin).exists()
    )
    return ons, None


def _bewaar(**velden) -> InkomendBericht:
    """Store the notification. In autocommit mode one INSERT is atomic by itself (one round
    trip); inside an outer transaction a savepoint keeps a duplicate from poisoning it."""
    if transaction.get_connection().in_atomic_block:
        with transaction.atomic():
            return InkomendBericht.objects.create(**velden)
    return InkomendBericht.objects.create(**velden)


def _insert_sql(connection) -> str:
    """INSERT ... SELECT: the row gets the gemeente whose OIN is the doel (the lowest id, as
    `_ontvanger` picks it) and is not written at all when there is none or when the berichtId
    already exists. PostgreSQL and SQLite (>= 3.24) both support this form."""
    q = connection.ops.quote_name
    meta, gemeente_meta = InkomendBericht._meta, Gemeente._meta
    kolommen = [q(f.column) for f in _VELDEN] + [q(meta.get_field("gemeente").column)]
    pk = q(gemeente_meta.pk.column)
    # Only quoted table and column names from the models are formatted in; values are parameters.
    return (
        f"INSERT INTO {q(meta.db_table)} ({', '.join(kolommen)}) "  # noqa: S608
        f"SELECT {', '.join(['%s'] * len(_VELDEN))}, g.{pk} FROM {q(gemeente_meta.db_table)} g "
        f"WHERE g.{q(gemeente_meta.get_field('oin').column)} = %s ORDER BY g.{pk} LIMIT 1 "
        f"ON CONFLICT ({q(meta.get_field('bericht_id').column)}) DO NOTHING"
    )


#: The columns the fast path writes itself (the gemeente comes from the SELECT).
_VELDEN = [
    f for f in InkomendBericht._meta.concrete_fields if not f.primary_key and f.name != "gemeente"
]
_SQL: dict[str, str] = {}


def _bewaar_bij_gemeente(doel: str, **velden) -> bool:
    """Store the notification for the gemeente whose own OIN is `doel`, in one statement (one
    round trip; atomic by itself). False, with nothing written, when `doel` is no gemeente's OIN
    or the berichtId is already stored: the caller then takes the general path. Values are
    prepared by the model's fields, with the model's defaults, exactly as `create()` would."""
    connection = transaction.get_connection()
    if connection.vendor not in ("postgresql", "sqlite"):
        return False
    sql = _SQL.get(connection.vendor)
    if sql is None:
        sql = _SQL[connection.vendor] = _insert_sql(connection)
    bericht = InkomendBericht(**velden)
    waarden = [f.get_db_prep_save(f.pre_save(bericht, True), connection) for f in _VELDEN]
    if connection.in_atomic_block:  # a savepoint keeps a failure from poisoning the outer one
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [*waarden, doel])
            return cursor.rowcount == 1
    with connection.cursor() as cursor:
        cursor.execute(sql, [*waarden, doel])
        return cursor.rowcount == 1


def _inhoud(body: bytes) -> tuple[str | None, dict | None, dt.datetime | None]:
    """The body's error text (None when valid), the parsed body and registratieDatumTijd."""
    if len(body) > settings.DUO_NOTIFICATIE_MAX_BYTES:
        return "Het bericht is te groot.", None, None
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return "Het bericht is geen geldige JSON.", None, None
    fouten = schemas.fouten(schemas.NOTIFICATIE, data)
    if fouten:
        veld = fouten[0].split(":")[0]
        melding = {
            "bsn": "Het BSN bestaat uit 9 cijfers.",
            "gebeurtenisId": "De gebeurtenisId is ongeldig.",
        }.get(veld, f"Het bericht voldoet niet aan de specificatie ({fouten[0]}).")
        return melding, None, None
    if _bevat_nul(data):
        # PostgreSQL refuses \u0000 in jsonb (a DataError, i.e. a 500, before).
        return "Het bericht bevat een ongeldig teken (NUL).", None, None
    try:
        registratie = parse_datetime(data["registratieDatumTijd"])
    except ValueError:  # well-formed but not a date, e.g. 30 February
        registratie = None
    if registratie is None:
        return "registratieDatumTijd is geen geldige datum-tijd.", None, None
    if registratie.tzinfo is None:
        registratie = registratie.replace(tzinfo=dt.UTC)
    if not VROEGSTE_DATUM.year <= registratie.year <= LAATSTE_DATUM.year:
        # Year 9999 with a negative offset does not fit in a datetime once made UTC.
        return "registratieDatumTijd ligt buiten het geldige bereik.", None, None
    return None, data, registratie


def _bevat_nul(waarde) -> bool:
    if isinstance(waarde, str):
        return "\x00" in waarde
    if isinstance(waarde, dict):
        return any(_bevat_nul(k) or _bevat_nul(v) for k, v in waarde.items())
    if isinstance(waarde, list):
        return any(_bevat_nul(v) for v in waarde)
    return False


@login_not_required  # machine-to-machine: its own authentication, never a session
@zonder_tweede_factor
@csrf_exempt
@require_POST
def notificatie_view(request: HttpRequest) -> HttpResponse:
    lengte = request.META.get("CONTENT_LENGTH") or "0"
    if not lengte.isdigit() or int(lengte) > settings.DUO_NOTIFICATIE_MAX_BYTES:
        return _antwoord(400, "Het bericht is te groot.")
    if not _geauthenticeerd(request):
        return _antwoord(401, "De afzender kan niet worden geauthenticeerd.")
    bron = request.headers.get("bron", "")
    doel = request.headers.get("doel", "")
    bericht_id = request.headers.get("berichtId", "")
    for naam, waarde in (("bron", bron), ("doel", doel), ("berichtId", bericht_id)):
        if not waarde:
            return _antwoord(400, f"De header {naam} ontbreekt.")
    if not (schemas.OIN_PATROON.match(bron) and schemas.OIN_PATROON.match(doel)):
        return _antwoord(400, "De headers bron en doel bevatten een OIN van 20 cijfers.")
    try:
        bericht_uuid = uuid.UUID(bericht_id)
    except ValueError:
        return _antwoord(400, "De header berichtId is geen UUID.")
    if bron != settings.DUO_OIN:
        return _antwoord(403, "Alleen DUO mag notificaties aanleveren.")
    fout, data, registratie = _inhoud(request.body)
    if fout is None:
        velden = {
            "bericht_id": bericht_uuid,
            "bron_oin": bron,
            "doel_oin": doel,
            "api_versie": request.headers.get("API-Version", "")[:40],
            "gebeurtenis_id": data["gebeurtenisId"],
            "registratie_datumtijd": registratie,
            "bsn": data.get("bsn", ""),
            "v_nummer": data.get("vNummer"),
            "inhoud": data,
        }
        if _bewaar_bij_gemeente(doel, **velden):
            return _antwoord(201)
    # The general path: authorisation (403) is decided before the body's errors (400).
    ons, gemeente = _ontvanger(doel)
    if not ons:
        return _antwoord(403, "Het doel-OIN hoort niet bij deze organisatie.")
    if fout is not None:
        return _antwoord(400, fout)
    try:
        _bewaar(**velden, gemeente=gemeente or bepaal_gemeente(doel, data.get("bsn", "")))
    except IntegrityError:
        eerder = InkomendBericht.objects.filter(bericht_id=bericht_uuid).first()
        if eerder is None:
            raise
        if eerder.inhoud != data or eerder.doel_oin != doel:
            return _antwoord(400, "Dit berichtId is al gebruikt voor een ander bericht.")
        return _antwoord(201)  # the same notification again: already stored
    return _antwoord(201)

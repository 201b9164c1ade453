"""Who calls, and what they may do.

Authentication: an API key of the organisation (`Authorization: Bearer ibr_...`, stored as a
hash, `models.Sleutel`) or, when the installation sets `API_CERT_OIN_HEADER`, the OIN of the
client certificate that the mTLS-terminating proxy verified and passes in that header, matched
to `Organisatie.oin` (the proxy must set the header itself and strip one sent by the client;
docs/adr/0009). Either way the request then acts as the organisation's technical API user
(`api_gebruiker`), which the access log and the dossier's events name as the actor.

Scopes follow the need-to-know table (`partners/toegang.py`): an endpoint names the category
of data it reads or writes, and an organisation whose kind may not see that category gets 403.
"""

from __future__ import annotations

import hmac

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions, permissions, throttling

from inburgering.accounts.models import Gebruiker, Rol
from inburgering.partners.models import Medewerker, Organisatie, Organisatiesoort
from inburgering.partners.toegang import Gegeven, mag_zien

from .models import SLEUTEL_VOORVOEGSEL, Sleutel, hash_van
from .vast import VasteQuery

G = Gegeven

#: Scope -> the category of data it needs (or, for the COA's handover, the kind itself).
SCOPES: dict[str, Gegeven | Organisatiesoort] = {
    "dossiers:lezen": G.NAAM,
    "plaatsingen:lezen": G.PLAATSING,
    "uren:schrijven": G.PLAATSING,
    "intakeresultaten:schrijven": G.PLAATSING,
    "examenintenties:schrijven": G.EXAMENS,
    "mb-rapportages:schrijven": G.BEGELEIDING,
    "coa-overdrachten:schrijven": Organisatiesoort.COA,
    "ontzorgingen:lezen": G.ONTZORGEN_STATUS,
}


def heeft_scope(soort: str, scope: str) -> bool:
    nodig = SCOPES[scope]
    if isinstance(nodig, Gegeven):
        return mag_zien(soort, nodig)
    return soort == nodig


def scopes_van(soort: str) -> list[str]:
    return [s for s in SCOPES if heeft_scope(soort, s)]


def api_gebruiker(organisatie: Organisatie) -> Gebruiker:
    """The organisation's technical user (role partner, no password, no login): the actor of
    what the organisation does through the API, in the access log and the event log."""
    medewerker = (
        Medewerker.objects.select_related("gebruiker")
        .filter(organisatie=organisatie, gebruiker__username=f"api-{organisatie.pk}")
        .first()
    )
    if medewerker is not None:
        return medewerker.gebruiker
    with transaction.atomic():
        gebruiker = Gebruiker(
            username=f"api-{organisatie.pk}",
            first_name="API",
            last_name=organisatie.naam[:150],
            rol=Rol.PARTNER,
        )
        gebruiker.set_unusable_password()
        gebruiker.save()
        Medewerker.objects.create(gebruiker=gebruiker, organisatie=organisatie)
    return gebruiker


_SLEUTELS = "partnermedewerker__organisatie__api_sleutels"
_ORGANISATIE = "partnermedewerker__organisatie__"
_GEBRUIKER_KOLOMMEN = [f.attname for f in Gebruiker._meta.concrete_fields]
_ORGANISATIE_KOLOMMEN = [f.attname for f in Organisatie._meta.concrete_fields]


def _sleutelquery(prefix: str):
    """The API user of the active organisation holding the valid key with this prefix, as
    values: every column of the user and of its organisation, and the key's id, hash and last
    use."""
    return (
        Gebruiker.objects.filter(
            **{
                f"{_SLEUTELS}__prefix": prefix,
                f"{_SLEUTELS}__ingetrokken_op__isnull": True,
                f"{_ORGANISATIE}actief": True,
            },
            username=Concat(
                Value("api-"),
                Cast("partnermedewerker__organisatie_id", output_field=CharField()),
            ),
        )
        .annotate(
            sleutel_pk=F(f"{_SLEUTELS}__pk"),
            sleutel_hash=F(f"{_SLEUTELS}__sleutelhash"),
            sleutel_gebruikt=F(f"{_SLEUTELS}__laatst_gebruikt_op"),
        )
        .values(
            *_GEBRUIKER_KOLOMMEN,
            *(_ORGANISATIE + k for k in _ORGANISATIE_KOLOMMEN),
            "sleutel_pk",
            "sleutel_hash",
            "sleutel_gebruikt",
        )[:1]
    )


#: Compiled once per process (`vast.VasteQuery`): building this query cost more CPU than
#: PostgreSQL took to run it.
_SLEUTELQUERY = VasteQuery(_sleutelquery)


def _gebruiker_met_sleutel(prefix: str) -> tuple[Gebruiker, Sleutel] | None:
    """The API user of the organisation that holds the valid key with this prefix, its
    key (hash, id, last use) with its organisation: the key, the organisation and the API user
    in ONE query (they were three per request). None when the key is not valid or the
    organisation has no API user yet; the caller checks the hash."""
    rijen = _SLEUTELQUERY.rijen(prefix=prefix)
    if not rijen:
        return None
    rij = rijen[0]
    gebruiker = Gebruiker.from_db(
        DEFAULT_DB_ALIAS, _GEBRUIKER_KOLOMMEN, [rij[k] for k in _GEBRUIKER_KOLOMMEN]
    )
    organisatie = Organisatie.from_db(
        DEFAULT_DB_ALIAS,
        _ORGANISATIE_KOLOMMEN,
        [rij[_ORGANISATIE + k] for k in _ORGANISATIE_KOLOMMEN],
    )
    sleutel = Sleutel(
        pk=rij["sleutel_pk"],
        organisatie=organisatie,
        prefix=prefix,
        sleutelhash=rij["sleutel_hash"],
        laatst_gebruikt_op=rij["sleutel_gebruikt"],
    )
    return gebruiker, sleutel


class Aanroeper:
    """`request.auth`: the calling organisation (and the key, when one was used)."""

    def __init__(self, organisatie: Organisatie, sleutel: Sleutel | None = None):
        self.organisatie = organisatie
        self.sleutel = sleutel


class SleutelAuthenticatie(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = settings.API_CERT_OIN_HEADER
        if header:
            oin = request.META.get("HTTP_" + header.upper().replace("-", "_"), "").strip()
            if oin:
                organisatie = Organisatie.objects.filter(oin=oin, actief=True).first()
                if organisatie is None:
                    raise exceptions.AuthenticationFailed(
                        _("Het OIN van het certificaat hoort bij geen actieve partner.")
                    )
                return api_gebruiker(organisatie), Aanroeper(organisatie)
        delen = authentication.get_authorization_header(request).split()
        if not delen or delen[0].lower() != self.keyword.lower().encode():
            return None
        if len(delen) != 2:
            raise exceptions.AuthenticationFailed(_("Ongeldige Authorization-header."))
        try:
            sleutel = delen[1].decode()
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Ongeldige API-sleutel.")) from None
        if not sleutel.startswith(SLEUTEL_VOORVOEGSEL):
            raise exceptions.AuthenticationFailed(_("Ongeldige API-sleutel."))
        gevonden = _gebruiker_met_sleutel(sleutel[:12])
        gebruiker: Gebruiker | None = None
        if gevonden is not None:
            gebruiker, rij = gevonden
        else:  # the organisation's first call: no API user yet (or no such key at all)
            rij = (
                Sleutel.objects.geldig()
                .select_related("organisatie")
                .filter(prefix=sleutel[:12])
                .first()
            )
        if rij is None or not hmac.compare_digest(rij.sleutelhash, hash_van(sleutel)):
            raise exceptions.AuthenticationFailed(_("Ongeldige of ingetrokken API-sleutel."))
        nu = timezone.now()
        if rij.laatst_gebruikt_op is None or (nu - rij.laatst_gebruikt_op).total_seconds() > 60:
            Sleutel.objects.filter(pk=rij.pk).update(laatst_gebruikt_op=nu)
        if gebruiker is None:
            gebruiker = api_gebruiker(rij.organisatie)
        return gebruiker, Aanroeper(rij.organisatie, rij)

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class HeeftScope(permissions.BasePermission):
    """The view's `scope` must be one of the calling organisation's kind."""

    def has_permission(self, request, view) -> bool:
        aanroeper = request.auth
        if not isinstance(aanroeper, Aanroeper):
            return False
        scope = getattr(view, "scope", "")
        if not heeft_scope(aanroeper.organisatie.soort, scope):
            self.message = _(
                "Een organisatie van de soort '%(soort)s' heeft geen toegang tot %(scope)s."
            ) % {"soort": aanroeper.organisatie.get_soort_display(), "scope": scope}
            return False
        return True


#: The period of `API_LIMIET` in seconds, by its first letter (as DRF reads a rate).
PERIODEN = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class PerOrganisatie(throttling.BaseThrottle):
    """At most `API_LIMIET` requests per organisation ("N/sec|min|hour|day"; read at each
    request, so the setting can be changed in a test or per deployment).

    One counter per organisation in the cache, raised atomically; it expires one period after
    the first request that made it, and the next request starts a new period. DRF's
    `SimpleRateThrottle` kept the time of every request of the last period in one cache entry
    and read and wrote it whole each time: at 100 requests/s a list of 6,000 numbers per
    request (docs/performance.md "Partner API"). Unlike that sliding window, this one can let
    through up to twice the limit around the end of a period; Retry-After gives the period, the
    longest a refused caller waits."""

    def allow_request(self, request, view) -> bool:
        getal, periode = settings.API_LIMIET.split("/")
        aantal, self.duur = int(getal), PERIODEN[periode[0]]
        aanroeper = request.auth
        if isinstance(aanroeper, Aanroeper):
            ident = f"org-{aanroeper.organisatie.pk}"
        else:
            ident = self.get_ident(request)
        sleutel = f"api-limiet:{ident}"
        try:
            teller = cache.incr(sleutel)
            if teller == 1:  # it expired between the backend's check and its INCR: no expiry
                cache.touch(sleutel, self.duur)
        except ValueError:  # no counter: the first request of a period
            teller = 1 if cache.add(sleutel, 1, self.duur) else cache.incr(sleutel)
        return teller <= aantal

    def wait(self) -> float:
        return float(self.duur)

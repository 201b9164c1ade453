"""The endpoints of /api/v1/. Each view names its scope (`toegang.SCOPES`), reads through
`services` (only dossiers the organisation is involved in) and leaves out what the caller's
kind may not see; every read of personal data is access-logged with purpose "api"."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import parsers, renderers
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from inburgering.accounts.toegang import log_inzage
from inburgering.ontzorgen import services as ontzorgen_services
from inburgering.partners.models import Betrokkenheid, Organisatie
from inburgering.partners.toegang import Gegeven, mag_zien
from inburgering.traject import uren as traject_uren

from . import fouten, serializers, services
from .models import Idempotentie
from .toegang import HeeftScope, PerOrganisatie, SleutelAuthenticatie

API_VERSIE = "1.0.0"
G = Gegeven
DOEL = "api"


def taal_van(request) -> str:
    """Dutch, or English when Accept-Language prefers it (the API has no language cookie)."""
    beschikbaar = {code for code, _naam in settings.LANGUAGES}
    for code, _gewicht in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
        basis = code.split("-")[0].lower()
        if basis in beschikbaar:
            return basis
    return settings.LANGUAGE_CODE


class Paginering:
    """Page-number pagination with DRF's body (`count`, `next`, `previous`, `results`) and its
    links, over a kept list of ids (`services.bewaarde_ids`, ADR 0040): the total is the
    list's length and a page its slice, so a read no longer evaluates the access condition over
    every row the organisation may see (docs/performance.md "Partner API").

    A page past the last is 404, as in DRF: when the list is empty, page 1 is an empty list
    (count 0) and any later page lies beyond the last one."""

    page_query_param = "page"
    page_size_query_param = "pageSize"
    max_page_size = 500

    def __init__(self) -> None:
        self.aantal = 0
        self.nummer = 1
        self.grootte = settings.API_PAGINA_GROOTTE
        self.request = None

    def _controleer(self, request) -> None:
        """`page` and `pageSize` must be whole numbers in range (DRF would silently fall back
        to the default): else 400, naming the parameter."""
        fouten_ = []
        for naam, hoogste in (
            (self.page_query_param, None),
            (self.page_size_query_param, self.max_page_size),
        ):
            waarde = request.query_params.get(naam)
            if waarde is None:
                continue
            if not (waarde.isascii() and waarde.isdigit()) or not (
                1 <= int(waarde) <= (hoogste or 10**9)
            ):
                fouten_.append(
                    {
                        "name": naam,
                        "code": "invalid",
                        "reason": _("Geef een geheel getal van 1 tot %(n)s.")
                        % {"n": hoogste or 10**9},
                    }
                )
        if fouten_:
            raise fouten.Ongeldig(_("Ongeldige paginering."), fouten_)

    def pagineer_ids(self, ids: Sequence[int], request) -> list[int]:
        """The ids of the requested page of the kept list `ids`; its length is the `count`."""
        self._controleer(request)
        self.request = request
        self.nummer = int(request.query_params.get(self.page_query_param) or 1)
        grootte = request.query_params.get(self.page_size_query_param)
        self.grootte = int(grootte) if grootte else settings.API_PAGINA_GROOTTE
        begin = (self.nummer - 1) * self.grootte
        pagina = list(ids[begin : begin + self.grootte])
        if not pagina and self.nummer > 1:
            raise fouten.NietGevonden
        self.aantal = len(ids)
        return pagina

    def _link(self, nummer: int | None) -> str | None:
        if nummer is None:
            return None
        url = self.request.build_absolute_uri()
        if nummer == 1:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, nummer)

    def get_next_link(self) -> str | None:
        return self._link(self.nummer + 1 if self.nummer * self.grootte < self.aantal else None)

    def get_previous_link(self) -> str | None:
        return self._link(self.nummer - 1 if self.nummer > 1 else None)

    def get_paginated_response(self, data) -> Response:
        return Response(
            {
                "count": self.aantal,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )


class ApiView(APIView):
    authentication_classes = [SleutelAuthenticatie]
    permission_classes = [HeeftScope]
    throttle_classes = [PerOrganisatie]
    renderer_classes = [renderers.JSONRenderer]
    parser_classes = [parsers.JSONParser]
    scope = ""
    #: The query parameters the view takes (any other: 400).
    parameters: frozenset[str] = frozenset()

    def get_exception_handler(self):
        return fouten.exception_handler

    def dispatch(self, request, *args, **kwargs):
        taal = taal_van(request)
        with translation.override(taal):
            response = super().dispatch(request, *args, **kwargs)
            if isinstance(response, Response) and not response.is_rendered:
                response.render()  # in this language
        response["API-Version"] = API_VERSIE
        response["Content-Language"] = taal
        return response

    def initial(self, request, *args, **kwargs):
        try:
            lengte = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            lengte = 0
        if lengte > settings.API_MAX_BYTES:
            raise fouten.TeGroot
        super().initial(request, *args, **kwargs)
        # Only the documented query parameters: a typo is not silently ignored, and nothing
        # like ?bsn= can creep into URLs (and access logs).
        onbekend = sorted(set(request.query_params) - self.parameters)
        if onbekend:
            raise fouten.Ongeldig(
                _("Onbekende parameter in de URL."),
                [
                    {"name": naam, "code": "unknown", "reason": _("Onbekende parameter.")}
                    for naam in onbekend
                ],
            )

    @property
    def organisatie(self) -> Organisatie:
        return self.request.auth.organisatie


# --- what each kind may see ------------------------------------------------------------------


def _persoon(inburgeraar) -> dict:
    return {
        "voornamen": inburgeraar.voornamen,
        "voorvoegsel": inburgeraar.voorvoegsel,
        "achternaam": inburgeraar.geslachtsnaam,
        "geboortejaar": inburgeraar.geboortedatum.year if inburgeraar.geboortedatum else None,
    }


def dossier_als_json(dossier, soort: str, betrokkenheden: list[Betrokkenheid]) -> dict:
    p = dossier.inburgeraar
    uit = {
        "id": str(dossier.uuid),
        "gemeente": {"naam": dossier.gemeente.naam, "cbsCode": dossier.gemeente.cbs_code},
        "betrokkenheden": [
            {
                "grond": b.grond,
                "begin": b.begin.isoformat(),
                "einde": b.einde.isoformat() if b.einde else None,
            }
            for b in betrokkenheden
        ],
    }
    if mag_zien(soort, G.NAAM):
        uit["persoon"] = _persoon(p)
    if mag_zien(soort, G.CONTACT):
        uit["contact"] = {
            "telefoon": p.telefoon,
            "email": p.email,
            "adres": {
                "straat": p.post_straat,
                "postcode": p.post_postcode,
                "plaats": p.post_plaats,
            },
        }
    if mag_zien(soort, G.TAAL):
        uit["taal"] = {
            "talen": [str(t) for t in p.talen or []],
            "voorkeurstaal": p.voorkeurstaal,
            "tolkNodig": p.tolk_nodig,
        }
    if mag_zien(soort, G.CONSULENT):
        c = dossier.consulent
        uit["consulent"] = {"naam": c.weergavenaam, "email": c.email} if c else None
    if mag_zien(soort, G.ROUTE):
        uit["route"] = {
            "leerroute": dossier.leerroute,
            "fase": dossier.fase,
            "pipDagtekening": dossier.pip_dagtekening.isoformat()
            if dossier.pip_dagtekening
            else None,
        }
    return uit


def _datum(d):
    return d.isoformat() if d else None


#: The columns of a placement in the API, read as plain values (no model instances: the list
#: reads 100 rows, and five instances per row were half of its CPU).
PLAATSING_VELDEN = (
    "pk",
    "dossier_id",
    "dossier__uuid",
    "status",
    "contract__kenmerk",
    "contract__product__naam",
    "contract__product__soort",
    "aangemeld_op",
    "verwachte_start",
    "verwacht_einde",
    "intake_op",
    "gestart_op",
    "beeindigd_op",
    "uren_per_week",
)
PERSOON_VELDEN = (
    "dossier__inburgeraar__voornamen",
    "dossier__inburgeraar__voorvoegsel",
    "dossier__inburgeraar__geslachtsnaam",
    "dossier__inburgeraar__geboortedatum",
)


def plaatsing_velden(soort: str) -> tuple[str, ...]:
    return PLAATSING_VELDEN + (PERSOON_VELDEN if mag_zien(soort, G.NAAM) else ())


def plaatsing_als_rij(plaatsing, soort: str) -> dict:
    """One placement (a model instance, as `services.plaatsing_van` gives it) as the row of
    values that `plaatsing_als_json` takes."""
    rij = {}
    for veld in plaatsing_velden(soort):
        waarde = plaatsing
        for deel in veld.split("__"):
            waarde = waarde.pk if deel == "pk" else getattr(waarde, deel)
        rij[veld] = waarde
    return rij


def plaatsing_als_json(rij: dict, met_persoon: bool) -> dict:
    """A placement from its row of values (`plaatsing_velden`); the person only with
    `met_persoon` (the caller's kind may see the name: `mag_zien(soort, G.NAAM)`)."""
    uit = {
        "id": rij["pk"],
        "dossier": str(rij["dossier__uuid"]),
        "status": rij["status"],
        "contract": rij["contract__kenmerk"],
        "product": {
            "naam": rij["contract__product__naam"],
            "soort": rij["contract__product__soort"],
        },
        "aangemeldOp": rij["aangemeld_op"].isoformat(),
        "verwachteStart": _datum(rij["verwachte_start"]),
        "verwachtEinde": _datum(rij["verwacht_einde"]),
        "intakeOp": _datum(rij["intake_op"]),
        "gestartOp": _datum(rij["gestart_op"]),
        "beeindigdOp": _datum(rij["beeindigd_op"]),
        "urenPerWeek": rij["uren_per_week"],
    }
    if met_persoon:
        geboren = rij["dossier__inburgeraar__geboortedatum"]
        uit["persoon"] = {
            "voornamen": rij["dossier__inburgeraar__voornamen"],
            "voorvoegsel": rij["dossier__inburgeraar__voorvoegsel"],
            "achternaam": rij["dossier__inburgeraar__geslachtsnaam"],
            "geboortejaar": geboren.year if geboren else None,
        }
    return uit


def _maand(d) -> str | None:
    return d.strftime("%Y-%m") if d else None


def ontzorging_als_json(ontzorging, soort: str, lasten, op) -> dict:
    """Financieel ontzorgen of one dossier: the period and per fixed cost the status of its
    newest payment and the last month paid; payee, IBAN, amount and the bank's reason only
    for a kind that may see `Gegeven.ONTZORGEN_BETALING` (`lasten` is already filtered)."""
    betaling_ok = mag_zien(soort, G.ONTZORGEN_BETALING)
    uit = {
        "dossier": str(ontzorging.dossier.uuid),
        "loopt": ontzorgen_services.ontzorgen_loopt(ontzorging, op),
        "aanvang": ontzorging.recht_op_bijstand_vanaf.isoformat(),
        "einde": ontzorging.einde.isoformat(),
        "vrijwilligTot": _datum(ontzorging.vrijwillig_tot),
        "beeindigdOp": _datum(ontzorging.beeindigd_op),
        "toeslagenOntvangen": _datum(ontzorging.toeslagen_ontvangen),
        "lasten": [],
    }
    if mag_zien(soort, G.NAAM):
        uit["persoon"] = _persoon(ontzorging.dossier.inburgeraar)
    for regel in lasten:
        last = {
            "soort": regel.kostensoort,
            "status": regel.status or None,
            "laatsteMaand": _maand(regel.laatste_maand),
            "betaaldTot": _maand(regel.betaald_tot),
            "wachtOpGoedkeuring": regel.wacht_op_goedkeuring,
        }
        if betaling_ok:
            last.update(
                begunstigde=regel.begunstigde,
                iban=regel.iban,
                bedragCent=regel.bedrag_cents,
                reden=regel.reden,
            )
        uit["lasten"].append(last)
    return uit


# --- the problem responses in the spec --------------------------------------------------------


def _problemen(*codes: int) -> dict:
    teksten = {
        400: gettext_lazy("Ongeldige invoer of ongeldige JSON."),
        401: gettext_lazy("Geen of een ongeldige API-sleutel."),
        403: gettext_lazy("De soort van uw organisatie heeft geen toegang tot dit deel."),
        404: gettext_lazy("Bestaat niet of uw organisatie is er niet bij betrokken."),
        406: gettext_lazy("Alleen application/json."),
        409: gettext_lazy("Conflict: bijvoorbeeld een periode die al gemeld is."),
        413: gettext_lazy("Het verzoek is te groot."),
        415: gettext_lazy("Alleen application/json."),
        422: gettext_lazy("Idempotency-Key al gebruikt voor een ander verzoek."),
        429: gettext_lazy("Te veel verzoeken."),
    }
    return {
        (code, fouten.PROBLEEM): OpenApiResponse(
            response=serializers.ProbleemSerializer, description=teksten[code]
        )
        for code in codes
    }


LEZEN = (401, 403, 404, 406, 429)
SCHRIJVEN = (400, 401, 403, 404, 406, 409, 413, 415, 422, 429)
PAGINA = [
    OpenApiParameter(
        "page",
        {"type": "integer", "minimum": 1, "maximum": 10**9},
        description=gettext_lazy("Paginanummer, vanaf 1."),
    ),
    OpenApiParameter(
        "pageSize",
        {"type": "integer", "minimum": 1, "maximum": 500},
        description=gettext_lazy("Aantal per pagina (hoogstens 500)."),
    ),
]
IDEMPOTENTIE = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description=gettext_lazy(
        "Een eigen, unieke sleutel per verzoek (bijv. een UUID). Hetzelfde verzoek met "
        "dezelfde sleutel geeft hetzelfde antwoord en wordt niet nog eens verwerkt."
    ),
)


# --- reading ---------------------------------------------------------------------------------


class DossierLijst(ApiView):
    scope = "dossiers:lezen"
    parameters = frozenset({"page", "pageSize"})

    @extend_schema(
        operation_id="dossiers_lijst",
        summary=gettext_lazy("Dossiers waarbij uw organisatie betrokken is"),
        parameters=PAGINA,
        responses={200: serializers.DossierPaginaSerializer, **_problemen(400, *LEZEN)},
    )
    def get(self, request):
        organisatie = self.organisatie
        werkgebied = services.werkgebied_van(organisatie)
        qs = services.dossiers_van(organisatie, werkgebied)
        paginering = Paginering()
        ids = paginering.pagineer_ids(
            services.bewaarde_ids("dossiers", organisatie, werkgebied, (), lambda: qs), request
        )
        pagina = list(
            services.met_id(qs, ids).select_related("inburgeraar", "gemeente", "consulent")
        )
        per_dossier: dict[int, list[Betrokkenheid]] = {}
        for b in Betrokkenheid.objects.filter(
            organisatie=organisatie, dossier__in=[d.pk for d in pagina]
        ).order_by("begin", "pk"):
            per_dossier.setdefault(b.dossier_id, []).append(b)
        log_inzage(request.user, [d.pk for d in pagina], DOEL)
        soort = organisatie.soort
        return paginering.get_paginated_response(
            [dossier_als_json(d, soort, per_dossier.get(d.pk, [])) for d in pagina]
        )


class DossierDetail(ApiView):
    scope = "dossiers:lezen"

    @extend_schema(
        operation_id="dossiers_detail",
        summary=gettext_lazy("Eén dossier"),
        responses={200: serializers.DossierSerializer, **_problemen(400, *LEZEN)},
    )
    def get(self, request, uuid):
        organisatie = self.organisatie
        dossier = services.dossier_van(organisatie, uuid)
        betrokkenheden = list(
            Betrokkenheid.objects.filter(organisatie=organisatie, dossier=dossier).order_by(
                "begin", "pk"
            )
        )
        log_inzage(request.user, [dossier.pk], DOEL)
        return Response(dossier_als_json(dossier, organisatie.soort, betrokkenheden))


class PlaatsingLijst(ApiView):
    scope = "plaatsingen:lezen"
    parameters = frozenset({"page", "pageSize", "status"})

    @extend_schema(
        operation_id="plaatsingen_lijst",
        summary=gettext_lazy("Plaatsingen bij uw organisatie"),
        parameters=[
            OpenApiParameter(
                "status",
                str,
                enum=[s for s, _n in serializers.PlaatsingStatus.choices],
                description=gettext_lazy("Alleen plaatsingen met deze status."),
            ),
            *PAGINA,
        ],
        responses={
            200: serializers.PlaatsingPaginaSerializer,
            **_problemen(400, *LEZEN),
        },
    )
    def get(self, request):
        organisatie = self.organisatie
        soort = organisatie.soort
        status_filter = request.query_params.get("status")
        if status_filter is not None and status_filter not in serializers.PlaatsingStatus.values:
            raise fouten.Ongeldig(
                _("Onbekende status."),
                [{"name": "status", "code": "invalid_choice", "reason": _("Onbekende status.")}],
            )
        werkgebied = services.werkgebied_van(organisatie)

        def zichtbaar():
            qs = services.plaatsingen_van(organisatie, werkgebied)
            return qs if status_filter is None else qs.filter(status=status_filter)

        paginering = Paginering()
        # The page's ids from the kept list (the expensive part: the access condition over
        # every placement of the provider), then the columns of those rows only, with the
        # condition applied again (ADR 0040; docs/performance.md "Partner API").
        ids = paginering.pagineer_ids(
            services.bewaarde_ids(
                "plaatsingen", organisatie, werkgebied, (status_filter,), zichtbaar
            ),
            request,
        )
        pagina = services.plaatsingen_op_pagina(
            organisatie, werkgebied, ids, plaatsing_velden(soort), status_filter
        )
        log_inzage(request.user, {r["dossier_id"] for r in pagina}, DOEL)
        met_persoon = mag_zien(soort, G.NAAM)
        return paginering.get_paginated_response(
            [plaatsing_als_json(r, met_persoon) for r in pagina]
        )


class PlaatsingDetail(ApiView):
    scope = "plaatsingen:lezen"

    @extend_schema(
        operation_id="plaatsingen_detail",
        summary=gettext_lazy("Eén plaatsing, met de gemelde uren"),
        responses={200: serializers.PlaatsingDetailSerializer, **_problemen(400, *LEZEN)},
    )
    def get(self, request, pk):
        organisatie = self.organisatie
        plaatsing = services.plaatsing_van(organisatie, pk)
        soort = organisatie.soort
        uit = plaatsing_als_json(plaatsing_als_rij(plaatsing, soort), mag_zien(soort, G.NAAM))
        rijen = traject_uren.geldende_uren([plaatsing]).get(plaatsing.pk, [])
        uit["uren"] = [
            {
                "periodesoort": r.periodesoort,
                "periodeBegin": r.periode_begin.isoformat(),
                "periodeEinde": r.periode_einde.isoformat(),
                "aangeboden": float(r.aangeboden),
                "aanwezig": float(r.aanwezig),
                "correctie": r.correctie,
            }
            for r in rijen
        ]
        log_inzage(request.user, [plaatsing.dossier_id], DOEL)
        return Response(uit)


class OntzorgingLijst(ApiView):
    scope = "ontzorgingen:lezen"
    parameters = frozenset({"page", "pageSize"})

    @extend_schema(
        operation_id="ontzorgingen_lijst",
        summary=gettext_lazy("Financieel ontzorgen: de status van de betalingen"),
        description=gettext_lazy(
            "Per dossier waarbij uw organisatie betrokken is en waarvoor de gemeente vaste "
            "lasten betaalt: per vaste last de status van de nieuwste betaling en de laatste "
            "betaalde maand. Begunstigde, IBAN, bedrag en de reden van een weigering alleen "
            "voor budgetbeheer."
        ),
        parameters=PAGINA,
        responses={200: serializers.OntzorgingPaginaSerializer, **_problemen(400, *LEZEN)},
    )
    def get(self, request):
        organisatie = self.organisatie
        werkgebied = services.werkgebied_van(organisatie)
        qs = services.ontzorgingen_van(organisatie, werkgebied)
        paginering = Paginering()
        ids = paginering.pagineer_ids(
            services.bewaarde_ids("ontzorgingen", organisatie, werkgebied, (), lambda: qs),
            request,
        )
        pagina = list(services.met_id(qs, ids).select_related("dossier__inburgeraar"))
        soort = organisatie.soort
        lasten = ontzorgen_services.lastregels(pagina, soort)
        log_inzage(request.user, [o.dossier_id for o in pagina], DOEL)
        vandaag = timezone.localdate()
        return paginering.get_paginated_response(
            [ontzorging_als_json(o, soort, lasten[o.pk], vandaag) for o in pagina]
        )


class OntzorgingDetail(ApiView):
    scope = "ontzorgingen:lezen"

    @extend_schema(
        operation_id="ontzorgingen_detail",
        summary=gettext_lazy("Financieel ontzorgen van één dossier"),
        responses={200: serializers.OntzorgingSerializer, **_problemen(400, *LEZEN)},
    )
    def get(self, request, uuid):
        organisatie = self.organisatie
        ontzorging = services.ontzorging_van(organisatie, uuid)
        lasten = ontzorgen_services.lastregels([ontzorging], organisatie.soort)
        log_inzage(request.user, [ontzorging.dossier_id], DOEL)
        return Response(
            ontzorging_als_json(
                ontzorging, organisatie.soort, lasten[ontzorging.pk], timezone.localdate()
            )
        )


# --- writing ---------------------------------------------------------------------------------


class IdempotenteView(ApiView):
    """POST with an optional `Idempotency-Key`: a success is stored with the key and the hash
    of the request; the same key with the same request gets the stored answer again (nothing
    is done twice), the same key with another request 422."""

    def post(self, request, *args, **kwargs):
        sleutel = request.headers.get("Idempotency-Key")
        if sleutel is None:
            return self.verwerk(request, *args, **kwargs)
        if not 1 <= len(sleutel) <= 100:
            raise fouten.Ongeldig(
                _("De Idempotency-Key is 1 tot 100 tekens lang."),
                [{"name": "Idempotency-Key", "code": "invalid", "reason": _("Ongeldige sleutel.")}],
            )
        inhoudhash = hashlib.sha256(request.body).hexdigest()
        organisatie = self.organisatie
        eerder = Idempotentie.objects.filter(organisatie=organisatie, sleutel=sleutel).first()
        if eerder is not None:
            if eerder.pad != request.path or eerder.inhoudhash != inhoudhash:
                raise fouten.Ongeldig(
                    _("Deze Idempotency-Key is al gebruikt voor een ander verzoek."),
                    [
                        {
                            "name": "Idempotency-Key",
                            "code": "reused",
                            "reason": _("Al gebruikt voor een ander verzoek."),
                        }
                    ],
                    status_code=422,
                )
            antwoord = Response(eerder.antwoord, status=eerder.status)
            antwoord["Idempotent-Replayed"] = "true"
            return antwoord
        antwoord = self.verwerk(request, *args, **kwargs)
        try:
            with transaction.atomic():
                Idempotentie.objects.create(
                    organisatie=organisatie,
                    sleutel=sleutel,
                    pad=request.path,
                    inhoudhash=inhoudhash,
                    status=antwoord.status_code,
                    antwoord=antwoord.data,
                )
        except IntegrityError:
            raise fouten.Conflict(
                _("Een verzoek met deze Idempotency-Key wordt al verwerkt; probeer het opnieuw.")
            ) from None
        return antwoord

    def verwerk(self, request, *args, **kwargs) -> Response:
        raise NotImplementedError


def _lees(serializer_klasse, request) -> dict:
    serializer = serializer_klasse(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _gebeurtenis(event) -> dict:
    return {
        "id": event.pk,
        "dossier": str(event.dossier.uuid),
        "soort": event.soort,
        "datum": event.datum.isoformat(),
    }


class UrenBulk(IdempotenteView):
    scope = "uren:schrijven"

    @extend_schema(
        operation_id="uren_melden",
        summary=gettext_lazy("Uren en aanwezigheid melden, veel perioden tegelijk"),
        description=gettext_lazy(
            "Alles of niets: bij één fout wordt niets opgeslagen. Een periode die al gemeld is "
            "geeft 409, tenzij correctie: true."
        ),
        parameters=[IDEMPOTENTIE],
        request=serializers.UrenBulkSerializer,
        responses={201: serializers.UrenResultaatSerializer, **_problemen(*SCHRIJVEN)},
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def verwerk(self, request) -> Response:
        records = services.lees_uren(request.data)
        aantal, plaatsingen = services.meld_uren(self.organisatie, records, actor=request.user)
        return Response({"aantal": aantal, "plaatsingen": plaatsingen}, status=201)


class Intakeresultaten(IdempotenteView):
    scope = "intakeresultaten:schrijven"

    @extend_schema(
        operation_id="intakeresultaten_melden",
        summary=gettext_lazy("Het resultaat van de intake bij de aanbieder"),
        parameters=[IDEMPOTENTIE],
        request=serializers.IntakeresultaatSerializer,
        responses={201: serializers.GebeurtenisSerializer, **_problemen(*SCHRIJVEN)},
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def verwerk(self, request, pk) -> Response:
        plaatsing = services.plaatsing_van(self.organisatie, pk)
        data = _lees(serializers.IntakeresultaatSerializer, request)
        event = services.meld_intakeresultaat(self.organisatie, plaatsing, data, actor=request.user)
        return Response(_gebeurtenis(event), status=201)


class Examenintenties(IdempotenteView):
    scope = "examenintenties:schrijven"

    @extend_schema(
        operation_id="examenintenties_melden",
        summary=gettext_lazy("Welke examenonderdelen de inburgeraar wanneer wil doen"),
        parameters=[IDEMPOTENTIE],
        request=serializers.ExamenintentieSerializer,
        responses={201: serializers.GebeurtenisSerializer, **_problemen(*SCHRIJVEN)},
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def verwerk(self, request, pk) -> Response:
        plaatsing = services.plaatsing_van(self.organisatie, pk)
        data = _lees(serializers.ExamenintentieSerializer, request)
        event = services.meld_examenintentie(self.organisatie, plaatsing, data, actor=request.user)
        return Response(_gebeurtenis(event), status=201)


class MbRapportages(IdempotenteView):
    scope = "mb-rapportages:schrijven"

    @extend_schema(
        operation_id="mb_rapportages_melden",
        summary=gettext_lazy("Rapportage over de maatschappelijke begeleiding"),
        parameters=[IDEMPOTENTIE],
        request=serializers.MbRapportageSerializer,
        responses={201: serializers.GebeurtenisSerializer, **_problemen(*SCHRIJVEN)},
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def verwerk(self, request, uuid) -> Response:
        dossier = services.dossier_van(self.organisatie, uuid)
        data = _lees(serializers.MbRapportageSerializer, request)
        event = services.meld_mb_rapportage(self.organisatie, dossier, data, actor=request.user)
        return Response(_gebeurtenis(event), status=201)


class CoaOverdrachten(IdempotenteView):
    scope = "coa-overdrachten:schrijven"

    @extend_schema(
        operation_id="coa_overdrachten_melden",
        summary=gettext_lazy("Warme overdracht door het COA (concept voor de consulent)"),
        parameters=[IDEMPOTENTIE],
        request=serializers.CoaOverdrachtSerializer,
        responses={201: serializers.GebeurtenisSerializer, **_problemen(*SCHRIJVEN)},
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def verwerk(self, request, uuid) -> Response:
        dossier = services.dossier_van(self.organisatie, uuid)
        data = _lees(serializers.CoaOverdrachtSerializer, request)
        event = services.meld_coa_overdracht(self.organisatie, dossier, data, actor=request.user)
        return Response(_gebeurtenis(event), status=201)


@csrf_exempt
def niet_gevonden(request, *args, **kwargs) -> HttpResponse:
    """Any other path under /api/v1/: 404 as problem+json, not the HTML page."""
    taal = taal_van(request)
    with translation.override(taal):
        response = fouten.exception_handler(fouten.NietGevonden(), {"request": request})
    response["API-Version"] = API_VERSIE
    response["Content-Language"] = taal
    return response

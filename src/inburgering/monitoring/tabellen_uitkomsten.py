"""Dashboard tables for outcomes and dual activities (computations in `uitkomsten.py`)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from inburgering.dossiers.models import Doelgroep
from inburgering.dossiers.uitkomsten import MOMENTEN, DualeActiviteit, Kostenpost
from inburgering.dossiers.uitkomsten import Participatiestatus as P

from . import aanvullend, statistiek
from . import indicatoren as ind
from . import uitkomsten as uk
from .definities import Cohortbasis
from .grafieken import staafdiagram
from .relatie import Relatie
from .tabel import Tabel, onderdeelnamen, route_naam


def _maanden(moment: int) -> str:
    return _("%(n)s maanden") % {"n": moment}


def verloop(r: Relatie) -> list[Tabel]:
    """The outcome tables (`definities.VERLOOP`: open and closed dossiers)."""
    doelgroepen = dict(Doelgroep.choices)
    return [
        _plicht(r),
        *_examens(r),
        *_participatie(r, doelgroepen),
        *_kosten(r),
        *aanvullend.tabellen(r),
    ]


def stand(r: Relatie) -> list[Tabel]:
    """Dual activities of the people in a leerroute on the peildatum (`definities.STAND`)."""
    return _duaal(r, dict(Doelgroep.choices))


def _plicht(r) -> Tabel:
    per = uk.plicht_per_cohort(r)
    return Tabel(
        "plicht_cohort",
        _("Inburgeringsplicht voldaan binnen de termijn, per cohort"),
        [
            _("Cohort (jaar kennisgeving)")
            if r.sel.cohortbasis == Cohortbasis.KENNISGEVING
            else _("Cohort (jaar eerste signaal)"),
            _("Dossiers"),
            _("Voldaan binnen de termijn"),
            _("Voldaan na de termijn"),
            _("Open, termijn loopt"),
            _("Open, termijn verstreken"),
            _("Open, nog geen termijn"),
            _("Anders afgesloten"),
            _("% voldaan binnen de termijn"),
        ],
        [
            [
                str(c) if c else _("onbekend"),
                v.totaal,
                v.binnen,
                v.na,
                v.lopend,
                v.verstreken,
                v.geen_termijn,
                v.anders,
                v.aandeel_binnen,
            ]
            for c, v in per.items()
        ],
        _(
            "Cohort: het jaar van de kennisgeving van DUO (zonder kennisgeving: het jaar van het "
            "eerste signaal). Einde termijn: de einddatum van DUO (met verlenging) als die er is, "
            "anders berekend uit het eerste PIP (Wi art. 11). Het percentage telt mee: voldaan "
            "binnen of na de termijn, en open dossiers waarvan de termijn verstreken is."
        ),
        grafiek=(0, [2, 3, 5]),
    )


def _examens(r) -> list[Tabel]:
    namen = onderdeelnamen()
    kolommen = [_("Uitslagen"), _("Behaald"), _("Niet behaald"), _("% behaald")]
    per_route = uk.examens(r)
    per = uk.samen(per_route)
    onderdelen = sorted({o for _k, o in per}, key=uk.onderdeel_volgorde)
    toelichting = _(
        "Examenresultaten van DUO op of vóór de peildatum; elke poging telt. 'Geen uitslag' "
        "telt niet mee."
    )
    totaal = Tabel(
        "examens_onderdeel",
        _("Examenresultaten per onderdeel"),
        [_("Onderdeel"), *kolommen, _("Dossiers met onderdeel behaald")],
        [
            [
                namen.get(o, o or _("onbekend")),
                e.uitslagen,
                e.behaald,
                e.niet_behaald,
                e.aandeel_behaald,
                e.dossiers_behaald,
            ]
            for o in onderdelen
            for e in [per[("", o)]]
        ],
        toelichting,
        grafiek=(0, [4]),
        eenheid="%",
    )
    route = Tabel(
        "examens_route",
        _("Examenresultaten per leerroute en onderdeel"),
        [_("Leerroute"), _("Onderdeel"), *kolommen],
        [
            [
                route_naam(route),
                namen.get(o, o or _("onbekend")),
                e.uitslagen,
                e.behaald,
                e.niet_behaald,
                e.aandeel_behaald,
            ]
            for (route, o), e in sorted(
                per_route.items(),
                key=lambda kv: (
                    ind.ROUTES.index(kv[0][0]) if kv[0][0] in ind.ROUTES else 9,
                    uk.onderdeel_volgorde(kv[0][1]),
                ),
            )
        ],
        _("Leerroute van het laatste PIP op de peildatum."),
    )
    return [totaal, route]


def _statuskolommen() -> list[str]:
    return [_("%% %(status)s") % {"status": str(label).lower()} for label in P.labels]


def _participatie(r, doelgroepen) -> list[Tabel]:
    toelichting = _(
        "Situatie op de vervolgmomenten 6, 12 en 24 maanden na de (eerste) start van de "
        "leerroute, zoals vastgelegd door de consulent. Verwacht: het moment is op de peildatum "
        "bereikt (of er is al gemeten) en het dossier is niet eerder afgesloten om een andere "
        "reden dan voldaan. Percentages per situatie van de gemeten dossiers; één persoon kan "
        "meer situaties hebben (bijvoorbeeld werk en uitkering)."
    )
    kop = [_("Verwacht"), _("Gemeten"), _("% gemeten"), *_statuskolommen()]

    def cijfers(p: uk.Participatie) -> list:
        return [p.verwacht, p.gemeten, statistiek.aandeel(p.gemeten, p.verwacht)] + [
            p.aandeel(s) for s in uk.STATUSSEN
        ]

    per_groep = uk.participatie(r)
    per = uk.samen(per_groep)
    leeg = uk.Participatie()
    totaal = Tabel(
        "participatie",
        _("Participatie na 6, 12 en 24 maanden"),
        [_("Moment"), *kop],
        [[_maanden(n), *cijfers(per.get(("", n), leeg))] for n in MOMENTEN],
        toelichting,
        eenheid="%",
    )
    if any(r[2] for r in totaal.rijen):
        kolommen = [4, 5, 6, 7]  # werk, vrijwilligerswerk, opleiding, uitkering
        totaal.extra["grafiek"] = staafdiagram(
            totaal.titel,
            [r[0] for r in totaal.rijen],
            [(totaal.kolommen[k], [r[k] for r in totaal.rijen]) for k in kolommen],
            "%",
        )
    groep = Tabel(
        "participatie_doelgroep",
        _("Participatie na 6, 12 en 24 maanden per doelgroep"),
        [_("Doelgroep"), _("Moment"), *kop],
        [
            [str(doelgroepen[d]), _maanden(n), *cijfers(per_groep.get((d, n), leeg))]
            for d in Doelgroep.values
            for n in MOMENTEN
        ],
        toelichting,
    )
    return [totaal, groep]


def _kosten(r) -> list[Tabel]:
    def cijfers(k: uk.Kosten) -> list:
        return [k.dossiers, uk.euro(k.totaal_cents), uk.euro(k.gemiddeld_cents),
                uk.euro(k.mediaan_cents)]  # fmt: skip

    per, alles = uk.kosten_per_route(r)
    route = Tabel(
        "kosten_route",
        _("Kosten per traject"),
        [
            _("Leerroute"),
            _("Dossiers met kosten"),
            _("Totaal (€)"),
            _("Gemiddeld per dossier (€)"),
            _("Mediaan per dossier (€)"),
        ],
        [[route_naam(route), *cijfers(per[route])] for route in ind.ROUTES if route in per]
        + [[_("Totaal"), *cijfers(alles)]],
        _(
            "Alleen dossiers waarvoor kosten zijn vastgelegd (op of vóór de peildatum); "
            "bedragen in hele euro's. Leerroute van het laatste PIP."
        ),
        grafiek=(0, [3]),
        eenheid=" €",
    )
    posten, totaal = uk.kosten_per_post(r)
    post = Tabel(
        "kosten_post",
        _("Kosten per kostenpost"),
        [_("Kostenpost"), _("Dossiers"), _("Totaal (€)"), _("% van alle kosten")],
        [
            [
                str(label),
                posten[code].dossiers,
                uk.euro(posten[code].totaal_cents),
                statistiek.aandeel(posten[code].totaal_cents, totaal),
            ]
            for code, label in Kostenpost.choices
            if code in posten
        ],
        grafiek=(0, [2]),
        eenheid=" €",
    )
    return [route, post]


def _duaal(r, doelgroepen) -> list[Tabel]:
    kop = [
        _("In leerroute"),
        _("Met duale activiteit"),
        _("% met duale activiteit"),
        *[str(label) for label in DualeActiviteit.labels],
    ]
    toelichting = _(
        "Dossiers in een leerroute (gestart, niet afgesloten) met op de peildatum een lopende "
        "duale activiteit: werk, vrijwilligerswerk, stage of werkervaringsplek, of opleiding "
        "naast de leerroute. Eén dossier kan meer soorten tegelijk hebben."
    )

    def cijfers(d: uk.Duaal) -> list:
        return [d.in_leerroute, d.met_duaal, d.aandeel] + [d.per_soort[s] for s in uk.ACTIVITEITEN]

    per = uk.duaal(r)
    per_route = {route: d for (_d, route), d in uk.samen(per, 0).items()}
    alles = uk.samen(per_route).get("", uk.Duaal())
    route = Tabel(
        "duaal_route",
        _("Duale trajecten per leerroute"),
        [_("Leerroute"), *kop],
        [
            [route_naam(route), *cijfers(per_route[route])]
            for route in ind.ROUTES
            if route in per_route
        ]
        + [[_("Totaal"), *cijfers(alles)]],
        toelichting,
        grafiek=(0, [3]),
        eenheid="%",
    )
    per_groep = {doelgroep: d for (doelgroep, _r), d in uk.samen(per, 1).items()}
    groep = Tabel(
        "duaal_doelgroep",
        _("Duale trajecten per doelgroep"),
        [_("Doelgroep"), *kop],
        [[str(doelgroepen[d]), *cijfers(per_groep.get(d, uk.Duaal()))] for d in Doelgroep.values],
        toelichting,
        grafiek=(0, [3]),
        eenheid="%",
    )
    return [route, groep]

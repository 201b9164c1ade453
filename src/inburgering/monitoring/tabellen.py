"""The dashboard's tables: one definition feeds the page (chart + table), CSV and XLSX."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import NamedTuple

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from inburgering.accounts.models import Gebruiker, Gemeente
from inburgering.dossiers import panelen
from inburgering.dossiers.models import Doelgroep, Geslacht
from inburgering.dossiers.workflow import WachtOp

from . import deelsom, gemeenten, statistiek, tabellen_uitkomsten, vooraf
from . import extractie as ex
from . import indicatoren as ind
from .definities import STAND, VERLOOP, omschrijving
from .grafieken import staafdiagram
from .models import Doelstelling, Indicator
from .relatie import Relatie, relatie
from .tabel import Tabel, celtekst, route_naam


def _fasen() -> dict[str, str]:
    return {
        "signaal": _("Signaal (DUO, COA of BRP)"),
        "eerste_contact": _("Eerste contact"),
        "intake": _("Start brede intake"),
        "lbt": _("Leerbaarheidstoets"),
        "pip": _("PIP vastgesteld"),
        "route_start": _("Start leerroute"),
    }


#: Extension point: tables that other apps add to the dashboard from their own records (a
#: function of the selection; it must respect `sel.gemeente_ids`). Registered from the app's
#: AppConfig.ready (`registreer_tabel`; ontzorgen does). The export finds them by `sleutel`.
EXTRA_TABELLEN: list[Callable[[ex.Selectie], Tabel]] = []


def registreer_tabel(maak: Callable[[ex.Selectie], Tabel]) -> None:
    if maak not in EXTRA_TABELLEN:
        EXTRA_TABELLEN.append(maak)


def tabellen(sel: ex.Selectie, *, deelsommen: bool = True) -> list[Tabel]:
    """Every table of the dashboard for the selection: SQL aggregates over its relation. The
    tables over time first (the whole population, open and closed), then the relation is
    narrowed to the people on the peildatum for the counts of people (`definities`); shown
    with the counts of people first, then the tables other apps registered (`EXTRA_TABELLEN`,
    which read their own records and state their own definitions). A selection of several
    gemeenten without filters is the sum of their kept partials (`deelsom`, ADR 0047), unless
    `deelsommen` is false (the one relation, which the tests compare the sum with)."""
    if deelsommen and deelsom.toepasbaar(sel):
        with deelsom.relatie(sel, _uit_relatie) as r:
            verloop, stand = _uit_relatie(r)
    else:
        with relatie(sel) as r:
            verloop, stand = _uit_relatie(r)
    for soort, lijst in ((STAND, stand), (VERLOOP, verloop)):
        regels = omschrijving(sel, soort)
        for tabel in lijst:
            tabel.soort, tabel.definities = soort, regels
    return stand + verloop + [maak(sel) for maak in EXTRA_TABELLEN]


def _uit_relatie(r: Relatie) -> tuple[list[Tabel], list[Tabel]]:
    """The tables over time, then those of the people on the peildatum (`r` narrowed)."""
    verloop = _verloop(r)
    gehuisvest = gemeenten.gehuisvest(r)
    return verloop, _stand(r.stand(), gehuisvest)


class Bewaard(NamedTuple):
    berekend: dt.datetime
    tabellen: list[Tabel]
    #: Computed ahead and a few minutes behind (ADR 0042), not renewed after each fact.
    vooraf: bool = False


def bewaarde_tabellen(sel: ex.Selectie) -> Bewaard:
    """`tabellen(sel)` and when they were computed, kept like the caseload panels
    (`dossiers.panelen`, ADR 0037): renewed as soon as a dossier of one of the selection's
    gemeenten changes (every fact in the log does that, after its commit) and otherwise after at
    most a minute (for records that change without a fact, and for another process's
    local-memory cache). The key holds the whole selection and the language of the labels.

    A selection that takes long to compute (the national one) is kept as computed, a few
    minutes at most, and renewed by the planner (`vooraf`, ADR 0042)."""
    kept = vooraf.bewaard(sel)
    if kept is not None:
        return Bewaard(kept.berekend, kept.tabellen, vooraf=True)

    def maak() -> Bewaard:
        begin, berekend = time.monotonic(), timezone.now()
        lijst = tabellen(sel)
        vooraf.bewaar(sel, berekend, lijst, time.monotonic() - begin)
        return Bewaard(berekend, lijst)

    return panelen.bewaard("monitoring", sel.gemeente_ids, (get_language(), repr(sel)), maak)


def _gemeentenamen(sel) -> dict[int, str]:
    return dict(Gemeente.objects.filter(pk__in=sel.gemeente_ids).values_list("pk", "naam"))


def _stand(r: Relatie, gehuisvest: dict) -> list[Tabel]:
    """The counts of people on the peildatum (`definities.STAND`)."""
    sel = r.sel
    fasen = _fasen()
    namen = _gemeentenamen(sel)
    result: list[Tabel] = [gemeenten.overzicht(r, namen, gehuisvest)]

    totaal, trechter = ind.funnel(r)
    result.append(
        Tabel(
            "trechter",
            _("Trechter: dossiers per stap"),
            [_("Stap"), _("Aantal dossiers"), _("% van gesignaleerd")],
            [[fasen[f], n, statistiek.aandeel(n, totaal)] for f, n in trechter],
            _("Dossiers die de stap op de peildatum hebben bereikt."),
            grafiek=(0, [1]),
        )
    )
    result.extend(_lbt_en_routes(r, namen))
    result.extend(tabellen_uitkomsten.stand(r))
    return result


def _verloop(r: Relatie) -> list[Tabel]:
    """Lead times, deadlines met and outcomes: open and closed (`definities.VERLOOP`)."""
    sel = r.sel
    fasen = _fasen()
    namen = _gemeentenamen(sel)
    result: list[Tabel] = []
    result.append(
        Tabel(
            "doorlooptijden",
            _("Doorlooptijden in dagen"),
            [
                _("Van"),
                _("Naar"),
                _("Aantal"),
                _("Mediaan"),
                _("80e percentiel"),
                _("95e percentiel"),
            ],
            [
                [fasen[van], fasen[naar], s.n, s.mediaan, s.p80, s.p95]
                for van, naar, s in ind.doorlooptijden(r)
            ],
            _("Alleen dossiers die beide stappen in deze volgorde hebben bereikt."),
        )
    )
    t = ind.pip_termijn(r)
    result.append(
        Tabel(
            "pip_termijn",
            _("PIP binnen de wettelijke termijn"),
            [_("Situatie"), _("Aantal")],
            [
                [_("PIP binnen de termijn"), t.binnen],
                [_("PIP na de termijn"), t.te_laat],
                [_("PIP zonder lopende termijn"), t.zonder_termijn],
                [_("Nog geen PIP, termijn verstreken"), t.open_verlopen],
                [_("Nog geen PIP, termijn loopt"), t.open_lopend],
            ],
            _("Aandeel binnen de termijn: %(p)s%% (Besluit inburgering 2021 art. 5.3).")
            % {"p": celtekst(t.aandeel_binnen)},
            grafiek=(0, [1]),
            extra={"aandeel": t.aandeel_binnen},
        )
    )
    if len(sel.gemeente_ids) > 1:
        per = ind.pip_termijn_per_gemeente(r)
        result.append(
            Tabel(
                "pip_termijn_gemeente",
                _("PIP binnen de termijn per gemeente"),
                [_("Gemeente"), _("PIP binnen"), _("PIP na"), _("% binnen")],
                sorted(
                    [namen.get(g, "?"), v.binnen, v.te_laat, v.aandeel_binnen]
                    for g, v in per.items()
                ),
            )
        )
    wacht = dict(WachtOp.choices)
    result.append(
        Tabel(
            "redenen_vertraging",
            _("Redenen van vertraging (PIP te laat of termijn verstreken)"),
            [_("Wacht op"), _("Aantal dossiers")],
            [
                [str(wacht.get(reden, _("geen reden vastgelegd"))), n]
                for reden, n in ind.redenen_vertraging(r).most_common()
            ],
        )
    )
    result.append(
        Tabel(
            "wachttijd_aanbieder",
            _("Wachttijd van aanmelding tot start per cursusinstelling en leerroute (dagen)"),
            [_("Cursusinstelling"), _("Leerroute"), _("Aantal"), _("Mediaan"), _("80e percentiel")],
            [
                [instelling or _("onbekend"), route_naam(route), s.n, s.mediaan, s.p80]
                for (instelling, route), s in ind.wachttijd_aanbieder(r).items()
            ],
        )
    )
    # Outcomes (items 5 and 3): uitkomsten.py, tabellen_uitkomsten.py.
    result.extend(tabellen_uitkomsten.verloop(r))
    # Local targets (item 6).
    result.append(_doelen(r, namen))
    return result


def _lbt_en_routes(r: Relatie, namen) -> list[Tabel]:
    sel = r.sel
    result: list[Tabel] = []
    # Seed 004, Table 1 and Table 2.
    result.append(_tabel1(ind.lbt_tabel1(r)))
    result.append(
        _tabel2(
            "lbt_conform",
            _("Leerroute conform of in strijd met de LBT (tabel 2)"),
            {"": ind.lbt_tabel2(r)},
            None,
            sel.cesuur_evaluatie,
        )
    )
    per_consulent = ind.lbt_tabel2_per_consulent(r)
    # Only the name's fields: nationally these are thousands of users, and each loaded
    # timestamp costs a parse in Python (Django's time-zone loader).
    gebruikers = Gebruiker.objects.filter(pk__in=set(per_consulent))
    consulenten = {
        u.pk: u.weergavenaam for u in gebruikers.only("first_name", "last_name", "username")
    }
    for sleutel, titel, kop, per, label in [
        (
            "lbt_conform_gemeente",
            _("Conform de LBT per gemeente"),
            _("Gemeente"),
            ind.lbt_tabel2_per_gemeente(r),
            lambda k: namen.get(k, "?"),
        ),
        (
            "lbt_conform_consulent",
            _("Conform de LBT per consulent"),
            _("Consulent"),
            per_consulent,
            lambda k: consulenten.get(k, _("geen consulent")),
        ),
        (
            "lbt_conform_jaar",
            _("Conform de LBT per jaar van de toets"),
            _("Jaar"),
            ind.lbt_tabel2_per_jaar(r),
            str,
        ),
    ]:
        result.append(
            _tabel2(
                sleutel, titel, {label(k): v for k, v in per.items()}, kop, sel.cesuur_evaluatie
            )
        )

    # Routes (item 3, partly): route per doelgroep, schakelen and afschalen.
    doelgroepen = dict(Doelgroep.choices)
    verdeling = ind.routes(r)
    gewisseld, wissels = ind.routewissels(r)
    result.append(
        Tabel(
            "routes",
            _("Leerroute per doelgroep (laatste PIP)"),
            [_("Doelgroep"), *[route_naam(r) for r in ind.ROUTES]],
            [
                [str(doelgroepen.get(d, d)), *[verdeling.get((d, r), 0) for r in ind.ROUTES]]
                for d in Doelgroep.values
            ],
            _(
                "Dossiers met een andere leerroute in een latere PIP-versie: %(n)s "
                "(%(w)s wisselingen, schakelen en afschalen samen)."
            )
            % {"n": gewisseld, "w": wissels},
            grafiek=(0, [1, 2, 3]),
        )
    )

    # Routes by sex and by age group on the peildatum (item 3, rest).
    geslachten = [(g, str(label)) for g, label in Geslacht.choices] + [("", _("onbekend"))]
    groepen = [(label, label.replace("-", "–")) for label, _v in ind.LEEFTIJDSGROEPEN] + [
        ("", _("onbekend"))
    ]
    for sleutel, titel, kop, verdeling, waarden, toelichting in [
        (
            "routes_geslacht",
            _("Leerroute per doelgroep en geslacht (laatste PIP)"),
            _("Geslacht"),
            ind.routes_geslacht(r),
            geslachten,
            _("Geslacht zoals nu vastgelegd bij de inburgeraar."),
        ),
        (
            "routes_leeftijd",
            _("Leerroute per doelgroep en leeftijdsgroep (laatste PIP)"),
            _("Leeftijd"),
            ind.routes_leeftijd(r),
            groepen,
            _(
                "Leeftijd in hele jaren op de peildatum; groepen <18, 18–26, 27–39, 40–54 en 55+ "
                "(een indeling voor rapportage, geen wettelijke indeling)."
            ),
        ),
    ]:
        result.append(_routes_per(sleutel, titel, kop, verdeling, waarden, toelichting))

    # Termijn at risk (item 4): aggregate; the list is on its own page.
    result.append(_termijn_risico(ind.termijn_risico_telling(r)))
    return result


def _routes_per(sleutel, titel, kop, verdeling, waarden, toelichting) -> Tabel:
    doelgroepen = dict(Doelgroep.choices)
    rijen = []
    for d in Doelgroep.values:
        for code, label in waarden:
            getallen = [verdeling.get((d, code, r), 0) for r in ind.ROUTES]
            if code == "" and not any(getallen):
                continue  # the "unknown" row only when it has dossiers
            rijen.append([str(doelgroepen[d]), label, *getallen, sum(getallen)])
    tabel = Tabel(
        sleutel,
        titel,
        [_("Doelgroep"), kop, *[route_naam(r) for r in ind.ROUTES], _("Totaal")],
        rijen,
        toelichting,
    )
    if any(r[-1] for r in rijen):
        tabel.extra["grafiek"] = staafdiagram(
            titel,
            [f"{r[0]}: {r[1]}" for r in rijen],
            [(tabel.kolommen[k], [r[k] for r in rijen]) for k in (2, 3, 4)],
        )
    return tabel


def risico_banden() -> dict[str, str]:
    return {
        ind.RISICO_VERSTREKEN: _("Termijn al verstreken"),
        ind.RISICO_6: _("Eindigt binnen 6 maanden"),
        ind.RISICO_12: _("Eindigt over 6 tot 12 maanden"),
    }


def risico_redenen() -> dict[str, str]:
    return {
        ind.NIET_GESTART: _("Leerroute nog niet gestart"),
        ind.B1_ZONDER_EXAMEN: _("B1-route zonder examenresultaat"),
    }


def termijn_bronnen() -> dict[str, str]:
    return {ex.TERMIJN_DUO: _("DUO"), ex.TERMIJN_BEREKEND: _("berekend")}


def _termijn_risico(risico: dict[tuple[str, str, str], int]) -> Tabel:
    """`risico`: dossiers per (band, reden, bron of the end date)."""

    def som(band, reden=None, bron=None) -> int:
        return sum(
            n
            for (b, r, o), n in risico.items()
            if b == band and reden in (None, r) and bron in (None, o)
        )

    rijen = [
        [
            label,
            som(band),
            som(band, reden=ind.NIET_GESTART),
            som(band, reden=ind.B1_ZONDER_EXAMEN),
            som(band, bron=ex.TERMIJN_DUO),
            som(band, bron=ex.TERMIJN_BEREKEND),
        ]
        for band, label in risico_banden().items()
    ]
    return Tabel(
        "termijn_risico",
        _("Inburgeringstermijn in gevaar"),
        [
            _("Einde termijn"),
            _("Aantal dossiers"),
            _("Leerroute nog niet gestart"),
            _("B1-route zonder examenresultaat"),
            _("Einddatum van DUO"),
            _("Einddatum berekend"),
        ],
        rijen,
        _(
            "Open dossiers waarvan de inburgeringstermijn binnen 12 maanden na de peildatum "
            "eindigt (of al verstreken is) en die weinig voortgang tonen: de leerroute is nog "
            "niet gestart, of de B1-route loopt zonder enig examenresultaat. Einde termijn: de "
            "einddatum van DUO als die er is, anders berekend (Wi art. 11: drie jaar vanaf de "
            "dag na de dagtekening van het eerste PIP)."
        ),
        grafiek=(0, [2, 3]),
        extra={"lijst": "monitoring:termijn_risico"},
    )


def _tabel1(t1: dict[str, dict[str, int]]) -> Tabel:
    """Seed 004 Table 1 as published: per route (and in total) the number and the share of
    each score band in that column, and a total row."""
    kolommen: list[str] = [_("Score")]
    for naam in [*(route_naam(r) for r in ind.ROUTES), _("Totaal")]:
        kolommen += [naam, _("%(kolom)s (%%)") % {"kolom": naam}]
    per_band = {b: [*t1[b].values(), sum(t1[b].values())] for b in ind.BANDEN}
    totalen = [sum(aantallen) for aantallen in zip(*per_band.values(), strict=True)]

    def rij(label: str, aantallen: list[int]) -> list:
        cellen: list = [label]
        for n, totaal in zip(aantallen, totalen, strict=True):
            cellen += [n, statistiek.aandeel(n, totaal)]
        return cellen

    rijen = [rij(b.replace("-", "–"), per_band[b]) for b in ind.BANDEN]
    rijen.append(rij(_("Totaal"), totalen))
    return Tabel(
        "lbt_route",
        _("Score leerbaarheidstoets naar leerroute (SZW-evaluatie, tabel 1)"),
        kolommen,
        rijen,
        _(
            "Laatste LBT-score en de leerroute van het laatste PIP op de peildatum; het "
            "percentage is het aandeel van de scoregroep in de kolom, zoals in tabel 1 van de "
            "evaluatie. De indeling in scoregroepen hangt niet af van de gekozen cesuur."
        ),
        grafiek=(0, [1, 3, 5, 7]),
        totaalrij=True,
    )


def _tabel2(sleutel, titel, groepen: dict, kop, cesuur_evaluatie: bool) -> Tabel:
    kolommen = [
        _("Leerroute"),
        _("Conform LBT"),
        _("% conform"),
        _("In strijd met LBT"),
        _("% in strijd"),
    ]
    if kop:
        kolommen = [kop, *kolommen]
    rijen = []
    for groep, tabel in groepen.items():
        totaal = [0, 0]
        for route, (c, s) in tabel.items():
            rijen.append(
                ([groep] if kop else [])
                + [
                    route_naam(route),
                    c,
                    statistiek.aandeel(c, c + s),
                    s,
                    statistiek.aandeel(s, c + s),
                ]
            )
            totaal[0] += c
            totaal[1] += s
        c, s = totaal
        rijen.append(
            ([groep] if kop else [])
            + [_("Totaal"), c, statistiek.aandeel(c, c + s), s, statistiek.aandeel(s, c + s)]
        )
    return Tabel(
        sleutel,
        titel,
        kolommen,
        rijen,
        " ".join(
            [
                _(
                    "Conform: B1-route of onderwijsroute bij 'haalbaar', Z-route bij 'niet "
                    "haalbaar' (Wi art. 14 lid 5; definitie SZW-evaluatie). Zonder LBT of "
                    "leerroute niet geteld."
                ),
                _("'Haalbaar' met de cesuur van 28 voor elke toets, zoals de SZW-evaluatie telde.")
                if cesuur_evaluatie
                else _(
                    "'Haalbaar' met de cesuur die gold op de toetsdatum (31 vóór 12 april 2023, "
                    "daarna 28)."
                ),
            ]
        ),
        grafiek=None if kop else (0, [2, 4]),
        eenheid="%",
    )


def _doelen(r: Relatie, namen) -> Tabel:

    sel = r.sel
    streef = {
        (d.gemeente_id, d.indicator): d.streefwaarde
        for d in Doelstelling.objects.filter(gemeente_id__in=sel.gemeente_ids)
    }
    per_gemeente = ind.doelen_per_gemeente(r)
    leeg = {i: ind.Doelrealisatie(i, 0, 0) for i in Indicator}
    tabel_rijen = []
    for gemeente_id in sorted(sel.gemeente_ids, key=lambda g: namen.get(g, "")):
        werkelijk = leeg | per_gemeente.get(gemeente_id, {})
        for indicator in Indicator:
            doel = streef.get((gemeente_id, indicator.value))
            w = werkelijk[indicator]
            if doel is None and w.noemer is None:
                continue
            tabel_rijen.append(
                [
                    namen.get(gemeente_id, "?"),
                    str(indicator.label),
                    w.percentage if w.noemer is not None else _("nog niet gemeten"),
                    w.noemer,
                    doel,
                    _("gehaald")
                    if doel is not None and w.percentage is not None and w.percentage >= doel
                    else (
                        _("niet gehaald") if doel is not None and w.percentage is not None else "–"
                    ),
                ]
            )
    grafiek_rijen = [r for r in tabel_rijen if isinstance(r[2], float) and r[4] is not None]
    tabel = Tabel(
        "doelen",
        _("Lokale doelen: werkelijk tegen streefwaarde"),
        [
            _("Gemeente"),
            _("Indicator"),
            _("Werkelijk (%)"),
            _("Aantal dossiers"),
            _("Streefwaarde (%)"),
            _("Oordeel"),
        ],
        tabel_rijen,
        _(
            "Alleen dossiers waarvan de periode op de peildatum helemaal verstreken is. "
            "Participatie: metingen van de consulent binnen 3 (of 2) jaar na het eerste PIP; "
            "het aantal dossiers is het aantal met een meting in die periode (bij uitkering: "
            "met uitkering bij de eerste meting)."
        ),
        eenheid="%",
    )
    if grafiek_rijen:
        tabel.extra["grafiek"] = staafdiagram(
            tabel.titel,
            [f"{r[0]}: {r[1]}" if len(sel.gemeente_ids) > 1 else r[1] for r in grafiek_rijen],
            [
                (_("Werkelijk"), [r[2] for r in grafiek_rijen]),
                (_("Streefwaarde"), [r[4] for r in grafiek_rijen]),
            ],
            "%",
        )
    return tabel

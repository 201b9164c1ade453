"""The history columns of the migration import (issue 23, item 4): exam results, participation
measurements and costs, several per dossier in one cell, so that a migrated dossier carries
its outcomes (docs/import.md, "Geschiedenis"). Closing reasons are the existing columns
`afgesloten_op` and `afsluitreden` (now also `uitval`).

One cell holds entries separated by `|`; an entry's parts are separated by spaces:

* `examens`: `ONDERDEEL DATUM UITSLAG`, e.g. `LE 2024-05-01 geslaagd | KNM 2024-06-03 gezakt`
  (onderdeel LE, LU, SC, SP or KNM; uitslag geslaagd, gezakt or geen);
* `participatie`: `MOMENT DATUM SITUATIE[+SITUATIE]`, e.g. `6 2024-09-01 werk+uitkering`
  (moment 6, 12 or 24; after the start of the leerroute);
* `kosten`: `POST DATUM BEDRAG`, e.g. `leerroute 2024-03-01 1250,00 | tolk 2024-03-10 75`
  (post as in the dossier; bedrag in euro, greater than zero).

Each entry becomes one event with `bron = import`, in date order with the other events, and is
checked like the row's other fields: a wrong entry makes the row invalid, with a message naming
the column and the entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inburgering.dossiers.forms_uitkomsten import bedrag_in_centen
from inburgering.dossiers.services import Nieuw
from inburgering.dossiers.uitkomsten import EXCLUSIEF, MOMENTEN, Kostenpost, Participatiestatus
from inburgering.dossiers.workflow import Soort
from inburgering.invoer import VROEGSTE_DATUM

from .uitkomsten import ONDERDELEN

#: (column, description) for the import page and docs/import.md.
KOLOMMEN = [
    ("examens", gettext_lazy("examenresultaten: ONDERDEEL DATUM UITSLAG, gescheiden door |")),
    ("participatie", gettext_lazy("metingen: MOMENT DATUM SITUATIE(+SITUATIE), gescheiden door |")),
    ("kosten", gettext_lazy("kosten: POST DATUM BEDRAG, gescheiden door |")),
]
UITSLAGEN = {"geslaagd": "Geslaagd", "gezakt": "Gezakt", "geen": "Geen"}
#: Highest amount per registration, as the dossier's form allows (cents).
MAX_CENTS = 5_000_000


def _delen(cel: str) -> list[list[str]]:
    return [deel.split() for deel in cel.split("|") if deel.strip()]


def _datum(tekst: str, lees: Callable[[str], dt.date]) -> dt.date | str:
    """The date, or the message."""
    try:
        datum = lees(tekst)
    except ValueError:
        return _("'%(w)s' is geen datum; gebruik jjjj-mm-dd of dd-mm-jjjj.") % {"w": tekst}
    if datum > timezone.localdate():
        return _("De datum %(d)s ligt in de toekomst.") % {"d": tekst}
    if datum < VROEGSTE_DATUM:
        return _("Controleer het jaartal: de datum ligt vóór 1900.")
    return datum


def valideer(r: dict, w: dict, lees: Callable[[str], dt.date]) -> tuple[list[Nieuw], list]:
    """(events, [(column, message)]) of the row's history columns. `w` holds the row's parsed
    dates (`leerroute_gestart` for the participation check); `lees` parses a date."""
    events: list[Nieuw] = []
    fouten: list[tuple[str, str]] = []

    def fout(kolom: str, nummer: int, melding: str) -> None:
        fouten.append((kolom, _("Onderdeel %(n)s: %(m)s") % {"n": nummer, "m": melding}))

    for n, deel in enumerate(_delen(r.get("examens", "")), start=1):
        if len(deel) != 3:
            fout(
                "examens",
                n,
                _("gebruik ONDERDEEL DATUM UITSLAG, bijvoorbeeld LE 2024-05-01 geslaagd."),
            )
            continue
        onderdeel, datum, uitslag = deel[0].upper(), _datum(deel[1], lees), deel[2].lower()
        if onderdeel not in ONDERDELEN:
            fout(
                "examens",
                n,
                _("onbekend examenonderdeel '%(o)s'; gebruik LE, LU, SC, SP of KNM.")
                % {"o": deel[0]},
            )
        if uitslag not in UITSLAGEN:
            fout("examens", n, _("gebruik als uitslag geslaagd, gezakt of geen."))
        if isinstance(datum, str):
            fout("examens", n, datum)
        elif onderdeel in ONDERDELEN and uitslag in UITSLAGEN:
            gegevens = {"onderdeel": onderdeel, "resultaat": UITSLAGEN[uitslag]}
            events.append(Nieuw(Soort.EXAMENRESULTAAT, datum, gegevens))

    start = w.get("leerroute_gestart")
    statussen = set(Participatiestatus.values)
    for n, deel in enumerate(_delen(r.get("participatie", "")), start=1):
        if len(deel) != 3:
            fout(
                "participatie",
                n,
                _("gebruik MOMENT DATUM SITUATIE, bijvoorbeeld 6 2024-09-01 werk."),
            )
            continue
        moment, datum, situatie = deel[0], _datum(deel[1], lees), deel[2].lower().split("+")
        goed = True
        if not moment.isdigit() or int(moment) not in MOMENTEN:
            fout("participatie", n, _("het moment is 6, 12 of 24 (maanden)."))
            goed = False
        if onbekend := [s for s in situatie if s not in statussen]:
            fout(
                "participatie",
                n,
                _("onbekende situatie '%(s)s'; gebruik %(keuzes)s.")
                % {"s": "+".join(onbekend), "keuzes": ", ".join(Participatiestatus.values)},
            )
            goed = False
        elif set(situatie) & EXCLUSIEF and len(set(situatie)) > 1:
            fout("participatie", n, _("'geen' en 'onbekend' gaan niet samen met iets anders."))
            goed = False
        if isinstance(datum, str):
            fout("participatie", n, datum)
            goed = False
        elif start is None:
            fout("participatie", n, _("een meting kan alleen na de start van de leerroute."))
            goed = False
        elif datum < start:
            fout("participatie", n, _("de meting ligt vóór de start van de leerroute."))
            goed = False
        if goed:
            gegevens = {"moment": moment, "status": sorted(set(situatie))}
            events.append(Nieuw(Soort.PARTICIPATIE_GEMETEN, datum, gegevens))

    posten = set(Kostenpost.values)
    for n, deel in enumerate(_delen(r.get("kosten", "")), start=1):
        if len(deel) != 3:
            fout("kosten", n, _("gebruik POST DATUM BEDRAG, bijvoorbeeld tolk 2024-03-10 75,00."))
            continue
        post, datum, tekst = deel[0].lower(), _datum(deel[1], lees), deel[2]
        cents = None
        goed = True
        if post not in posten:
            fout(
                "kosten",
                n,
                _("onbekende kostenpost '%(p)s'; gebruik %(keuzes)s.")
                % {"p": deel[0], "keuzes": ", ".join(Kostenpost.values)},
            )
            goed = False
        if tekst.lstrip("€").startswith("-"):
            fout("kosten", n, _("een bedrag kan niet negatief zijn."))
            goed = False
        else:
            try:
                cents = bedrag_in_centen(tekst)
            except forms.ValidationError as exc:
                fout("kosten", n, " ".join(exc.messages))
                goed = False
            else:
                if cents <= 0 or cents > MAX_CENTS:
                    fout("kosten", n, _("het bedrag is groter dan € 0 en hoogstens € 50.000."))
                    goed = False
        if isinstance(datum, str):
            fout("kosten", n, datum)
            goed = False
        if goed:
            gegevens = {"bedrag_cents": cents, "post": post}
            events.append(Nieuw(Soort.KOSTEN_GEREGISTREERD, datum, gegevens))
    return events, fouten

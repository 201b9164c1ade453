"""Calendar helpers: month/year arithmetic and the Algemene termijnenwet (Atw, BWBR0002448).

Atw holidays (art. 3 lid 1 and 2): Nieuwjaarsdag, Goede Vrijdag (equated by lid 2), tweede
Paasdag, Hemelvaartsdag, tweede Pinksterdag, the day the King's birthday is celebrated
(Koningsdag: 27 April, or 26 April when the 27th is a Sunday, from 2014; before 2014
Koninginnedag 30 April, or 29 April when the 30th is a Sunday), 5 May every year (the Atw lists
"de vijfde mei" without the five-yearly rule that applies to collective labour agreements),
and both Christmas days. Days equated by royal decree (art. 3 lid 3) are passed in as
``extra``. Atw art. 2 (at least two working days in a termijn of 3+ days) never bites for
the 2-, 8- and 10-week termijnen in this package and is not implemented.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

from .beleidskeuzes import STANDAARD, Beleidskeuzes, OntbrekendeDag, Periodeeinde


def paaszondag(jaar: int) -> date:
    """Easter Sunday (Gregorian calendar; anonymous Meeus/Jones/Butcher algorithm)."""
    a = jaar % 19
    b, c = divmod(jaar, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    L = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * L) // 451
    maand, dag = divmod(h + L - 7 * m + 114, 31)
    return date(jaar, maand, dag + 1)


def koningsdag(jaar: int) -> date:
    """The day the King's (Queen's) birthday is celebrated (Atw art. 3 lid 1)."""
    dag = date(jaar, 4, 27) if jaar >= 2014 else date(jaar, 4, 30)
    return dag - timedelta(days=1) if dag.weekday() == 6 else dag


def atw_feestdagen(jaar: int) -> dict[date, str]:
    """The Atw's algemeen erkende feestdagen in a year (art. 3 lid 1-2), with names."""
    pasen = paaszondag(jaar)
    return {
        date(jaar, 1, 1): "Nieuwjaarsdag",
        pasen - timedelta(days=2): "Goede Vrijdag",
        pasen + timedelta(days=1): "Tweede Paasdag",
        koningsdag(jaar): "Koningsdag",
        date(jaar, 5, 5): "Bevrijdingsdag (5 mei)",
        pasen + timedelta(days=39): "Hemelvaartsdag",
        pasen + timedelta(days=50): "Tweede Pinksterdag",
        date(jaar, 12, 25): "Eerste Kerstdag",
        date(jaar, 12, 26): "Tweede Kerstdag",
    }


def is_atw_rustdag(dag: date, extra: Iterable[date] = ()) -> bool:
    """Saturday, Sunday or Atw holiday (incl. ``extra`` days equated under art. 3 lid 3)."""
    return dag.weekday() >= 5 or dag in atw_feestdagen(dag.year) or dag in set(extra)


def atw_verschuiving(einde: date, opties: Beleidskeuzes = STANDAARD) -> date:
    """Atw art. 1 lid 1: move an end date off Saturdays, Sundays and holidays (if enabled)."""
    if not opties.algemene_termijnenwet:
        return einde
    while is_atw_rustdag(einde, opties.extra_feestdagen):
        einde += timedelta(days=1)
    return einde


@lru_cache(maxsize=65_536)  # pure; monitoring calls it for every dossier of a national set
def plus_maanden(dag: date, maanden: int, opties: Beleidskeuzes = STANDAARD) -> date:
    """Add (or subtract) whole months; a missing day follows ``opties.ontbrekende_dag``."""
    index = dag.year * 12 + (dag.month - 1) + maanden
    jaar, maand0 = divmod(index, 12)
    maand = maand0 + 1
    lengte = calendar.monthrange(jaar, maand)[1]
    if dag.day <= lengte:
        return date(jaar, maand, dag.day)
    if opties.ontbrekende_dag is OntbrekendeDag.AFKAPPEN:
        return date(jaar, maand, lengte)
    return date(jaar, maand, lengte) + timedelta(days=1)


def plus_jaren(dag: date, jaren: int, opties: Beleidskeuzes = STANDAARD) -> date:
    """Add whole years (see ``plus_maanden`` for 29 February)."""
    return plus_maanden(dag, 12 * jaren, opties)


def einde_periode(start: date, maanden: int, opties: Beleidskeuzes = STANDAARD) -> date:
    """End of a period of ``maanden`` months that starts (inclusive) on ``start``.

    With ``Periodeeinde.LAATSTE_DAG`` this is the last day inside the period, with
    ``VERVALDAG`` the calendar anniversary of the start.
    """
    vervaldag = plus_maanden(start, maanden, opties)
    if opties.periodeeinde is Periodeeinde.VERVALDAG:
        return vervaldag
    return vervaldag - timedelta(days=1)


def weken_na(dag: date, weken: int, opties: Beleidskeuzes = STANDAARD) -> date:
    """ "``weken`` weken na de dag van ``dag``": ``dag`` + 7 x weken (minus 1 if counted in)."""
    return dag + timedelta(days=7 * weken - (1 if opties.dag_zelf_meetellen else 0))


def datum_nl(dag: date) -> str:
    """Dutch date notation dd-mm-jjjj for explanation sentences."""
    return dag.strftime("%d-%m-%Y")

import datetime as dt
import io
from contextlib import contextmanager

from django.core.management import call_command

from inburgering.dossiers.services import Nieuw, registreer_reeks
from inburgering.dossiers.workflow import Soort
from tests.conftest import maak_dossier


def traject(
    gemeente,
    start: dt.date,
    *,
    consulent=None,
    lbt=None,
    pip=None,
    route="b1",
    start_route=None,
    contact=None,
    intake=None,
    **persoon,
):
    """A dossier with kennisgeving on `start` and the given milestones (days after start)."""
    dossier = maak_dossier(gemeente, consulent=consulent, kennisgeving=start, **persoon)
    dag = lambda n: start + dt.timedelta(days=n)  # noqa: E731
    reeks = []
    if contact is not None:
        reeks.append(Nieuw(Soort.CONTACT, dag(contact), {"kanaal": "telefoon"}))
    if intake is not None:
        reeks.append(Nieuw(Soort.INTAKE_GESTART, dag(intake)))
    if lbt is not None:
        score, n = lbt
        reeks.append(Nieuw(Soort.LBT_AFGENOMEN, dag(n), {"score": score}))
    if pip is not None:
        if intake is None:
            reeks.append(Nieuw(Soort.INTAKE_GESTART, dag(pip - 2)))
        reeks.append(Nieuw(Soort.INTAKE_AFGEROND, dag(pip - 1)))
        reeks.append(Nieuw(Soort.PIP_VASTGESTELD, dag(pip), {"leerroute": route}))
    if start_route is not None:
        reeks.append(Nieuw(Soort.LEERROUTE_GESTART, dag(start_route)))
    reeks.sort(key=lambda n: n.datum)
    if reeks:
        registreer_reeks(dossier, reeks)
    return dossier


def bereken(functie, sel, *args):
    """One indicator function over the selection's relation (`monitoring.relatie`)."""
    from inburgering.monitoring.relatie import relatie

    with relatie(sel) as r:
        return functie(r, *args)


def over_rijen(functie, mijlpalen, *args, peildatum=dt.date(2025, 1, 1)):
    """One indicator function over hand-built milestones."""
    from inburgering.monitoring.extractie import Selectie
    from inburgering.monitoring.relatie import van_rijen

    with van_rijen(Selectie((), peildatum), mijlpalen) as r:
        return functie(r, *args)


@contextmanager
def landelijke_set(django_db_blocker, *, seed: int, dossiers: int = 400):
    """A small landelijk set (bulk profile, several gemeenten) for a module's tests, removed
    afterwards: use in a module-scoped fixture (`with landelijke_set(...): yield`)."""
    with django_db_blocker.unblock():
        call_command(
            "demo_data", "--profiel", "landelijk", "--dossiers", str(dossiers), "--seed",
            str(seed), stdout=io.StringIO(),
        )  # fmt: skip
        try:
            yield
        finally:
            call_command("demo_data", "--alleen-reset", stdout=io.StringIO())

"""The access matrix: every URL pattern, every role, inside and outside the user's scope.

The patterns come from the URLconf itself, so a new page is requested here without anyone
remembering it; its expected access must be declared in VERWACHT (one line), or the test fails
and says so. Each request runs in a savepoint that is rolled back, so every request sees the
same data and the whole matrix needs one setup.

Outcomes per (pattern, role, method, object):
* anonymous or inactive user: to the login page (see ANONIEM below);
* role without access: 403;
* an object outside the user's scope: 404, the same as an object that does not exist;
* allowed and inside scope: 200, 302 (not to the login page), 400 or 409; never 5xx.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

import inburgering
from inburgering.accounts.models import GemeenteConfiguratie, Rol, Samenwerkingsverband, Team
from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Soort
from inburgering.intake import oproepen
from inburgering.intake.brieven import kenmerk_van
from inburgering.intake.models import Afspraak
from inburgering.koppelingen.duo import client as duo_client
from inburgering.koppelingen.models import InkomendBericht, Status, UitgaandBericht
from inburgering.monitoring.models import Importtaak, Rapportage
from inburgering.ontzorgen.models import Betaalbatch
from inburgering.partners import services as partner_services
from inburgering.partners.models import Grond, Medewerker, Organisatie, Organisatiesoort
from inburgering.pip import services as pip_services
from inburgering.traject import services as traject_services
from inburgering.traject.models import Locatie
from inburgering.verhuizing import services as verhuizing_services
from tests.conftest import maak_dossier, maak_gebruiker
from tests.handhaving import factories as handhaving_factories
from tests.pip.conftest import bij_duo_bekend, rond_intake_af
from tests.traject import factories as traject_factories

pytestmark = pytest.mark.django_db

GET_POST = frozenset({"GET", "POST"})
ALLEEN_POST = frozenset({"POST"})
DOSSIERROLLEN = frozenset({Rol.CONSULENT, Rol.TEAMLEIDER, Rol.KWALITEIT})
MONITORING = frozenset({Rol.TEAMLEIDER, Rol.KWALITEIT})
ALLE_ROLLEN = frozenset(Rol.values)
BEHEER = frozenset({Rol.BEHEERDER})
ROLLEN = [*Rol.values, "inactief", "anoniem"]


@dataclass(frozen=True)
class Regel:
    """Who may use a page. `rollen` pass the role check; `scope` names the object in the URL
    that is checked against the user's gemeenten; `na_scope` narrows the roles once the object
    is found (health data: the dossier first, then the role); `publiek` lists the statuses of
    a page without login (the same for everyone)."""

    rollen: frozenset = frozenset()
    scope: str = ""
    methoden: frozenset = GET_POST
    na_scope: frozenset | None = None
    publiek: frozenset | None = None


def dossierpagina(**extra) -> Regel:
    return Regel(DOSSIERROLLEN, scope="dossier", **extra)


#: The expected access of every named URL pattern (unnamed ones by their route). A new page
#: makes the test fail until it has a line here.
VERWACHT: dict[str, Regel] = {
    "start": Regel(publiek=frozenset({302, "login"})),  # the role's start page, or the login
    "accounts:login": Regel(publiek=frozenset({200, 302})),
    "accounts:logout": Regel(publiek=frozenset({"login", 405})),
    # Login through the identity provider: 404 while OIDC_ISSUER is empty (as here); with it,
    # public (tests/accounts/test_oidc.py walks the flow).
    "accounts:oidc_inloggen": Regel(publiek=frozenset({404, 405})),
    "accounts:oidc_terug": Regel(publiek=frozenset({404, 405})),
    "accounts:inzagelog": Regel(frozenset({Rol.PRIVACY})),
    "set_language": Regel(publiek=frozenset({302})),
    "dossiers:caseload": Regel(DOSSIERROLLEN),
    "dossiers:nieuw": Regel(DOSSIERROLLEN),
    "dossiers:bulk": Regel(DOSSIERROLLEN, methoden=ALLEEN_POST),
    "dossiers:dossier": dossierpagina(),
    "dossiers:uitkomsten": dossierpagina(),
    "dossiers:persoonsgegevens": dossierpagina(),
    "intake:contact": dossierpagina(),
    "intake:afspraak_status": dossierpagina(methoden=ALLEEN_POST),
    "intake:oproepen": dossierpagina(),
    "intake:brief": dossierpagina(),
    "intake:brede_intake": dossierpagina(),
    "intake:gezondheid": dossierpagina(na_scope=frozenset({Rol.CONSULENT})),
    "intake:toets_en_route": dossierpagina(),
    "pip:pip": dossierpagina(),
    "pip:beschikking": dossierpagina(),
    "pip:samenvatting": dossierpagina(),
    "pip:samenvatting_pdf": dossierpagina(),
    "examens:examens": dossierpagina(),
    "pip:beschikking_verzonden": dossierpagina(methoden=ALLEEN_POST),
    "intake:brief_pdf": dossierpagina(methoden=frozenset({"GET"})),
    "brieven:contactgegevens": Regel(ALLE_ROLLEN),
    "brieven:briefhoofden": Regel(frozenset({Rol.BEHEERDER}), methoden=frozenset({"GET"})),
    "brieven:briefhoofd": Regel(frozenset({Rol.BEHEERDER}), scope="gemeente"),
    "intake:briefteksten": Regel(frozenset({Rol.BEHEERDER}), methoden=frozenset({"GET"})),
    "intake:brieftekst": Regel(frozenset({Rol.BEHEERDER}), scope="gemeente"),
    "traject:route": dossierpagina(),
    "termijn:termijn": dossierpagina(),
    "termijn:werklijst": Regel(DOSSIERROLLEN, methoden=frozenset({"GET"})),
    "traject:upload": Regel(DOSSIERROLLEN),
    "traject:aanbieders": Regel(frozenset({Rol.BEHEERDER}), methoden=frozenset({"GET"})),
    "traject:aanbieder_nieuw": Regel(frozenset({Rol.BEHEERDER})),
    "traject:aanbieder": Regel(frozenset({Rol.BEHEERDER})),  # providers are shared
    "traject:product": Regel(frozenset({Rol.BEHEERDER})),
    "traject:locatie": Regel(frozenset({Rol.BEHEERDER})),
    "traject:contracten": Regel(frozenset({Rol.BEHEERDER}), methoden=frozenset({"GET"})),
    "traject:contract_nieuw": Regel(frozenset({Rol.BEHEERDER})),
    "traject:contract": Regel(frozenset({Rol.BEHEERDER}), scope="contract"),
    "traject:instellingen": Regel(frozenset({Rol.BEHEERDER})),
    "handhaving:handhaving": dossierpagina(),
    "handhaving:voornemen_pdf": dossierpagina(methoden=frozenset({"GET"})),
    "handhaving:beschikking_pdf": dossierpagina(methoden=frozenset({"GET"})),
    "handhaving:invordering": Regel(DOSSIERROLLEN, methoden=frozenset({"GET"})),
    "ontzorgen:dossier": dossierpagina(),
    "ontzorgen:batches": Regel(DOSSIERROLLEN),
    "ontzorgen:batch": Regel(DOSSIERROLLEN, scope="batch"),  # per gemeente
    "ontzorgen:batch_bestand": Regel(DOSSIERROLLEN, scope="batch", methoden=frozenset({"GET"})),
    "ontzorgen:import": Regel(DOSSIERROLLEN),
    # The move (verhuizing): the dossier's tab and its package; the receiving gemeente's list,
    # a waiting package (scope: addressed to one of the user's gemeenten), reading a file.
    "verhuizing:verhuizing": dossierpagina(),
    "verhuizing:pakket_json": dossierpagina(methoden=frozenset({"GET"})),
    "verhuizing:pakket_pdf": dossierpagina(methoden=frozenset({"GET"})),
    "verhuizing:inkomend": Regel(DOSSIERROLLEN, methoden=frozenset({"GET"})),
    "verhuizing:inlezen": Regel(DOSSIERROLLEN),
    "verhuizing:overdracht": Regel(DOSSIERROLLEN, scope="overdracht"),
    # DUO's machine endpoint: its own authentication (token or mTLS header), never a login.
    "koppelingen:duo-notificaties": Regel(publiek=frozenset({400, 401, 403, 405})),
    # The partners' API (inburgering.api): its own authentication (API key or the proxy's
    # OIN header), never a session login; without a key 401 as problem+json, for every role.
    "api:dossiers": Regel(publiek=frozenset({401})),
    "api:dossier": Regel(publiek=frozenset({401})),
    "api:mb_rapportages": Regel(publiek=frozenset({401})),
    "api:coa_overdrachten": Regel(publiek=frozenset({401})),
    "api:ontzorgingen": Regel(publiek=frozenset({401})),
    "api:ontzorging": Regel(publiek=frozenset({401})),
    "api:plaatsingen": Regel(publiek=frozenset({401})),
    "api:plaatsing": Regel(publiek=frozenset({401})),
    "api:intakeresultaten": Regel(publiek=frozenset({401})),
    "api:examenintenties": Regel(publiek=frozenset({401})),
    "api:uren": Regel(publiek=frozenset({401})),
    "api:onbekend": Regel(publiek=frozenset({404})),
    "koppelingen:berichten": Regel(frozenset({Rol.BEHEERDER})),
    "koppelingen:afstemming": Regel(DOSSIERROLLEN),
    "koppelingen:opnieuw": Regel(frozenset({Rol.BEHEERDER}), scope="bericht", methoden=ALLEEN_POST),
    "monitoring:dashboard": Regel(MONITORING),
    "monitoring:export": Regel(MONITORING),
    "monitoring:import": Regel(MONITORING),
    "monitoring:termijn_risico": Regel(MONITORING),
    "monitoring:cbs": Regel(MONITORING),
    "monitoring:cbs_levering": Regel(MONITORING),
    "monitoring:taakstelling": Regel(MONITORING),
    "monitoring:rapportages": Regel(MONITORING),
    "monitoring:rapportage": Regel(MONITORING, scope="gemeente"),
    "monitoring:rapportage_pdf": Regel(MONITORING, scope="gemeente"),
    # Free-text answers of the portal's questionnaire: no person, scope by the user's gemeenten.
    "ervaringen:toelichtingen": Regel(MONITORING, methoden=frozenset({"GET"})),
    "monitoring:importtaak": Regel(MONITORING, scope="eigen"),  # only its own user's task
    "accounts:inzageverzoek": Regel(frozenset({Rol.PRIVACY, Rol.CONSULENT})),
    "accounts:inzage_pdf": Regel(frozenset({Rol.PRIVACY, Rol.CONSULENT})),
    "accounts:inzage_json": Regel(frozenset({Rol.PRIVACY, Rol.CONSULENT})),
    "accounts:otp_code": Regel(ALLE_ROLLEN),
    "accounts:otp_inschrijven": Regel(ALLE_ROLLEN),
    "accounts:wachtwoord_wijzigen": Regel(ALLE_ROLLEN),
    "accounts:wachtwoord_gewijzigd": Regel(ALLE_ROLLEN, methoden=frozenset({"GET"})),
    "werkvoorraad:goedkeuring": Regel(DOSSIERROLLEN, methoden=frozenset({"GET"})),
    "werkvoorraad:afspraken": Regel(DOSSIERROLLEN, methoden=frozenset({"GET"})),
    "werkvoorraad:signalen": Regel(DOSSIERROLLEN, methoden=frozenset({"GET"})),
    "werkvoorraad:signaal_afhandelen": dossierpagina(methoden=ALLEEN_POST),
    "werkvoorraad:bericht_afhandelen": Regel(DOSSIERROLLEN, scope="bericht", methoden=ALLEEN_POST),
    "koppelingen:hervat": Regel(frozenset({Rol.BEHEERDER}), methoden=ALLEEN_POST),
    "koppelingen:koppel-bsn": Regel(
        frozenset({Rol.BEHEERDER}), scope="bericht", methoden=ALLEEN_POST
    ),
    "koppelingen:opnieuw-controleren": Regel(
        frozenset({Rol.BEHEERDER}), scope="bericht", methoden=ALLEEN_POST
    ),
    # Partners in the chain (partners app, docs/adr/0027): their own pages under /partner/, a
    # dossier only while their organisation is involved (else 404, a colleague's dossier too);
    # the consulent's tab of involved partners; the beheerder's management of organisations.
    "partners:start": Regel(frozenset({Rol.PARTNER}), methoden=frozenset({"GET"})),
    "partners:dossier": Regel(frozenset({Rol.PARTNER}), scope="betrokkenheid"),
    "partners:betrokken": dossierpagina(),
    "partners:organisaties": Regel(BEHEER),
    "partners:organisatie": Regel(BEHEER, scope="organisatie"),
    # The functioneel beheerder's management pages (accounts/views_beheer.py): users, teams and
    # gemeenten of the beheerder's own gemeenten only.
    "instellingen:gebruikers": Regel(BEHEER, methoden=frozenset({"GET"})),
    "instellingen:gebruiker_nieuw": Regel(BEHEER),
    "instellingen:gebruiker": Regel(BEHEER, scope="gebruiker"),
    "instellingen:teams": Regel(BEHEER),
    "instellingen:team": Regel(BEHEER, scope="team"),
    "instellingen:gemeenten": Regel(BEHEER, methoden=frozenset({"GET"})),
    "instellingen:gemeente": Regel(BEHEER, scope="gemeente"),
    "instellingen:gemeente_gegevens": Regel(BEHEER, scope="gemeente"),
    # Adding a gemeente needs permission accounts.add_gemeente besides the role; the matrix's
    # beheerder is a superuser (has it); test_beheer.py checks a beheerder without it (403).
    "instellingen:gemeente_nieuw": Regel(BEHEER),
    "instellingen:wijzigingen": Regel(BEHEER, methoden=frozenset({"GET"})),
    # Regional services: listed when they serve one of the beheerder's gemeenten; creating and
    # changing them needs accounts.add_gemeente too (test_beheer.py: 403 without it).
    "instellingen:samenwerkingsverbanden": Regel(BEHEER, methoden=frozenset({"GET"})),
    "instellingen:samenwerkingsverband_nieuw": Regel(BEHEER),
    "instellingen:samenwerkingsverband": Regel(BEHEER, scope="regio"),
    # The admin's login hands over to the application's (one way in, with the second factor).
    "/beheer/login/": Regel(publiek=frozenset({"login"})),
    "admin:login": Regel(publiek=frozenset({200, 302, "login"})),
    "admin:logout": Regel(publiek=frozenset({200, 302, "login", "admin-login", 405})),
    # The platform's probes (inburgering/gezond.py): public, GET/HEAD only.
    "gezond-leeft": Regel(publiek=frozenset({200, 405})),
    "gezond-klaar": Regel(publiek=frozenset({200, 405})),
    # portaal: the inburgeraar's pages (docs/adr/0025). No staff role gets in: without a
    # citizen session every page goes to the portal's start (302, not the staff login);
    # tests/portaal/test_afscherming.py walks them with a citizen session.
    "portaal:start": Regel(publiek=frozenset({200, 405})),
    "portaal:inloggen": Regel(publiek=frozenset({404, 405})),  # 404: no broker configured here
    "portaal:terug": Regel(publiek=frozenset({404, 405})),
    "portaal:geen_dossier": Regel(publiek=frozenset({200, 405})),
    "portaal:uitgelogd": Regel(publiek=frozenset({200, 405})),
    "portaal:uitloggen": Regel(publiek=frozenset({302, 405})),
    "portaal:taal": Regel(publiek=frozenset({302, 405})),
    "portaal:overzicht": Regel(publiek=frozenset({302})),
    "portaal:afspraken": Regel(publiek=frozenset({302})),
    "portaal:bevestigen": Regel(publiek=frozenset({302})),
    "portaal:verzetten": Regel(publiek=frozenset({302})),
    "portaal:afspraak_ics": Regel(publiek=frozenset({302})),
    "portaal:plan": Regel(publiek=frozenset({302})),
    "portaal:route": Regel(publiek=frozenset({302})),
    "portaal:brieven": Regel(publiek=frozenset({302})),
    "portaal:brief_pdf": Regel(publiek=frozenset({302})),
    "portaal:gegevens": Regel(publiek=frozenset({302})),
    "portaal:ervaring": Regel(publiek=frozenset({302})),
    "portaal:kind": Regel(publiek=frozenset({302})),  # ADR 0039
    "portaal:eigen_dossier": Regel(publiek=frozenset({302})),
    "portaal:meelezen": Regel(publiek=frozenset({302})),  # the child says no (ADR 0039)
    # /portaal
}
#: Django's admin (/beheer/) generates a page per model; all of them are for staff only (the
#: functioneel beheerder), everyone else goes to the admin's login. Within it Django's own
#: model permissions apply (403 on e.g. adding an axes log line, an autocomplete without
#: parameters), hence 403 among the beheerder's outcomes.
ADMIN_NAAMRUIMTE = "admin"

#: Anonymous and inactive users: 302 to the login page, on every page (login required by
#: default, accounts/beveiliging.py).
ANONIEM = frozenset({302})
TOEGESTAAN = frozenset({200, 302, 400, 409})


def _patronen(resolver=None, prefix="", naamruimte=""):
    """(name or route, route, parameter names) of every pattern, includes followed."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(x for x in (naamruimte, p.namespace or "") if x)
            yield from _patronen(p, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            route = prefix + str(p.pattern)
            naam = ":".join(x for x in (naamruimte, p.name or f"/{route}") if x)
            yield naam, route, frozenset(p.pattern.regex.groupindex)


PATRONEN = sorted(set(_patronen()))


def _regel(naam: str) -> Regel | None:
    if naam in VERWACHT:
        return VERWACHT[naam]
    if naam.startswith(f"{ADMIN_NAAMRUIMTE}:"):
        return "admin"
    return None


def test_every_url_pattern_has_declared_access():
    ontbrekend = [f"{naam} ({route})" for naam, route, _ in PATRONEN if _regel(naam) is None]
    assert not ontbrekend, (
        "Declare who may use these pages in VERWACHT in tests/accounts/test_toegangsmatrix.py: "
        + ", ".join(ontbrekend)
    )
    verouderd = set(VERWACHT) - {naam for naam, _, _ in PATRONEN}
    assert not verouderd, f"VERWACHT names pages that no longer exist: {sorted(verouderd)}"


# --- the data: two gemeenten, a dossier in each with every kind of object ---------------------


def _dossier_met_alles(gemeente, consulent):
    """A dossier with an appointment, a letter, a completed brede intake and a vastgesteld PIP
    (version 1), made through the services."""
    bij_duo_bekend(gemeente, oin=f"0000000100{gemeente.cbs_code}000000"[:20])
    vandaag = timezone.localdate()
    start = vandaag - dt.timedelta(days=40)
    dossier = maak_dossier(gemeente, consulent=consulent, actor=consulent, kennisgeving=start)
    registreer(dossier, Soort.HUISVESTING, start + dt.timedelta(days=1), actor=consulent)
    brief = oproepen.stuur_oproep(
        dossier,
        kanaal="post",
        periode_van=start + dt.timedelta(days=2),
        periode_tot=start + dt.timedelta(days=16),
        datum=start + dt.timedelta(days=2),
        actor=consulent,
    )
    rond_intake_af(dossier, consulent, datum=start + dt.timedelta(days=5))
    versie = pip_services.stel_op(dossier, actor=consulent)
    pip_services.stel_vast(versie, gezien_versie=versie.versie, actor=consulent)
    afspraak = Afspraak.objects.create(
        dossier=dossier,
        soort=Afspraak.Soort.KENNISMAKING,
        vorm=Afspraak.Vorm.TELEFOON,
        begin=timezone.now() - dt.timedelta(days=1),
        medewerker=consulent,
    )
    inkomend = InkomendBericht.objects.create(
        bericht_id=uuid.uuid4(),
        bron_oin="00000001003214345000",
        doel_oin=gemeente.oin,
        gebeurtenis_id="X",
        registratie_datumtijd=timezone.now(),
        gemeente=gemeente,
        status=Status.MISLUKT,
    )
    te_koppelen = InkomendBericht.objects.create(
        bericht_id=uuid.uuid4(),
        bron_oin="00000001003214345000",
        doel_oin=gemeente.oin,
        gebeurtenis_id="SS122",
        registratie_datumtijd=timezone.now(),
        gemeente=gemeente,
        v_nummer=1234567890,
        status=Status.KOPPELEN,
    )
    uitgaand = UitgaandBericht.objects.create(
        soort=UitgaandBericht.Soort.PIP,
        methode="POST",
        pad="/v1/pip",
        gemeente=gemeente,
        dossier=dossier,
        status=Status.GEWEIGERD,
    )
    tegengehouden = UitgaandBericht.objects.create(
        soort=UitgaandBericht.Soort.PIP,
        methode="POST",
        pad="/v1/pip",
        gemeente=gemeente,
        dossier=dossier,
        status=Status.TEGENGEHOUDEN,
        inhoud={"dagtekeningPip": vandaag.isoformat(), "leerroute": "B", "niveau": "A2"},
        bevindingen=[{"code": "PIP", "veld": "niveau", "melding": "A2 met de B1-route."}],
    )
    contract = traject_factories.maak_contract(
        gemeente, traject_factories.maak_aanbieder(f"Taalschool {gemeente.naam}")
    )
    traject_factories.geplaatst(dossier, contract, consulent)
    zaak = handhaving_factories.tot_voornemen(dossier, consulent, dagen_geleden=3, kanaal="email")
    locatie = traject_services.bewaar(
        Locatie(aanbieder=contract.product.aanbieder, naam="Centrum", adres="Straat 1",
                postcode="1234 AB", plaats="Utrecht")
    )  # fmt: skip
    batch, _nieuw = Betaalbatch.objects.get_or_create(
        gemeente=gemeente, maand=vandaag.replace(day=1),
        defaults={"uitvoerdatum": vandaag, "bericht_id": "M1", "aantal": 0, "totaal_cents": 0,
                  "pain001": "<Document/>", "csv": "dossier\n", "aangemaakt_door": consulent},
    )  # fmt: skip
    return {
        "dossier": dossier,
        "batch": batch,
        "contract": contract,
        "product": contract.product,
        "aanbieder": contract.product.aanbieder,
        "locatie": locatie,
        "zaak": zaak,
        "tegengehouden": tegengehouden,
        "afspraak": afspraak,
        "brief": brief,
        "versie": versie.versienummer,
        "inkomend": inkomend,
        "te_koppelen": te_koppelen,
        "uitgaand": uitgaand,
    }


@pytest.fixture
def wereld(settings, gemeente_a, gemeente_b, team_a):
    settings.DUO_BASE_URL = "simulator://duo/v1"
    settings.DUO_SIMULATOR_STATE = ":memory:"
    duo_client._simulator.cache_clear()
    gebruikers = {
        rol: maak_gebruiker(f"{rol}_matrix", rol, gemeente_a, team=team_a) for rol in Rol.values
    }
    gebruikers[Rol.BEHEERDER].is_staff = gebruikers[Rol.BEHEERDER].is_superuser = True
    gebruikers[Rol.BEHEERDER].save()
    inactief = maak_gebruiker("inactief_matrix", Rol.CONSULENT, gemeente_a, team=team_a)
    inactief.is_active = False
    inactief.save()
    gebruikers["inactief"] = inactief
    ander = maak_gebruiker("bob_matrix", Rol.CONSULENT, gemeente_b)
    collega = maak_gebruiker("bram_matrix", Rol.CONSULENT, gemeente_a, team=team_a)
    # Gemeente A restricts consulenten to their own caseload: a colleague's dossier is outside
    # the consulent's scope, inside the teamleider's and the kwaliteitsmedewerker's.
    GemeenteConfiguratie.objects.filter(gemeente=gemeente_a).update(
        consulent_alleen_eigen_caseload=True
    )
    # A background import of each monitoring role's user, and one of someone else.
    taken = {
        rol: Importtaak.objects.create(gebruiker=gebruikers[rol], bestand=b"") for rol in MONITORING
    }
    taken["ander"] = Importtaak.objects.create(gebruiker=ander, bestand=b"")
    apparaat = TOTPDevice.objects.create(user=ander, name="matrix")  # for the admin's pages
    team_b = Team.objects.create(gemeente=gemeente_b, naam="Team Zuid")
    regio_a = Samenwerkingsverband.objects.create(naam="Regio Noord")
    regio_a.gemeenten.set([gemeente_a])
    regio_b = Samenwerkingsverband.objects.create(naam="Regio Zuid")
    regio_b.gemeenten.set([gemeente_b])
    binnen = _dossier_met_alles(gemeente_a, gebruikers[Rol.CONSULENT])
    # The partner user works for the language school of the "binnen" dossier's placement.
    school = Organisatie.objects.create(
        naam="Taalschool", soort=Organisatiesoort.TAALAANBIEDER, aanbieder=binnen["aanbieder"]
    )
    school.gemeenten.set([gemeente_a])
    Medewerker.objects.create(gebruiker=gebruikers[Rol.PARTNER], organisatie=school)
    plaatsing = binnen["dossier"].plaatsingen.get()
    partner_services.koppel(
        school,
        binnen["dossier"],
        Grond.PLAATSING,
        bron=f"plaatsing:{plaatsing.pk}",
        begin=plaatsing.aangemeld_op,
    )
    elders = Organisatie.objects.create(naam="COA Zuid", soort=Organisatiesoort.COA)
    elders.gemeenten.set([gemeente_b])
    # A move from B to A (waiting in A: inside) and one from A to B (outside).
    inschrijving = timezone.localdate() - dt.timedelta(days=2)
    overdrachten = {
        waar: verhuizing_services.start_overdracht(
            maak_dossier(van, actor=None), naar_gemeente=naar, inschrijving=inschrijving, actor=None
        )
        for waar, van, naar in (
            ("binnen", gemeente_b, gemeente_a),
            ("buiten", gemeente_a, gemeente_b),
        )
    }
    yield {
        "organisaties": (school, elders),
        "instellingen": {
            "gebruiker_id": (gebruikers[Rol.CONSULENT].pk, ander.pk),
            "team_id": (team_a.pk, team_b.pk),
            "cbs_code": (gemeente_a.cbs_code, gemeente_b.cbs_code),
            "verband_id": (regio_a.pk, regio_b.pk),
        },
        "apparaat": apparaat,
        "overdrachten": overdrachten,
        "importtaken": taken,
        "gebruikers": gebruikers,
        "binnen": binnen,
        "collega": _dossier_met_alles(gemeente_a, collega),
        "buiten": _dossier_met_alles(gemeente_b, ander),
    }
    duo_client._simulator.cache_clear()


# --- building the URLs ---------------------------------------------------------------------


def _varianten(naam: str, parameters: frozenset, w, rol: str = "") -> list[tuple[str, dict]]:
    """(where, kwargs) per request: "binnen" inside scope, "buiten" outside it, "onbekend" an
    object that does not exist, "gemengd" the user's dossier with another dossier's object,
    "collega" a colleague's dossier in a gemeente that restricts consulenten to their own.
    For an object of the user's own ("eigen": an import task) "binnen" is the role's own."""
    b, u, c = w["binnen"], w["buiten"], w["collega"]
    if not parameters:
        return [("binnen", {})]
    if naam == "monitoring:importtaak":
        taken = w["importtaken"]
        eigen = taken.get(rol, taken[Rol.TEAMLEIDER])
        return [
            ("binnen", {"uuid": eigen.uuid}),
            ("buiten", {"uuid": taken["ander"].uuid}),
            ("onbekend", {"uuid": uuid.uuid4()}),
        ]
    if parameters == {"overdracht"}:
        return [
            ("binnen", {"overdracht": w["overdrachten"]["binnen"].uuid}),
            ("buiten", {"overdracht": w["overdrachten"]["buiten"].uuid}),
            ("onbekend", {"overdracht": uuid.uuid4()}),
        ]
    if naam.startswith("traject:") and parameters == {"pk"}:
        soort = naam.split(":")[1]
        varianten = [("binnen", {"pk": b[soort].pk})]
        if soort == "contract":  # per gemeente; providers, products, locations are shared
            varianten += [("buiten", {"pk": u[soort].pk}), ("onbekend", {"pk": 10**9})]
        return varianten
    if naam == "intake:brieftekst":
        soort = "uitnodiging_intake"
        return [
            ("binnen", {"gemeente": b["dossier"].gemeente_id, "soort": soort}),
            ("buiten", {"gemeente": u["dossier"].gemeente_id, "soort": soort}),
            ("onbekend", {"gemeente": 10**9, "soort": soort}),
        ]
    if naam == "partners:organisatie":
        school, elders = w["organisaties"]
        return [
            ("binnen", {"pk": school.pk}),
            ("buiten", {"pk": elders.pk}),
            ("onbekend", {"pk": 10**9}),
        ]
    if naam == "portaal:brief_pdf":  # a letter by its kenmerk (brieven.verzonden)
        return [
            ("binnen", {"kenmerk": kenmerk_van(b["brief"])}),
            ("buiten", {"kenmerk": kenmerk_van(u["brief"])}),
        ]
    if naam.startswith("portaal:") and parameters == {"pk"}:
        return [("binnen", {"pk": b["afspraak"].pk}), ("buiten", {"pk": u["afspraak"].pk})]
    if naam in ("monitoring:rapportage", "monitoring:rapportage_pdf"):
        rapporten = [
            Rapportage.objects.get_or_create(gemeente_id=d["dossier"].gemeente_id, jaar=2024,
                                             kwartaal=4, soort="kwartaal")[0]
            for d in (b, u)
        ]  # fmt: skip
        return [
            ("binnen", {"uuid": rapporten[0].uuid}),
            ("buiten", {"uuid": rapporten[1].uuid}),
            ("onbekend", {"uuid": uuid.uuid4()}),
        ]
    if naam.startswith("ontzorgen:batch") and "batch" in parameters:
        extra = {"formaat": "pain001"} if "formaat" in parameters else {}
        return [
            ("binnen", {"batch": b["batch"].uuid, **extra}),
            ("buiten", {"batch": u["batch"].uuid, **extra}),
            ("onbekend", {"batch": uuid.uuid4(), **extra}),
        ]
    if naam.startswith("api:"):  # the API's own ids: a dossier's uuid, a placement's id
        waarden = {"uuid": b["dossier"].uuid, "pk": 1}
        return [("binnen", {p: waarden[p] for p in parameters})]
    if naam == "brieven:briefhoofd":
        return [
            ("binnen", {"gemeente": b["dossier"].gemeente_id}),
            ("buiten", {"gemeente": u["dossier"].gemeente_id}),
            ("onbekend", {"gemeente": 10**9}),
        ]
    if naam == "koppelingen:koppel-bsn":
        return [
            ("binnen", {"pk": b["te_koppelen"].pk}),
            ("buiten", {"pk": u["te_koppelen"].pk}),
            ("onbekend", {"pk": 10**9}),
        ]
    if naam in ("koppelingen:opnieuw-controleren", "werkvoorraad:bericht_afhandelen"):
        if naam == "werkvoorraad:bericht_afhandelen":
            return [
                ("binnen", {"pk": b["inkomend"].pk}),
                ("buiten", {"pk": u["inkomend"].pk}),
                ("onbekend", {"pk": 10**9}),
            ]
        return [
            ("binnen", {"pk": b["tegengehouden"].pk}),
            ("buiten", {"pk": u["tegengehouden"].pk}),
            ("onbekend", {"pk": 10**9}),
        ]
    if parameters == {"uuid"}:
        return [
            ("binnen", {"uuid": b["dossier"].uuid}),
            ("buiten", {"uuid": u["dossier"].uuid}),
            ("onbekend", {"uuid": uuid.uuid4()}),
            ("collega", {"uuid": c["dossier"].uuid}),
        ]
    if parameters == {"uuid", "pk"}:
        soort = {
            "intake:afspraak_status": "afspraak",
            "intake:brief": "brief",
            "intake:brief_pdf": "brief",
            "handhaving:voornemen_pdf": "zaak",
            "handhaving:beschikking_pdf": "zaak",
        }[naam]
        return [
            ("binnen", {"uuid": b["dossier"].uuid, "pk": b[soort].pk}),
            ("buiten", {"uuid": u["dossier"].uuid, "pk": u[soort].pk}),
            ("onbekend", {"uuid": uuid.uuid4(), "pk": b[soort].pk}),
            ("gemengd", {"uuid": b["dossier"].uuid, "pk": u[soort].pk}),
            ("collega", {"uuid": c["dossier"].uuid, "pk": c[soort].pk}),
        ]
    if parameters == {"uuid", "nummer"}:
        return [
            ("binnen", {"uuid": b["dossier"].uuid, "nummer": b["versie"]}),
            ("buiten", {"uuid": u["dossier"].uuid, "nummer": u["versie"]}),
            ("onbekend", {"uuid": uuid.uuid4(), "nummer": b["versie"]}),
            ("gemengd", {"uuid": b["dossier"].uuid, "nummer": 99}),
            ("collega", {"uuid": c["dossier"].uuid, "nummer": c["versie"]}),
        ]
    if parameters == {"soort", "pk"}:
        return [
            (waar, {"soort": soort, "pk": w[waar][soort].pk})
            for waar in ("binnen", "buiten")
            for soort in ("inkomend", "uitgaand")
        ] + [("onbekend", {"soort": "inkomend", "pk": 10**9})]
    if len(parameters) == 1 and next(iter(parameters)) in w["instellingen"]:
        (parameter,) = parameters
        binnen, buiten = w["instellingen"][parameter]
        onbekend = "9999" if parameter == "cbs_code" else 10**9
        return [
            ("binnen", {parameter: binnen}),
            ("buiten", {parameter: buiten}),
            ("onbekend", {parameter: onbekend}),
        ]
    if parameters == {"sleutel", "formaat"}:
        return [("binnen", {"sleutel": "trechter", "formaat": "csv"})]
    if naam.startswith(f"{ADMIN_NAAMRUIMTE}:"):
        # django-otp's device pages need an existing device (its config page answers 500 for
        # a pk that does not exist: a beheerder typing a wrong URL, not a leak).
        waarden = {"object_id": "1", "content_type_id": 1, "app_label": "pip", "url": "x/",
                   "pk": w["apparaat"].pk}  # fmt: skip
        return [("binnen", {p: waarden[p] for p in parameters})]
    raise AssertionError(f"{naam}: declare in _varianten how to fill in {sorted(parameters)}")


def _url(naam: str, route: str, kwargs: dict) -> str:
    """reverse() for a named pattern; an unnamed one (the admin's catch-alls) is filled in."""
    if ":/" not in naam and not naam.startswith("/"):
        return reverse(naam, kwargs=kwargs)
    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m[1]]), route)
    url = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m[1]]), url)
    return "/" + url.removeprefix("^").removesuffix("$")


def _verwacht(regel, rol: str, methode: str, waar: str) -> frozenset:
    if regel == "admin":
        if rol == Rol.BEHEERDER:
            return frozenset({200, 302, 403, 404, 405})
        if rol in ("anoniem", "inactief"):
            # Django's admin views handle their own login (to /beheer/login/, which hands over
            # to ours); the model pages go through the login required by default.
            return frozenset({"login", "admin-login"})
        return frozenset({"admin-login"})
    if regel.publiek is not None:
        return regel.publiek
    if rol in ("anoniem", "inactief"):
        return frozenset({"login"}) | (ANONIEM - {302})
    if methode not in regel.methoden:
        return frozenset({405})
    if rol not in regel.rollen:
        return frozenset({403})
    if waar == "collega" and rol not in (Rol.CONSULENT, Rol.PARTNER):
        waar = "binnen"  # the restriction to the own caseload is for consulenten only
    if regel.scope and waar != "binnen":
        return frozenset({404})
    if regel.na_scope is not None and rol not in regel.na_scope:
        return frozenset({403})
    return TOEGESTAAN


def _uitkomst(antwoord):
    """The status, with a redirect to a login page told apart from any other redirect."""
    if antwoord.status_code == 302:
        doel = antwoord.headers["Location"]
        if doel.startswith(reverse("accounts:login")):
            return "login"
        if doel.startswith(reverse("admin:login")):
            return "admin-login"
    return antwoord.status_code


def _vraag(client, gebruiker, methode: str, url: str):
    if gebruiker is not None and not client.cookies.get(settings.SESSION_COOKIE_NAME, None):
        client.force_login(gebruiker)
    elif gebruiker is not None and not client.cookies[settings.SESSION_COOKIE_NAME].value:
        client.force_login(gebruiker)  # a logout page cleared the session
    with transaction.atomic():
        antwoord = client.get(url) if methode == "GET" else client.post(url, {})
        transaction.set_rollback(True)
    return antwoord


def test_every_page_answers_every_role_as_declared(wereld):
    begin = time.monotonic()
    afwijkingen, aantal = [], 0
    for rol in ROLLEN:
        gebruiker = wereld["gebruikers"].get(rol)
        client = Client(raise_request_exception=True)
        for naam, route, parameters in PATRONEN:
            regel = _regel(naam)
            assert regel is not None, f"{naam}: not declared (see the test above)"
            for waar, kwargs in _varianten(naam, parameters, wereld, rol):
                url = _url(naam, route, kwargs)
                for methode in ("GET", "POST"):
                    antwoord = _vraag(client, gebruiker, methode, url)
                    aantal += 1
                    uitkomst = _uitkomst(antwoord)
                    verwacht = _verwacht(regel, rol, methode, waar)
                    if uitkomst not in verwacht:
                        afwijkingen.append(
                            f"{rol:10} {methode:4} {naam} [{waar}] {url}: "
                            f"{uitkomst}, expected {sorted(map(str, verwacht))}"
                        )
    duur = time.monotonic() - begin
    print(f"access matrix: {aantal} requests in {duur:.1f} s")
    assert not afwijkingen, "\n".join(afwijkingen)


def test_outside_scope_looks_the_same_as_not_existing(client, wereld):
    """The 404 for another gemeente's dossier (or its letter, appointment or PIP) is the same
    page as for a uuid nobody has: existence cannot be guessed."""
    client.force_login(wereld["gebruikers"][Rol.CONSULENT])
    for naam, _route, parameters in PATRONEN:
        if "uuid" not in parameters or VERWACHT[naam].scope != "dossier":
            continue
        varianten = dict(_varianten(naam, parameters, wereld))
        vraag = client.get if "GET" in VERWACHT[naam].methoden else client.post
        onbekend = vraag(_url(naam, _route, varianten["onbekend"]))
        for waar in ("buiten", "collega"):
            vreemd = vraag(_url(naam, _route, varianten[waar]))
            assert vreemd.status_code == onbekend.status_code == 404, (naam, waar)
            assert _hoofdinhoud(vreemd) == _hoofdinhoud(onbekend), (naam, waar)


def _hoofdinhoud(antwoord) -> str:
    """The page without its header and footer (the language form carries a fresh CSRF
    token on every request)."""
    html = antwoord.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_the_privacy_officer_sees_only_the_log_of_their_own_gemeenten(
    client, gemeente_a, gemeente_b, dossier_a, dossier_b, consulent_a, consulent_b
):
    """Access bug found with the matrix: the access log showed every gemeente's views (and
    every gemeente's staff in the search form) to a privacy officer of one gemeente."""
    from inburgering.accounts.toegang import log_inzage

    log_inzage(consulent_a, [dossier_a.pk], "dossier")
    log_inzage(consulent_b, [dossier_b.pk], "dossier")
    officier = maak_gebruiker("pim_privacy", Rol.PRIVACY, gemeente_a)
    client.force_login(officier)
    antwoord = client.get(reverse("accounts:inzagelog"))
    html = antwoord.content.decode()
    assert antwoord.context["pagina"].paginator.count == 1
    assert str(dossier_a.uuid) in html and str(dossier_b.uuid) not in html
    assert consulent_b.username not in html
    gezocht = client.get(reverse("accounts:inzagelog"), {"dossier": dossier_b.uuid})
    assert gezocht.context["pagina"].paginator.count == 0
    assert (
        client.get(reverse("accounts:inzagelog"), {"gebruiker": consulent_b.pk}).status_code == 400
    )


# --- bad input on every page ------------------------------------------------------------------


def _acties() -> list[str]:
    """Every `actie` a page's forms post, read from the templates (a new form is included)."""
    gevonden = set()
    for pad in (Path(inburgering.__file__).parent).rglob("*.html"):
        gevonden |= set(re.findall(r'actie(?:" value)?="([a-z_]+)"', pad.read_text()))
    return sorted(gevonden | {"vaststellen"})


def _veldnamen() -> set[str]:
    from tests.test_invoer_tekst import FORMULIEREN

    namen = {naam for klasse in FORMULIEREN for naam in klasse.base_fields}
    # Keys the views read from the request themselves.
    return namen | {"sleutel", "doel", "zoek", "status", "dossiers", "terug", "band", "pagina"}


@pytest.mark.parametrize("onzin", ["a\x00b", "9999-12-31"])
def test_bad_input_on_every_page_never_gives_a_server_error(wereld, onzin):
    """Every field of every form, every key a view reads itself and every action, filled with
    a NUL (PostgreSQL refuses it in text) or an out-of-range date: never a 500."""
    acties, velden = _acties(), _veldnamen()
    assert {"contact", "bewaren", "verslag", "participatie"} <= set(acties)
    fouten = []
    for naam, route, parameters in PATRONEN:
        regel = _regel(naam)
        if regel == "admin":
            continue  # Django's own admin
        if regel.publiek is not None:
            gebruiker = None
        else:
            rol = next(r for r in ROLLEN if r in (regel.na_scope or regel.rollen))
            gebruiker = wereld["gebruikers"][rol]
        client = Client(raise_request_exception=False)
        url = _url(naam, route, dict(_varianten(naam, parameters, wereld))["binnen"])
        verzoeken = [("GET", dict.fromkeys(velden, onzin))]
        if "POST" in (regel.methoden if regel.publiek is None else GET_POST):
            # The dossier pages tell their forms apart by `actie`; the others have one form.
            per_pagina = acties if "uuid" in parameters else [""]
            verzoeken += [
                ("POST", dict.fromkeys(velden, onzin) | {"actie": actie}) for actie in per_pagina
            ]
        if gebruiker is not None:
            client.force_login(gebruiker)
        for methode, data in verzoeken:
            with transaction.atomic():
                vraag = client.get if methode == "GET" else client.post
                antwoord = vraag(url, data)
                # What a POST kept (a search in the session, a record) shows on the next view.
                volgende = client.get(url) if antwoord.status_code == 302 else None
                transaction.set_rollback(True)
            for a in (antwoord, volgende):
                if a is not None and a.status_code >= 500:
                    fouten.append(f"{methode} {naam} actie={data.get('actie')}: {a.status_code}")
    assert not fouten, "\n".join(fouten)

"""The functioneel beheerder's management pages: users, teams and the gemeenten's policy, within
the beheerder's own gemeenten, and the audit trail of every change (append-only)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from inburgering.accounts import services
from inburgering.accounts.models import (
    Configuratiewijziging,
    Gebruiker,
    Gemeente,
    GemeenteConfiguratie,
    Rol,
    Samenwerkingsverband,
    Team,
)
from tests.conftest import maak_gebruiker

pytestmark = pytest.mark.django_db

NIEUW_WACHTWOORD = "Lange-zin-voor-de-test-42"


@pytest.fixture
def ingelogd(client, beheerder):
    client.force_login(beheerder)
    return client


def _nieuw(client, **wijzig):
    data = {
        "username": "nina.nieuw",
        "first_name": "Nina",
        "last_name": "Nieuw",
        "email": "nina@gemeente.example",
        "rol": Rol.CONSULENT,
        "gemeenten": [],
        "team": "",
        "wachtwoord1": NIEUW_WACHTWOORD,
        "wachtwoord2": NIEUW_WACHTWOORD,
        **wijzig,
    }
    return client.post(reverse("instellingen:gebruiker_nieuw"), data)


def test_consulent_aanmaken_met_rol_gemeente_en_team_en_in_het_log(
    ingelogd, beheerder, gemeente_a, team_a
):
    antwoord = _nieuw(ingelogd, gemeenten=[gemeente_a.pk], team=team_a.pk)
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    nina = Gebruiker.objects.get(username="nina.nieuw")
    assert nina.rol == Rol.CONSULENT and nina.team == team_a
    assert list(nina.gemeenten.all()) == [gemeente_a]
    assert nina.check_password(NIEUW_WACHTWOORD) and nina.oidc_subject is None
    regel = Configuratiewijziging.objects.get(soort="accounts.gebruiker", object_id=str(nina.pk))
    assert regel.actor == beheerder and regel.gemeente == gemeente_a
    assert regel.wijzigingen["rol"] == {"oud": None, "nieuw": "consulent"}
    assert regel.wijzigingen["gemeenten"] == {"oud": None, "nieuw": ["Utrecht"]}
    # The page shows it: who, what, old and new.
    pagina = ingelogd.get(reverse("instellingen:wijzigingen")).content.decode()
    assert "nina.nieuw" in pagina
    assert "Ben Test (ben_beheerder)" in pagina and "<code>rol</code>: – → consulent" in pagina


def test_aanmaken_fouten_in_het_nederlands_niets_opgeslagen(ingelogd, gemeente_a, gemeente_b):
    antwoord = _nieuw(ingelogd, gemeenten=[], wachtwoord2="anders-dan-het-eerste")
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Kies minstens één gemeente." in tekst
    assert "De twee wachtwoorden zijn niet gelijk." in tekst
    # Another gemeente than the beheerder's own is not a valid choice.
    antwoord = _nieuw(ingelogd, gemeenten=[gemeente_b.pk])
    assert (
        antwoord.status_code == 200 and "Selecteer een geldige keuze" in antwoord.content.decode()
    )
    assert "te kort" in _nieuw(ingelogd, gemeenten=[gemeente_a.pk], wachtwoord1="kort",
                               wachtwoord2="kort").content.decode()  # fmt: skip
    _nieuw(ingelogd, gemeenten=[gemeente_a.pk])
    dubbel = _nieuw(ingelogd, gemeenten=[gemeente_a.pk])
    assert "Deze gebruikersnaam bestaat al." in dubbel.content.decode()
    assert Gebruiker.objects.filter(username="nina.nieuw").count() == 1
    assert Configuratiewijziging.objects.count() == 1


def test_rol_wijzigen_en_uitzetten_met_oud_en_nieuw(ingelogd, beheerder, consulent_a, team_a):
    url = reverse("instellingen:gebruiker", kwargs={"gebruiker_id": consulent_a.pk})
    antwoord = ingelogd.post(
        url, {"rol": Rol.TEAMLEIDER, "gemeenten": [consulent_a.gemeenten.get().pk], "team": ""}
    )
    assert antwoord.status_code == 302
    consulent_a.refresh_from_db()
    assert consulent_a.rol == Rol.TEAMLEIDER and not consulent_a.is_active
    assert consulent_a.team is None
    regel = Configuratiewijziging.objects.get()
    assert regel.wijzigingen == {
        "is_active": {"oud": True, "nieuw": False},
        "rol": {"oud": "consulent", "nieuw": "teamleider"},
        "team": {"oud": str(team_a), "nieuw": None},
    }
    # Saving again without a change writes nothing.
    ingelogd.post(url, {"rol": Rol.TEAMLEIDER, "gemeenten": [consulent_a.gemeenten.get().pk]})
    assert Configuratiewijziging.objects.count() == 1


def test_eigen_account_niet_uitzetten(ingelogd, beheerder, gemeente_a):
    url = reverse("instellingen:gebruiker", kwargs={"gebruiker_id": beheerder.pk})
    antwoord = ingelogd.post(url, {"rol": Rol.BEHEERDER, "gemeenten": [gemeente_a.pk]})
    assert "U kunt uw eigen account niet uitzetten." in antwoord.content.decode()
    beheerder.refresh_from_db()
    assert beheerder.is_active and not Configuratiewijziging.objects.exists()


def test_andere_gemeente_blijft_en_buiten_scope_is_404(
    ingelogd, beheerder, gemeente_a, gemeente_b, consulent_b
):
    beide = maak_gebruiker("wim_beide", Rol.CONSULENT, gemeente_a, gemeente_b)
    url = reverse("instellingen:gebruiker", kwargs={"gebruiker_id": beide.pk})
    assert "Ook werkzaam voor: Deventer" in ingelogd.get(url).content.decode()
    ingelogd.post(url, {"rol": Rol.CONSULENT, "gemeenten": [gemeente_a.pk], "is_active": "on"})
    assert set(beide.gemeenten.all()) == {gemeente_a, gemeente_b}
    buiten = reverse("instellingen:gebruiker", kwargs={"gebruiker_id": consulent_b.pk})
    assert ingelogd.get(buiten).status_code == 404
    assert "bob" not in ingelogd.get(reverse("instellingen:gebruikers")).content.decode().lower()


def test_oidc_gebruiker_rol_en_gemeenten_niet_wijzigbaar(ingelogd, gemeente_a, team_a):
    via_idp = maak_gebruiker("idp_olga", Rol.CONSULENT, gemeente_a)
    via_idp.oidc_subject = "idp-001"
    via_idp.save()
    url = reverse("instellingen:gebruiker", kwargs={"gebruiker_id": via_idp.pk})
    assert "rol en gemeenten komen bij elke inlog uit de identity provider" in (
        ingelogd.get(url).content.decode()
    )
    ingelogd.post(url, {"rol": Rol.BEHEERDER, "team": team_a.pk, "is_active": "on"})
    via_idp.refresh_from_db()
    assert via_idp.rol == Rol.CONSULENT and via_idp.team == team_a


def test_team_aanmaken_hernoemen_en_dubbele_naam(ingelogd, gemeente_a, gemeente_b, team_a):
    url = reverse("instellingen:teams")
    assert ingelogd.post(url, {"gemeente": gemeente_a.pk, "naam": "Team Oost"}).status_code == 302
    oost = Team.objects.get(naam="Team Oost")
    dubbel = ingelogd.post(url, {"gemeente": gemeente_a.pk, "naam": "team noord"})
    assert "Deze gemeente heeft al een team met die naam." in dubbel.content.decode()
    buiten = ingelogd.post(url, {"gemeente": gemeente_b.pk, "naam": "Team Deventer"})
    assert "Selecteer een geldige keuze" in buiten.content.decode()
    ingelogd.post(
        reverse("instellingen:team", kwargs={"team_id": oost.pk}),
        {"gemeente": gemeente_a.pk, "naam": "Team Oost-West"},
    )
    oost.refresh_from_db()
    assert oost.naam == "Team Oost-West"
    hernoemd = Configuratiewijziging.objects.filter(soort="accounts.team").first()
    assert hernoemd.wijzigingen == {"naam": {"oud": "Team Oost", "nieuw": "Team Oost-West"}}


def test_gemeenteconfiguratie_wijzigen_met_log_en_foutmelding(ingelogd, gemeente_a, gemeente_b):
    url = reverse("instellingen:gemeente", kwargs={"cbs_code": gemeente_a.cbs_code})
    data = {"caseload_norm": 55, "norm_eerste_contact_dagen": 14, "contact_signalering_weken": 6}
    assert ingelogd.post(url, data).status_code == 302
    config = GemeenteConfiguratie.objects.get(gemeente=gemeente_a)
    assert config.caseload_norm == 55 and config.norm_eerste_contact_dagen == 14
    regel = Configuratiewijziging.objects.get()
    assert regel.gemeente == gemeente_a
    assert regel.wijzigingen["caseload_norm"]["nieuw"] == 55
    fout = ingelogd.post(url, {**data, "caseload_norm": -3})
    assert fout.status_code == 200 and "Niet opgeslagen." in fout.content.decode()
    assert GemeenteConfiguratie.objects.get(gemeente=gemeente_a).caseload_norm == 55
    andere = reverse("instellingen:gemeente", kwargs={"cbs_code": gemeente_b.cbs_code})
    assert ingelogd.get(andere).status_code == 404


def test_log_toont_alleen_eigen_gemeenten(client, beheerder, gemeente_a, gemeente_b):
    andere_beheerder = maak_gebruiker("dirk_beheerder", Rol.BEHEERDER, gemeente_b)
    services.wijzig_configuratie(andere_beheerder, gemeente_b, {"caseload_norm": 99})
    services.wijzig_configuratie(beheerder, gemeente_a, {"caseload_norm": 66})
    client.force_login(beheerder)
    pagina = client.get(reverse("instellingen:wijzigingen")).content.decode()
    assert "66" in pagina and "dirk_beheerder" not in pagina


def test_leg_wijziging_vast_voor_andere_apps(beheerder, gemeente_a):
    """The reusable service: only the fields that differ, nothing when nothing differs."""
    assert services.leg_wijziging_vast(beheerder, gemeente_a, {"a": 1}, {"a": 1}) is None
    regel = services.leg_wijziging_vast(
        beheerder, gemeente_a, {"brief": "oud", "x": 1}, {"brief": "nieuw", "x": 1}
    )
    assert regel.wijzigingen == {"brief": {"oud": "oud", "nieuw": "nieuw"}}
    assert regel.gemeente == gemeente_a and regel.soort == "accounts.gemeente"


def test_wijzigingenlog_is_alleen_toevoegen(beheerder, gemeente_a):
    regel = services.leg_wijziging_vast(beheerder, gemeente_a, {"a": 1}, {"a": 2})
    for poging in (
        lambda: Configuratiewijziging.objects.filter(pk=regel.pk).update(actor_naam="iemand"),
        lambda: Configuratiewijziging.objects.filter(pk=regel.pk).delete(),
        lambda: connection.cursor().execute("DELETE FROM accounts_configuratiewijziging"),
    ):
        with pytest.raises(IntegrityError, match="alleen-toevoegen"), transaction.atomic():
            poging()
    assert Configuratiewijziging.objects.get(pk=regel.pk).actor_naam.startswith("Ben")


@pytest.mark.parametrize("rol", [Rol.CONSULENT, Rol.TEAMLEIDER, Rol.PRIVACY, Rol.KWALITEIT])
def test_andere_rollen_geen_toegang(client, gemeente_a, rol):
    client.force_login(maak_gebruiker(f"x_{rol}", rol, gemeente_a))
    assert client.get(reverse("instellingen:gebruikers")).status_code == 403


# -- gemeenten added and edited on the management pages ------------------------------------------


@pytest.fixture
def installatiebeheerder(client, beheerder):
    beheerder.user_permissions.add(Permission.objects.get(codename="add_gemeente"))
    beheerder = Gebruiker.objects.get(pk=beheerder.pk)  # fresh permission cache
    client.force_login(beheerder)
    return beheerder


def test_gemeente_toevoegen_met_cbs_code_configuratie_en_regionale_dienst(
    client, installatiebeheerder, gemeente_a
):
    zaffier = Samenwerkingsverband.objects.create(naam="Zaffier")
    url = reverse("instellingen:gemeente_nieuw")
    assert f'href="{url}"' in client.get(reverse("instellingen:gemeenten")).content.decode()
    antwoord = client.post(
        url, {"cbs_code": "0399", "naam": "", "oin": "", "samenwerkingsverbanden": [zaffier.pk]}
    )
    assert antwoord.status_code == 302
    assert antwoord.url == reverse("instellingen:gemeente", kwargs={"cbs_code": "0399"})
    heiloo = Gemeente.objects.get(cbs_code="0399")
    assert heiloo.naam == "Heiloo"  # from the CBS list
    assert list(heiloo.samenwerkingsverbanden.all()) == [zaffier]
    assert GemeenteConfiguratie.objects.filter(gemeente=heiloo).exists()
    assert installatiebeheerder.gemeenten.filter(pk=heiloo.pk).exists()
    trail = {r.soort: r.wijzigingen for r in Configuratiewijziging.objects.filter(gemeente=heiloo)}
    assert trail["accounts.gemeente"]["naam"] == {"oud": None, "nieuw": "Heiloo"}
    assert trail["accounts.gemeente"]["samenwerkingsverbanden"]["nieuw"] == ["Zaffier"]
    assert trail["accounts.gemeenteconfiguratie"]["caseload_norm"]["oud"] is None
    assert trail["accounts.gebruiker"]["gemeenten"] == {
        "oud": ["Utrecht"], "nieuw": ["Heiloo", "Utrecht"]
    }  # fmt: skip
    # Its pages open for the one who added it.
    assert client.get(antwoord.url).status_code == 200


@pytest.mark.parametrize(
    ("code", "melding"),
    [
        ("9999", "CBS-code 9999 is geen bekende gemeente"),
        ("03a4", "Een CBS-gemeentecode bestaat uit 4 cijfers."),
        ("0344", "Gemeente 0344 bestaat al in deze installatie."),
        ("", "Vul de CBS-code van de gemeente in."),
    ],
)
def test_gemeente_toevoegen_foute_code_met_melding_niets_bewaard(
    client, installatiebeheerder, gemeente_a, code, melding
):
    aantal = Gemeente.objects.count()
    antwoord = client.post(reverse("instellingen:gemeente_nieuw"), {"cbs_code": code})
    assert antwoord.status_code == 200 and melding in antwoord.content.decode()
    assert Gemeente.objects.count() == aantal
    assert not Configuratiewijziging.objects.exists()


def test_gemeente_toevoegen_fout_oin_en_zonder_recht(client, installatiebeheerder, beheerder):
    antwoord = client.post(
        reverse("instellingen:gemeente_nieuw"), {"cbs_code": "0399", "oin": "123"}
    )
    assert "Een OIN bestaat uit 20 cijfers." in antwoord.content.decode()
    assert not Gemeente.objects.filter(cbs_code="0399").exists()
    # A gemeente's beheerder without the permission: no link, 403, the service refuses too.
    gewone = maak_gebruiker("gijs_beheerder", Rol.BEHEERDER, *beheerder.gemeenten.all())
    client.force_login(gewone)
    assert "gemeenten/nieuw" not in client.get(reverse("instellingen:gemeenten")).content.decode()
    assert (
        client.post(reverse("instellingen:gemeente_nieuw"), {"cbs_code": "0399"}).status_code == 403
    )
    with pytest.raises(services.Beheerfout, match="geen gemeenten toevoegen"):
        services.maak_gemeente(gewone, cbs_code="0399")


def test_gemeentegegevens_wijzigen_met_log(ingelogd, gemeente_a, gemeente_b):
    zaffier = Samenwerkingsverband.objects.create(naam="Zaffier")
    url = reverse("instellingen:gemeente_gegevens", kwargs={"cbs_code": gemeente_a.cbs_code})
    assert ingelogd.get(url).status_code == 200
    oin = "00000001001234567000"
    data = {"naam": "Gemeente Utrecht", "oin": oin, "samenwerkingsverbanden": [zaffier.pk]}
    assert ingelogd.post(url, data).status_code == 302
    gemeente_a.refresh_from_db()
    assert gemeente_a.naam == "Gemeente Utrecht" and gemeente_a.oin == oin
    regel = Configuratiewijziging.objects.get()
    assert regel.wijzigingen == {
        "naam": {"oud": "Utrecht", "nieuw": "Gemeente Utrecht"},
        "oin": {"oud": "", "nieuw": oin},
        "samenwerkingsverbanden": {"oud": [], "nieuw": ["Zaffier"]},
    }
    fout = ingelogd.post(url, {"naam": "", "oin": "12"})
    tekst = fout.content.decode()
    assert "Vul de naam van de gemeente in." in tekst and "Een OIN bestaat uit 20 cijfers." in tekst
    gemeente_a.refresh_from_db()
    assert gemeente_a.naam == "Gemeente Utrecht"
    andere = reverse("instellingen:gemeente_gegevens", kwargs={"cbs_code": gemeente_b.cbs_code})
    assert ingelogd.get(andere).status_code == 404


# -- regional services ------------------------------------------------------------------------


def test_regionale_dienst_aanmaken_wijzigen_en_in_het_log_van_elke_gemeente(
    client, installatiebeheerder, gemeente_a, gemeente_b
):
    installatiebeheerder.gemeenten.add(gemeente_b)
    lijst = client.get(reverse("instellingen:samenwerkingsverbanden")).content.decode()
    assert reverse("instellingen:samenwerkingsverband_nieuw") in lijst
    oin = "00000001009876543000"
    antwoord = client.post(
        reverse("instellingen:samenwerkingsverband_nieuw"),
        {"naam": "Regio Midden", "oin": oin, "gemeenten": [gemeente_a.pk, gemeente_b.pk]},
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    regio = Samenwerkingsverband.objects.get(naam="Regio Midden")
    assert regio.oin == oin and set(regio.gemeenten.all()) == {gemeente_a, gemeente_b}
    regels = Configuratiewijziging.objects.filter(soort="accounts.samenwerkingsverband")
    assert {r.gemeente for r in regels} == {gemeente_a, gemeente_b}
    assert regels[0].wijzigingen["gemeenten"] == {"oud": None, "nieuw": ["Deventer", "Utrecht"]}
    assert (
        "Regio Midden"
        in client.get(reverse("instellingen:samenwerkingsverbanden")).content.decode()
    )

    # Deventer leaves: the change is in both gemeenten's trail (Deventer must see it went).
    url = reverse("instellingen:samenwerkingsverband", kwargs={"verband_id": regio.pk})
    assert client.get(url).status_code == 200
    antwoord = client.post(url, {"naam": "Regio Midden", "oin": oin, "gemeenten": [gemeente_a.pk]})
    assert antwoord.status_code == 302
    assert list(regio.gemeenten.all()) == [gemeente_a]
    laatste = Configuratiewijziging.objects.filter(soort="accounts.samenwerkingsverband")
    assert {r.gemeente for r in laatste.filter(pk__gt=regels.last().pk)} == {gemeente_a, gemeente_b}


def test_regionale_dienst_houdt_gemeenten_die_de_beheerder_niet_beheert(
    client, installatiebeheerder, gemeente_a, gemeente_b
):
    regio = Samenwerkingsverband.objects.create(naam="Zaffier")
    regio.gemeenten.set([gemeente_a, gemeente_b])
    url = reverse("instellingen:samenwerkingsverband", kwargs={"verband_id": regio.pk})
    pagina = client.get(url).content.decode()
    assert "Deventer" in pagina  # named as staying, not offered as a choice
    assert f'value="{gemeente_b.pk}"' not in pagina
    client.post(url, {"naam": "Zaffier BUCH", "oin": "", "gemeenten": [gemeente_a.pk]})
    regio.refresh_from_db()
    assert regio.naam == "Zaffier BUCH"
    assert set(regio.gemeenten.all()) == {gemeente_a, gemeente_b}
    # Choosing a gemeente outside the beheerder's: refused by the form and by the service.
    antwoord = client.post(url, {"naam": "X", "oin": "", "gemeenten": [gemeente_b.pk]})
    assert "Kies een gemeente uit de lijst." in antwoord.content.decode()
    with pytest.raises(services.Beheerfout, match="waarvoor u beheerder bent"):
        services.bewaar_samenwerkingsverband(
            installatiebeheerder, regio, naam="X", oin="", gemeenten=[gemeente_b]
        )
    regio.refresh_from_db()
    assert regio.naam == "Zaffier BUCH"


@pytest.mark.parametrize(
    ("data", "melding"),
    [
        ({"naam": "", "gemeenten": "A"}, "Vul de naam van de regionale dienst in."),
        (
            {"naam": "zaffier", "gemeenten": "A"},
            "Er is al een regionale dienst met de naam zaffier.",
        ),
        ({"naam": "Nieuw", "oin": "123", "gemeenten": "A"}, "Een OIN bestaat uit 20 cijfers."),
        (
            {"naam": "Nieuw", "oin": "00000001001111111000", "gemeenten": "A"},
            "Dit OIN hoort al bij een andere regionale dienst.",
        ),
        ({"naam": "Nieuw"}, "Kies de gemeenten waarvoor de regionale dienst werkt."),
    ],
)
def test_regionale_dienst_fouten_met_melding_niets_bewaard(
    client, installatiebeheerder, gemeente_a, data, melding
):
    Samenwerkingsverband.objects.create(naam="Zaffier", oin="00000001001111111000")
    data = {"oin": "", **data}
    if data.get("gemeenten") == "A":
        data["gemeenten"] = [gemeente_a.pk]
    antwoord = client.post(reverse("instellingen:samenwerkingsverband_nieuw"), data)
    assert antwoord.status_code == 400 and melding in antwoord.content.decode()
    assert Samenwerkingsverband.objects.count() == 1
    assert not Configuratiewijziging.objects.exists()


def test_regionale_dienst_zonder_recht_of_buiten_scope(client, beheerder, gemeente_a, gemeente_b):
    eigen = Samenwerkingsverband.objects.create(naam="Regio Noord")
    eigen.gemeenten.set([gemeente_a])
    vreemd = Samenwerkingsverband.objects.create(naam="Regio Zuid")
    vreemd.gemeenten.set([gemeente_b])
    client.force_login(beheerder)  # a gemeente's beheerder, without accounts.add_gemeente
    lijst = client.get(reverse("instellingen:samenwerkingsverbanden")).content.decode()
    assert "Regio Noord" in lijst and "Regio Zuid" not in lijst  # not confirmed
    assert "regios/nieuw" not in lijst
    assert client.get(reverse("instellingen:samenwerkingsverband_nieuw")).status_code == 403
    url = reverse("instellingen:samenwerkingsverband", kwargs={"verband_id": eigen.pk})
    assert client.post(url, {"naam": "Anders", "gemeenten": [gemeente_a.pk]}).status_code == 403
    vreemd_url = reverse("instellingen:samenwerkingsverband", kwargs={"verband_id": vreemd.pk})
    assert client.get(vreemd_url).status_code == 404
    with pytest.raises(services.Beheerfout, match="geen regionale diensten beheren"):
        services.bewaar_samenwerkingsverband(
            beheerder, None, naam="X", oin="", gemeenten=[gemeente_a]
        )
    eigen.refresh_from_db()
    assert eigen.naam == "Regio Noord"


def test_een_nieuwe_regionale_dienst_is_een_keuze_in_de_monitoring(
    client, installatiebeheerder, gemeente_a, gemeente_b
):
    from inburgering.monitoring.forms import REGIO

    installatiebeheerder.gemeenten.add(gemeente_b)
    services.bewaar_samenwerkingsverband(
        installatiebeheerder, None, naam="Regio West", oin="", gemeenten=[gemeente_a, gemeente_b]
    )
    regio = Samenwerkingsverband.objects.get(naam="Regio West")
    teamleider = maak_gebruiker("tl_regio", Rol.TEAMLEIDER, gemeente_a, gemeente_b)
    client.force_login(teamleider)
    pagina = client.get(reverse("monitoring:dashboard")).content.decode()
    assert f'value="{REGIO}{regio.pk}"' in pagina and "Regio West" in pagina

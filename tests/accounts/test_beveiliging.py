"""Login rate limiting, no BSN in log lines, and production settings that pass check --deploy."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from inburgering.accounts.logfilters import BsnMaskeerFilter, maskeer_bsn
from inburgering.accounts.models import Rol
from tests.conftest import WACHTWOORD, maak_gebruiker

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_login_works_with_the_right_password(client, consulent_a):
    antwoord = client.post(
        reverse("accounts:login"), {"username": consulent_a.username, "password": WACHTWOORD}
    )
    assert antwoord.status_code == 302
    assert antwoord.url == reverse("dossiers:caseload")


@pytest.mark.django_db
def test_login_is_locked_after_five_failures_even_with_the_right_password(client, consulent_a):
    for _ in range(5):
        fout = client.post(
            reverse("accounts:login"), {"username": consulent_a.username, "password": "fout"}
        )
    assert fout.status_code in (200, 429)
    antwoord = client.post(
        reverse("accounts:login"), {"username": consulent_a.username, "password": WACHTWOORD}
    )
    assert antwoord.status_code == 429
    assert "tijdelijk geblokkeerd" in antwoord.content.decode()


def _inloggen(client, username, password, ip="10.0.0.7"):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


@pytest.mark.django_db
def test_many_usernames_from_one_ip_lock_that_ip(client, settings, consulent_a, collega_a):
    """Credential stuffing: a different username each time never reaches the per-user limit,
    the per-IP limit stops it; then even a right password from that IP is refused, while
    another IP still gets in."""
    settings.AXES_IP_FAILURE_LIMIT = 20
    for nummer in range(19):
        antwoord = _inloggen(client, f"gebruiker{nummer}", "fout-wachtwoord")
        assert antwoord.status_code == 200, nummer  # the form again, not locked yet
    assert _inloggen(client, "gebruiker19", "fout-wachtwoord").status_code == 429
    geweigerd = _inloggen(client, collega_a.username, WACHTWOORD)
    assert geweigerd.status_code == 429
    assert "tijdelijk geblokkeerd" in geweigerd.content.decode()
    ander_ip = _inloggen(client, collega_a.username, WACHTWOORD, ip="10.0.0.8")
    assert ander_ip.status_code == 302 and ander_ip.url == reverse("dossiers:caseload")


@pytest.mark.django_db
def test_the_ip_limit_follows_its_setting(client, settings, consulent_a):
    settings.AXES_IP_FAILURE_LIMIT = 8
    for nummer in range(7):
        assert _inloggen(client, f"naam{nummer}", "fout").status_code == 200
    assert _inloggen(client, "naam7", "fout").status_code == 429


@pytest.mark.django_db
def test_a_success_does_not_clear_the_failures_of_the_ip(client, settings, consulent_a, collega_a):
    settings.AXES_IP_FAILURE_LIMIT = 6
    for nummer in range(5):
        _inloggen(client, f"naam{nummer}", "fout")
    assert _inloggen(client, consulent_a.username, WACHTWOORD).status_code == 302
    client.logout()
    assert _inloggen(client, "naam5", "fout").status_code == 429


@pytest.mark.django_db
def test_behind_a_proxy_the_ip_comes_from_its_header(client, settings, consulent_a):
    settings.AXES_IP_FAILURE_LIMIT = 3
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    for nummer in range(3):
        client.post(
            reverse("accounts:login"),
            {"username": f"naam{nummer}", "password": "fout"},
            HTTP_X_REAL_IP="198.51.100.7",
        )
    # Same proxy address, another client: not locked; the stuffing client is.
    ander = client.post(
        reverse("accounts:login"),
        {"username": consulent_a.username, "password": WACHTWOORD},
        HTTP_X_REAL_IP="198.51.100.8",
    )
    assert ander.status_code == 302
    client.logout()
    zelfde = client.post(
        reverse("accounts:login"),
        {"username": consulent_a.username, "password": WACHTWOORD},
        HTTP_X_REAL_IP="198.51.100.7",
    )
    assert zelfde.status_code == 429


@pytest.mark.django_db
def test_a_user_is_locked_per_ip_and_other_users_there_are_not(client, consulent_a, collega_a):
    for _ in range(5):
        _inloggen(client, consulent_a.username, "fout")
    assert _inloggen(client, consulent_a.username, WACHTWOORD).status_code == 429
    assert _inloggen(client, collega_a.username, WACHTWOORD).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("nieuw", "melding"),
    [
        ("Kort-1a", "Dit wachtwoord is te kort: gebruik minimaal 12 tekens."),
        ("password1234", "Dit wachtwoord is te algemeen."),
        ("48205937162049", "Dit wachtwoord bevat alleen cijfers."),
        ("anna_consulent1", "Het wachtwoord lijkt te veel op de gebruikersnaam."),
    ],
)
def test_password_change_refuses_weak_passwords_in_dutch(client, consulent_a, nieuw, melding):
    client.force_login(consulent_a)
    antwoord = client.post(
        reverse("accounts:wachtwoord_wijzigen"),
        {"old_password": WACHTWOORD, "new_password1": nieuw, "new_password2": nieuw},
    )
    assert antwoord.status_code == 200
    assert melding in antwoord.content.decode()
    consulent_a.refresh_from_db()
    assert consulent_a.check_password(WACHTWOORD)


@pytest.mark.django_db
def test_password_change_page_changes_the_password(client, consulent_a):
    client.force_login(consulent_a)
    pagina = client.get(reverse("dossiers:caseload"))
    assert reverse("accounts:wachtwoord_wijzigen").encode() in pagina.content  # user menu
    formulier = client.get(reverse("accounts:wachtwoord_wijzigen"))
    assert b"utrecht-textbox" in formulier.content
    fout = client.post(
        reverse("accounts:wachtwoord_wijzigen"),
        {"old_password": "niet-het-oude", "new_password1": "x", "new_password2": "x"},
    )
    assert "Uw oude wachtwoord is niet juist ingevoerd." in fout.content.decode()
    nieuw = "Lange-zin-met-een-fiets-42"
    antwoord = client.post(
        reverse("accounts:wachtwoord_wijzigen"),
        {"old_password": WACHTWOORD, "new_password1": nieuw, "new_password2": nieuw},
    )
    assert antwoord.status_code == 302
    assert antwoord.url == reverse("accounts:wachtwoord_gewijzigd")
    assert "Uw wachtwoord is gewijzigd" in client.get(antwoord.url).content.decode()
    consulent_a.refresh_from_db()
    assert consulent_a.check_password(nieuw)
    # Still logged in: the session survives its own password change.
    assert client.get(reverse("dossiers:caseload")).status_code == 200


def test_nine_digit_numbers_are_masked_in_log_records(caplog):
    logger = logging.getLogger("inburgering.test")
    logger.addFilter(BsnMaskeerFilter())
    with caplog.at_level(logging.INFO, logger="inburgering.test"):
        logger.info("verwerkt bericht voor %s", "999990019")
    assert "999990019" not in caplog.text
    assert "*********" in caplog.text
    assert maskeer_bsn("tel 0612345678 bsn 999990019") == "tel 0612345678 bsn *********"


def test_the_configured_root_handler_masks_bsns():
    from django.conf import settings

    assert "geen_bsn" in settings.LOGGING["handlers"]["console"]["filters"]


#: A complete production environment; tests take one variable away or spoil it.
PRODUCTIE = {
    "DJANGO_SETTINGS_MODULE": "inburgering.conf.production",
    "SECRET_KEY": "x" * 20 + "-Kq8!vZ2@pL6#nR4$tY7%wB1^cM9&" + "y" * 20,
    "ALLOWED_HOSTS": "inburgering.gemeente.example",
    "DUO_BASE_URL": "https://duo.example:8443/v1",
    "BRP_API_URL": "https://brp.example/haalcentraal/api/brp",
    "DUO_NOTIFICATIE_TOKEN": "t0k3n-" + "a" * 40,
}
_PRODUCTIE_VARIABELEN = (
    *PRODUCTIE,
    "DUO_NOTIFICATIE_CERT_OIN_HEADER",
    "OTP_VERPLICHT",
    "OIDC_ISSUER",
    "OIDC_CLIENT_ID",
    "OIDC_CLIENT_SECRET",
    "OIDC_ROLMAPPING",
)
OIDC = {"OIDC_CLIENT_ID": "inburgering", "OIDC_CLIENT_SECRET": "s" * 32}


def _omgeving(**wijziging) -> dict[str, str]:
    # The browser tests allow async-unsafe ORM calls in their own process; production must not.
    basis = {
        k: v
        for k, v in os.environ.items()
        if k != "DJANGO_ALLOW_ASYNC_UNSAFE" and k not in _PRODUCTIE_VARIABELEN
    }
    env = {**basis, **PRODUCTIE, **wijziging}
    return {k: v for k, v in env.items() if v is not None}


def _importeer_productie(**wijziging) -> subprocess.CompletedProcess:
    """Import the production settings module in a fresh interpreter, as start-up does."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import inburgering.conf.production as p; print(p.OTP_VERPLICHT)",
        ],
        cwd=ROOT,
        env={**_omgeving(**wijziging), "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy():
    resultaat = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_omgeving(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert resultaat.returncode == 0, resultaat.stdout + resultaat.stderr


def test_production_refuses_to_start_without_a_secret_key():
    resultaat = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=_omgeving(SECRET_KEY=None),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert resultaat.returncode != 0
    assert "SECRET_KEY must be set" in resultaat.stderr


def test_production_with_every_setting_starts_and_requires_the_second_factor():
    resultaat = _importeer_productie()
    assert resultaat.returncode == 0, resultaat.stderr
    assert resultaat.stdout.strip() == "True"
    met_header = _importeer_productie(
        DUO_NOTIFICATIE_TOKEN=None, DUO_NOTIFICATIE_CERT_OIN_HEADER="X-Client-Cert-OIN"
    )
    assert met_header.returncode == 0, met_header.stderr


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        ({"DUO_BASE_URL": None}, "DUO_BASE_URL ontbreekt"),
        ({"DUO_BASE_URL": ""}, "DUO_BASE_URL ontbreekt"),
        ({"DUO_BASE_URL": "simulator://duo/v1"}, "DUO_BASE_URL wijst naar de DUO-simulator"),
        (
            {"DUO_NOTIFICATIE_TOKEN": "simulator-token"},
            "DUO_NOTIFICATIE_TOKEN is het openbare ontwikkeltoken",
        ),
        (
            {"DUO_NOTIFICATIE_TOKEN": None},
            "Zet DUO_NOTIFICATIE_CERT_OIN_HEADER of DUO_NOTIFICATIE_TOKEN",
        ),
        ({"DUO_NOTIFICATIE_TOKEN": "kort"}, "DUO_NOTIFICATIE_TOKEN is te kort"),
        ({"SECRET_KEY": None}, "SECRET_KEY ontbreekt"),
        ({"DATABASE_URL": "nonsense"}, "DATABASE_URL is geen postgres://"),
        ({"DATABASE_URL": "mysql://u@db.example/inburgering"}, "DATABASE_URL is geen postgres://"),
        ({"DATABASE_URL": "postgres://u@db.example"}, "DATABASE_URL is geen postgres://"),
        ({"BRP_API_URL": None}, "BRP_API_URL ontbreekt of wijst naar de BRP-simulator"),
        (
            {"BRP_API_URL": "simulator://brp"},
            "BRP_API_URL ontbreekt of wijst naar de BRP-simulator",
        ),
        (
            {"OIDC_ISSUER": "http://idp.gemeente.example/realms/x", **OIDC},
            "OIDC_ISSUER 'http://idp.gemeente.example/realms/x' moet https gebruiken",
        ),
        ({"OIDC_ISSUER": "idp.gemeente.example", **OIDC}, "OIDC_ISSUER 'idp.gemeente.example'"),
        (
            {"OIDC_ISSUER": "https://idp.gemeente.example", "OIDC_CLIENT_ID": "inburgering"},
            "OIDC_ISSUER staat aan maar OIDC_CLIENT_ID of OIDC_CLIENT_SECRET ontbreekt",
        ),
        (
            {"OIDC_ISSUER": "https://idp.gemeente.example", "OIDC_ROLMAPPING": "g1=baas", **OIDC},
            "OIDC_ROLMAPPING: rol 'baas' onbekend",
        ),
    ],
)
def test_production_stops_with_one_clear_line(wijziging, melding):
    resultaat = _importeer_productie(**wijziging)
    assert resultaat.returncode != 0
    laatste = resultaat.stderr.strip().splitlines()[-1]
    assert laatste.startswith("django.core.exceptions.ImproperlyConfigured: " + melding), laatste
    assert " / " in laatste  # Dutch and English on that one line


def test_production_starts_with_an_https_identity_provider():
    resultaat = _importeer_productie(OIDC_ISSUER="https://idp.gemeente.example/realms/g", **OIDC)
    assert resultaat.returncode == 0, resultaat.stderr


def test_otp_can_be_switched_off_in_production_explicitly():
    assert _importeer_productie(OTP_VERPLICHT="false").stdout.strip() == "False"


@pytest.mark.parametrize(
    ("rol", "pagina"),
    [
        (Rol.CONSULENT, "dossiers:caseload"),
        (Rol.TEAMLEIDER, "dossiers:caseload"),
        (Rol.KWALITEIT, "monitoring:dashboard"),
        (Rol.PRIVACY, "accounts:inzagelog"),
        (Rol.BEHEERDER, "koppelingen:berichten"),
    ],
)
def test_every_role_lands_on_its_own_start_page_after_login(client, gemeente_a, rol, pagina):
    """The privacy officer and the beheerder used to land on the caseload's "Geen toegang"."""
    gebruiker = maak_gebruiker(f"start_{rol}", rol, gemeente_a)
    antwoord = client.post(
        reverse("accounts:login"),
        {"username": gebruiker.username, "password": WACHTWOORD},
        follow=True,
    )
    assert antwoord.redirect_chain[-1][0] == reverse(pagina)
    assert antwoord.status_code == 200

"""The second factor (TOTP, django-otp): the code page after the password, enrolment when the
role requires it, one middleware that enforces it for every page (the admin included), and the
machine-to-machine endpoint left alone. Codes are computed from the device's key, as the phone
would: no mocks."""

import re
import time
from base64 import b32decode
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from inburgering.accounts.models import Rol
from tests.conftest import WACHTWOORD, maak_gebruiker

pytestmark = pytest.mark.django_db


def code_voor(apparaat: TOTPDevice, stappen_verder: int = 0) -> str:
    totp = TOTP(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits, apparaat.drift)
    totp.time = time.time() + stappen_verder * apparaat.step
    return f"{totp.token():0{apparaat.digits}d}"


def apparaat_voor(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)


def inloggen(client, user):
    antwoord = client.post(
        reverse("accounts:login"), {"username": user.username, "password": WACHTWOORD}
    )
    assert antwoord.status_code == 302
    return antwoord


def _pad(url: str) -> str:
    return urlsplit(url).path


def test_without_a_device_and_not_required_the_password_is_enough(client, consulent_a):
    inloggen(client, consulent_a)
    assert client.get(reverse("dossiers:caseload")).status_code == 200


def test_a_user_with_a_device_must_enter_the_code_first(client, consulent_a, dossier_a):
    apparaat = apparaat_voor(consulent_a)
    inloggen(client, consulent_a)
    dossier_url = reverse("dossiers:dossier", args=[dossier_a.uuid])
    antwoord = client.get(dossier_url)
    assert antwoord.status_code == 302
    assert _pad(antwoord.url) == reverse("accounts:otp_code")
    assert parse_qs(urlsplit(antwoord.url).query)["next"] == [dossier_url]
    # Nothing of the dossier was shown, and other pages are closed as well.
    assert client.get(reverse("dossiers:caseload")).status_code == 302
    pagina = client.get(antwoord.url)
    assert pagina.status_code == 200 and "inlogcode" in pagina.content.decode()
    goed = client.post(antwoord.url, {"code": code_voor(apparaat), "next": dossier_url})
    assert goed.status_code == 302 and goed.url == dossier_url
    assert client.get(dossier_url).status_code == 200


def test_a_wrong_code_is_refused_in_dutch_and_throttled(client, consulent_a):
    apparaat = apparaat_voor(consulent_a)
    inloggen(client, consulent_a)
    url = reverse("accounts:otp_code")
    fout = client.post(url, {"code": code_voor(apparaat, stappen_verder=5)})
    assert fout.status_code == 200
    assert "De code is onjuist of verlopen." in fout.content.decode()
    ongeldig = client.post(url, {"code": "12ab"})
    assert "De code bestaat uit 6 cijfers." in ongeldig.content.decode()
    # django-otp's throttle: after a wrong code even the right one waits.
    apparaat.refresh_from_db()
    assert apparaat.throttling_failure_count == 1
    geremd = client.post(url, {"code": code_voor(apparaat)})
    assert "Te veel onjuiste codes na elkaar" in geremd.content.decode()
    assert client.get(reverse("dossiers:caseload")).status_code == 302


def test_a_code_works_once(client, consulent_a, collega_a):
    apparaat = apparaat_voor(consulent_a)
    inloggen(client, consulent_a)
    code = code_voor(apparaat)
    assert client.post(reverse("accounts:otp_code"), {"code": code}).status_code == 302
    client.post(reverse("accounts:logout"))
    inloggen(client, consulent_a)
    opnieuw = client.post(reverse("accounts:otp_code"), {"code": code})
    assert opnieuw.status_code == 200  # replay of the same code is refused


def test_enrolment_when_required_shows_qr_and_secret_and_confirms(client, settings, consulent_a):
    settings.OTP_VERPLICHT = True
    inloggen(client, consulent_a)
    antwoord = client.get(reverse("dossiers:caseload"))
    assert _pad(antwoord.url) == reverse("accounts:otp_inschrijven")
    pagina = client.get(antwoord.url).content.decode()
    assert "<svg" in pagina and "<script" not in pagina
    geheim = re.search(r'class="app-geheim">([A-Z2-7 ]+)<', pagina).group(1).replace(" ", "")
    apparaat = TOTPDevice.objects.get(user=consulent_a)
    assert not apparaat.confirmed and b32decode(geheim) == apparaat.bin_key
    fout = client.post(antwoord.url, {"code": code_voor(apparaat, stappen_verder=5)})
    assert "De code is onjuist of verlopen." in fout.content.decode()
    apparaat.throttle_reset()
    goed = client.post(antwoord.url, {"code": code_voor(apparaat), "next": "/caseload/"})
    assert goed.status_code == 302 and goed.url == "/caseload/"
    apparaat.refresh_from_db()
    assert apparaat.confirmed
    assert client.get(reverse("dossiers:caseload")).status_code == 200
    # The next login asks for the code, not for a new enrolment.
    client.post(reverse("accounts:logout"))
    inloggen(client, consulent_a)
    assert _pad(client.get("/caseload/").url) == reverse("accounts:otp_code")


@pytest.mark.parametrize("rol", [Rol.TEAMLEIDER, Rol.KWALITEIT, Rol.PRIVACY, Rol.BEHEERDER])
def test_every_role_with_personal_data_or_configuration_must_enrol(
    client, settings, gemeente_a, rol
):
    settings.OTP_VERPLICHT = True
    user = maak_gebruiker(f"x_{rol}", rol, gemeente_a)
    inloggen(client, user)
    antwoord = client.get(reverse("accounts:wachtwoord_wijzigen"))
    assert _pad(antwoord.url) == reverse("accounts:otp_inschrijven")


def test_a_forced_login_is_not_verified_either(client, settings, consulent_a, dossier_a):
    """Enforcement is in the middleware, whatever way the session was made."""
    settings.OTP_VERPLICHT = True
    client.force_login(consulent_a)
    antwoord = client.get(reverse("dossiers:dossier", args=[dossier_a.uuid]))
    assert antwoord.status_code == 302
    assert _pad(antwoord.url) == reverse("accounts:otp_inschrijven")


def test_the_admin_requires_the_second_factor_too(client, beheerder):
    beheerder.is_staff = True
    beheerder.is_superuser = True
    beheerder.save()
    apparaat = apparaat_voor(beheerder)
    inloggen(client, beheerder)
    antwoord = client.get("/beheer/")
    assert _pad(antwoord.url) == reverse("accounts:otp_code")
    client.post(reverse("accounts:otp_code"), {"code": code_voor(apparaat)})
    assert client.get("/beheer/").status_code == 200


def test_logout_and_language_switch_work_before_the_code(client, consulent_a):
    apparaat_voor(consulent_a)
    inloggen(client, consulent_a)
    taal = client.post(reverse("set_language"), {"language": "en", "next": "/account/inlogcode/"})
    assert taal.status_code == 302 and taal.url == "/account/inlogcode/"
    assert "Enter your login code" in client.get(taal.url).content.decode()
    uit = client.post(reverse("accounts:logout"))
    assert uit.status_code == 302 and _pad(uit.url) == reverse("accounts:login")


def test_a_removed_device_means_enrolling_again(client, settings, consulent_a):
    """Lost phone: the beheerder deletes the device in the admin; the user enrols anew."""
    settings.OTP_VERPLICHT = True
    apparaat_voor(consulent_a)
    inloggen(client, consulent_a)
    TOTPDevice.objects.filter(user=consulent_a).delete()
    antwoord = client.get(reverse("accounts:otp_code") + "?next=/caseload/")
    assert antwoord.status_code == 302 and antwoord.url == "/caseload/"
    assert _pad(client.get("/caseload/").url) == reverse("accounts:otp_inschrijven")


def test_the_code_page_does_not_redirect_off_site(client, consulent_a):
    apparaat = apparaat_voor(consulent_a)
    inloggen(client, consulent_a)
    antwoord = client.post(
        reverse("accounts:otp_code"), {"code": code_voor(apparaat), "next": "https://evil.example/"}
    )
    assert antwoord.status_code == 302 and antwoord.url == reverse("dossiers:caseload")


def test_the_devices_can_be_removed_in_the_admin(client, beheerder):
    """The documented way to reset a lost phone: the TOTP devices in /beheer/."""
    beheerder.is_staff = True
    beheerder.is_superuser = True
    beheerder.save()
    client.force_login(beheerder)
    lijst = client.get("/beheer/otp_totp/totpdevice/")
    assert lijst.status_code == 200

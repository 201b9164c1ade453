"""Login rate limiting, no BSN in log lines, and production settings that pass check --deploy."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from inburgering.accounts.logfilters import BsnMaskeerFilter, maskeer_bsn
from tests.conftest import WACHTWOORD

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


def test_production_settings_pass_check_deploy():
    # The browser tests allow async-unsafe ORM calls in their own process; production must not.
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "inburgering.conf.production",
        "SECRET_KEY": "x" * 20 + "-Kq8!vZ2@pL6#nR4$tY7%wB1^cM9&" + "y" * 20,
        "ALLOWED_HOSTS": "inburgering.gemeente.example",
    }
    resultaat = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert resultaat.returncode == 0, resultaat.stdout + resultaat.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "inburgering.conf.production"
    resultaat = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert resultaat.returncode != 0
    assert "SECRET_KEY must be set" in resultaat.stderr

"""A bad LOG_FORMAT stops start-up (manage.py and the WSGI application gunicorn loads) with one
clear line naming the value and the choices, before anything logs in a format nobody reads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def start(*argumenten: str, log_format: str) -> subprocess.CompletedProcess[str]:
    omgeving = {
        **os.environ,
        "LOG_FORMAT": log_format,
        "DJANGO_SETTINGS_MODULE": "inburgering.conf.dev",
        "PYTHONPATH": str(ROOT / "src"),
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, *argumenten],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "argumenten",
    [("manage.py", "check"), ("-c", "import inburgering.wsgi")],
    ids=["manage.py", "wsgi"],
)
def test_a_bad_log_format_stops_start_up_with_one_clear_line(argumenten):
    uitkomst = start(*argumenten, log_format="xml")
    assert uitkomst.returncode != 0
    regels = [r for r in uitkomst.stderr.splitlines() if "LOG_FORMAT" in r]
    assert regels == [
        "django.core.exceptions.ImproperlyConfigured: LOG_FORMAT 'xml' onbekend: kies plain of "
        "json / must be plain or json."
    ]
    assert uitkomst.stderr.rstrip().endswith(regels[0])  # the last line says it


@pytest.mark.parametrize("log_format", [" JSON "])
def test_a_good_log_format_starts(log_format):
    uitkomst = start("manage.py", "check", log_format=log_format)
    assert uitkomst.returncode == 0, uitkomst.stderr

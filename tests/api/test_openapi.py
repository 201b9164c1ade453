"""The committed spec (docs/api/openapi.yaml) is what the code generates, and the API keeps to
it: schemathesis generates requests from the committed spec, valid and invalid, for every
operation, and checks every answer (no 5xx, documented status, content type, headers and body
schema). Examples are limited so the whole run stays well under two minutes on SQLite."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

SPEC = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.yaml"
VOORBEELDEN = 8  # per operation and per mode


def test_committed_spec_is_current():
    uit = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=uit)
    assert uit.getvalue() == SPEC.read_text(encoding="utf-8"), (
        "docs/api/openapi.yaml is stale: regenerate with "
        "`manage.py spectacular --file docs/api/openapi.yaml --validate`"
    )


def _echte_ids(case, wereld) -> None:
    """Point a generated request at a real object of the caller, so valid requests get past
    the 404 and reach the validation and the write."""
    params = case.path_parameters or {}
    if "uuid" in params:
        params["uuid"] = str(wereld["dossier"].uuid)
    if "id" in params:
        params["id"] = wereld["plaatsing"].pk


@pytest.fixture
def ruim(settings):
    """No rate limit in the way; and, as Django's own test client does, the database
    connection is not closed at the start or end of each request (that would end the test's
    transaction on PostgreSQL)."""
    settings.API_LIMIET = "100000/min"
    settings.ALLOWED_HOSTS = ["*"]
    for signaal in (request_started, request_finished):
        signaal.disconnect(close_old_connections)
    yield
    for signaal in (request_started, request_finished):
        signaal.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.parametrize("modus", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_keeps_to_the_spec(wereld, ruim, modus):
    schema = schemathesis.openapi.from_path(SPEC)
    schema.app = get_wsgi_application()  # requests go through the WSGI app, in-process
    operaties = [r.ok() for r in schema.get_all_operations()]
    assert len(operaties) == 11
    sleutels = wereld["sleutels"]

    def sleutel_voor(pad: str) -> str:
        if "mb-rapportages" in pad:
            return sleutels["mb"]
        if "coa-overdrachten" in pad:
            return sleutels["coa"]
        if "ontzorging" in pad:
            return sleutels["budget"]
        return sleutels["school"]

    def controle(operatie):
        @settings(
            max_examples=VOORBEELDEN,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operatie.as_strategy(generation_mode=modus), echt=st.booleans())
        def controleer(case, echt):
            if echt and modus == GenerationMode.POSITIVE:
                _echte_ids(case, wereld)
            case.call_and_validate(
                base_url="http://testserver",
                # Valid by the schema is not valid by the rules: a date before the dossier's
                # first event, a period in the future, hours above 60 a week are 400 by design.
                excluded_checks=[positive_data_acceptance],
                headers={"Authorization": f"Bearer {sleutel_voor(operatie.path)}"},
            )

        return controleer

    for operatie in operaties:
        controle(operatie)()

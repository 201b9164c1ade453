"""Control characters in names and free text: refused with a form error, never stored.

Every form of the project is found by walking the package (a new form is covered without being
listed here) and must use `ui.NLDesignFormMixin`, which gives each text field its check."""

import datetime as dt
import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

import inburgering
from inburgering.dossiers.models import Inburgeraar
from inburgering.dossiers.uitkomsten import stand
from inburgering.dossiers.workflow import Soort
from inburgering.invoer import ONGELDIG_TEKEN
from inburgering.ui import NLDesignFormMixin
from tests.conftest import volgend_test_bsn

pytestmark = pytest.mark.django_db

MELDING = str(ONGELDIG_TEKEN)


def _alle_formulieren() -> list[type]:
    for module in pkgutil.walk_packages(inburgering.__path__, "inburgering."):
        overslaan = (".migrations", ".conf.", ".wsgi")
        if not any(deel in f"{module.name}." for deel in overslaan):
            importlib.import_module(module.name)
    gevonden, te_doen = set(), [forms.BaseForm]
    while te_doen:
        for sub in te_doen.pop().__subclasses__():
            te_doen.append(sub)
            if sub.__module__.startswith("inburgering.") and "base_fields" in dir(sub):
                gevonden.add(sub)
    return sorted(gevonden, key=lambda k: f"{k.__module__}.{k.__qualname__}")


FORMULIEREN = _alle_formulieren()


def test_the_walk_finds_the_forms():
    namen = {k.__name__ for k in FORMULIEREN}
    assert {"NieuwDossierForm", "FilterForm", "InzagelogZoekForm", "PipVersieForm"} <= namen


@pytest.mark.parametrize("klasse", FORMULIEREN, ids=lambda k: k.__qualname__)
def test_every_form_uses_the_mixin(klasse):
    assert issubclass(klasse, NLDesignFormMixin), (
        f"{klasse.__module__}.{klasse.__qualname__} must use ui.NLDesignFormMixin: it gives "
        "every field its input checks (control characters, date range)."
    )


def _maak(klasse, gebruiker, gemeente):
    """An unbound instance; constructor arguments chosen by name."""
    mogelijk = {
        "user": gebruiker,
        "gemeenten": [gemeente],
        "stand": stand([], dt.date.today()),
        "asielstatushouder": True,
        "toegestaan": list(Soort),
        "map_nodig": True,
        "gemeente_ids": [gemeente.pk],
    }
    # The parameters of every __init__ along the MRO: a mixin's (*args, **kwargs) passes on
    # what e.g. Django's PasswordChangeForm needs (its `user`).
    parameters = {
        naam: p
        for basis in reversed(klasse.__mro__)
        if "__init__" in vars(basis)
        for naam, p in inspect.signature(vars(basis)["__init__"]).parameters.items()
    }
    nodig = {
        naam: mogelijk[naam]
        for naam, p in parameters.items()
        if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD) and naam in mogelijk
    }
    return klasse(**nodig)


def _tekstvelden(form):
    for naam, veld in form.fields.items():
        if isinstance(veld, forms.CharField):
            try:
                veld.to_python("ab")
            except ValidationError:
                continue  # e.g. a UUID: refused before any text check
            yield naam, veld


def _meldingen(veld, waarde) -> list[str]:
    try:
        veld.clean(waarde)
    except ValidationError as fout:
        return fout.messages
    return []


@pytest.mark.parametrize("klasse", FORMULIEREN, ids=lambda k: k.__qualname__)
def test_every_text_field_of_every_form_refuses_control_characters(klasse, consulent_a, gemeente_a):
    form = _maak(klasse, consulent_a, gemeente_a)
    for naam, veld in _tekstvelden(form):
        assert _meldingen(veld, "a\x00b"), (klasse.__name__, naam)  # NUL: always refused
        assert MELDING in _meldingen(veld, "a\x1bb"), (klasse.__name__, naam)
        assert MELDING in _meldingen(veld, "a\x85b"), (klasse.__name__, naam)
        if isinstance(veld.widget, forms.Textarea):
            assert MELDING not in _meldingen(veld, "regel 1\r\nregel 2\n\tregel 3"), naam
        else:
            for teken in ("\n", "\r", "\t", "\u2028"):
                assert MELDING in _meldingen(veld, f"a{teken}b"), (klasse.__name__, naam)


def _nieuw(**anders) -> dict:
    data = {
        "bsn": volgend_test_bsn(),
        "voornamen": "Amal",
        "geslachtsnaam": "Haddad",
        "geboortedatum": "1990-05-17",
        "geslacht": "V",
        "land_van_herkomst": "SY",
        "talen": ["ar"],
        "regime": "wi2021",
        "doelgroep": "asielstatushouder",
        "kennisgeving_datum": (dt.date.today() - dt.timedelta(days=3)).isoformat(),
    }
    return data | anders


@pytest.mark.parametrize(
    ("veld", "waarde"),
    [
        ("voornamen", "Am\x00al"),
        ("voornamen", "Amal\nHaddad"),
        ("geslachtsnaam", "Had\tdad"),
        ("azc", "Budel\x1b[31m"),
        ("telefoon", "06\r12345678"),
    ],
)
def test_a_new_dossier_with_a_control_character_is_a_form_error(
    client, consulent_a, gemeente_a, veld, waarde
):
    """On PostgreSQL a NUL used to reach the INSERT and end in a DataError (500)."""
    client.force_login(consulent_a)
    antwoord = client.post(
        reverse("dossiers:nieuw"), _nieuw(gemeente=gemeente_a.pk, **{veld: waarde})
    )
    assert antwoord.status_code == 400
    assert (
        MELDING in antwoord.content.decode()
        or "Null characters are not allowed" in antwoord.content.decode()
        or "Nul-tekens zijn niet toegestaan" in antwoord.content.decode()
    )
    assert not Inburgeraar.objects.exists()


def test_a_clean_new_dossier_is_still_accepted(client, consulent_a, gemeente_a):
    client.force_login(consulent_a)
    antwoord = client.post(reverse("dossiers:nieuw"), _nieuw(gemeente=gemeente_a.pk))
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]


def test_a_textarea_keeps_its_line_breaks(client, consulent_a, dossier_a):
    client.force_login(consulent_a)
    tekst = "Gebeld met de inburgeraar.\r\n\tAfspraak gemaakt."
    antwoord = client.post(
        reverse("intake:contact", args=[dossier_a.uuid]),
        {
            "actie": "contact",
            "datum": dt.date.today().isoformat(),
            "kanaal": "telefoon",
            "samenvatting": tekst,
        },
    )
    assert antwoord.status_code == 302
    assert dossier_a.events.filter(soort=Soort.CONTACT).get().toelichting == tekst


@pytest.mark.parametrize("waarde", ["Amal\x00", "Amal\nHaddad", "Amal\x9b"])
def test_a_name_with_a_control_character_is_refused_without_a_form(waarde):
    """DUO's BRP data and the migration import save an Inburgeraar without a form."""
    persoon = Inburgeraar(
        bsn=volgend_test_bsn(),
        voornamen=waarde,
        geslachtsnaam="Haddad",
        geboortedatum=dt.date(1990, 5, 17),
        geslacht="V",
        land_van_herkomst="SY",
    )
    with pytest.raises(ValidationError) as fout:
        persoon.save()
    assert fout.value.message_dict == {"voornamen": [MELDING]}
    assert not Inburgeraar.objects.exists()

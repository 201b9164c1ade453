"""A partner sees a dossier only while involved, only in a gemeente it serves, and only the
categories of data the need-to-know table gives its kind."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from inburgering.accounts.models import Rol
from inburgering.partners import services
from inburgering.partners.models import Grond, Organisatiesoort
from inburgering.partners.toegang import (
    GEGEVENS,
    Gegeven,
    dossiers_voor_partner,
    mag_zien,
    organisatie_van,
)
from tests.conftest import maak_gebruiker
from tests.partners.factories import betrokken, maak_medewerker, maak_organisatie

pytestmark = pytest.mark.django_db

BIJZONDER = {Gegeven.GEZONDHEID, Gegeven.FINANCIEN, Gegeven.ASIELVERLEDEN}


def test_every_kind_has_a_row_and_a_school_never_sees_health_finances_or_asylum_history():
    assert set(GEGEVENS) == set(Organisatiesoort)
    for gegeven in BIJZONDER:
        assert not mag_zien(Organisatiesoort.TAALAANBIEDER, gegeven)
        assert not mag_zien(Organisatiesoort.BEGELEIDING, gegeven)
    assert not mag_zien(Organisatiesoort.BEGELEIDING, Gegeven.ONTZORGEN_BETALING)
    assert mag_zien(Organisatiesoort.BEGELEIDING, Gegeven.ONTZORGEN_STATUS)
    assert not any(mag_zien(soort, Gegeven.GEZONDHEID) for soort in Organisatiesoort)


def test_a_partner_sees_a_dossier_only_from_begin_to_einde_inclusive(dossier_a, gemeente_a):
    school = maak_organisatie(Organisatiesoort.TAALAANBIEDER, gemeente_a)
    medewerker = maak_medewerker("sanne_school", school)
    betrokken(school, dossier_a, bron="plaatsing:1", begin=dt.date(2026, 3, 1))
    services.ontkoppel(dossier_a, bron="plaatsing:1", einde=dt.date(2026, 6, 30))

    def ziet(op):
        return list(dossiers_voor_partner(medewerker, op))

    assert ziet(dt.date(2026, 2, 28)) == []
    assert ziet(dt.date(2026, 3, 1)) == [dossier_a]
    assert ziet(dt.date(2026, 6, 30)) == [dossier_a]
    assert ziet(dt.date(2026, 7, 1)) == []


def test_no_scope_outside_the_gemeenten_served_or_for_other_roles(
    dossier_a, dossier_b, gemeente_a, consulent_a
):
    school = maak_organisatie(Organisatiesoort.TAALAANBIEDER, gemeente_a)
    with pytest.raises(ValidationError, match="werkt niet voor de gemeente"):
        betrokken(school, dossier_b)
    betrokken(school, dossier_a)
    # The gemeente ends the cooperation: the involvement no longer opens the dossier.
    school.gemeenten.clear()
    assert list(dossiers_voor_partner(maak_medewerker("piet_school", school))) == []
    assert organisatie_van(consulent_a) is None
    assert organisatie_van(maak_gebruiker("zonder_organisatie", Rol.PARTNER)) is None


def test_an_inactive_organisation_sees_nothing(dossier_a, gemeente_a):
    coa = maak_organisatie(Organisatiesoort.COA, gemeente_a)
    medewerker = maak_medewerker("cor_coa", coa)
    betrokken(coa, dossier_a, Grond.COA_OVERDRACHT)
    assert list(dossiers_voor_partner(medewerker)) == [dossier_a]
    coa.actief = False
    coa.save()
    assert list(dossiers_voor_partner(medewerker)) == []


def test_linking_again_reopens_the_same_involvement(dossier_a, gemeente_a):
    mb = maak_organisatie(Organisatiesoort.BEGELEIDING, gemeente_a)
    eerste = betrokken(mb, dossier_a, Grond.BEGELEIDING, bron="mb:1", begin=dt.date(2026, 2, 1))
    assert services.ontkoppel(dossier_a, bron="mb:1", einde=dt.date(2026, 4, 1)) == 1
    opnieuw = betrokken(mb, dossier_a, Grond.BEGELEIDING, bron="mb:1", begin=dt.date(2026, 5, 1))
    assert opnieuw.pk == eerste.pk and opnieuw.einde is None
    assert opnieuw.begin == dt.date(2026, 2, 1)

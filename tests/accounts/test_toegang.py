"""Need-to-know access: gemeente scoping, own-caseload restriction, roles, and the access log."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from inburgering.accounts.models import Gebruiker, GemeenteConfiguratie, Inzagelog
from inburgering.dossiers.toegang import dossiers_voor
from tests.conftest import maak_dossier

pytestmark = pytest.mark.django_db


def test_a_user_of_gemeente_a_cannot_open_a_dossier_of_gemeente_b(
    client, consulent_a, dossier_a, dossier_b
):
    client.force_login(consulent_a)
    assert client.get(reverse("dossiers:dossier", args=[dossier_b.uuid])).status_code == 404
    assert client.get(reverse("dossiers:dossier", args=[dossier_a.uuid])).status_code == 200


def test_a_guessed_dossier_number_looks_the_same_as_a_foreign_one(client, consulent_a, dossier_b):
    client.force_login(consulent_a)
    vreemd = client.get(reverse("dossiers:dossier", args=[dossier_b.uuid]))
    geraden = client.get(reverse("dossiers:dossier", args=[uuid.uuid4()]))
    assert vreemd.status_code == geraden.status_code == 404
    assert _hoofdinhoud(vreemd) == _hoofdinhoud(geraden)


def _hoofdinhoud(antwoord) -> str:
    html = antwoord.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_caseload_and_search_never_show_another_gemeente(client, consulent_a, dossier_b):
    client.force_login(consulent_a)
    for scope in ("mijn", "team", "gemeente"):
        html = client.get(reverse("dossiers:caseload"), {"scope": scope}).content.decode()
        assert dossier_b.inburgeraar.naam not in html
    client.post(reverse("dossiers:caseload"), {"zoek": dossier_b.inburgeraar.bsn})
    html = client.get(reverse("dossiers:caseload"), {"scope": "gemeente"}).content.decode()
    assert dossier_b.inburgeraar.naam not in html
    assert "0 dossiers" in html


def test_filtering_on_a_foreign_gemeente_returns_nothing(client, consulent_a, dossier_b):
    client.force_login(consulent_a)
    html = client.get(
        reverse("dossiers:caseload"), {"scope": "gemeente", "gemeente": dossier_b.gemeente_id}
    ).content.decode()
    assert dossier_b.inburgeraar.naam not in html


def test_a_user_serving_two_gemeenten_sees_both(gemeente_a, gemeente_b, dossier_a, dossier_b):
    from tests.conftest import maak_gebruiker

    regio = maak_gebruiker("rita_regio", "kwaliteit", gemeente_a, gemeente_b)
    assert set(dossiers_voor(regio)) == {dossier_a, dossier_b}


def test_consulent_can_be_restricted_to_own_caseload(gemeente_a, consulent_a, collega_a):
    eigen = maak_dossier(gemeente_a, consulent=consulent_a)
    ander = maak_dossier(gemeente_a, consulent=collega_a)
    assert set(dossiers_voor(consulent_a)) == {eigen, ander}
    GemeenteConfiguratie.objects.filter(gemeente=gemeente_a).update(
        consulent_alleen_eigen_caseload=True
    )
    # The gemeenten and their settings are read once per user object, i.e. per request.
    volgend_verzoek = Gebruiker.objects.get(pk=consulent_a.pk)
    assert set(dossiers_voor(volgend_verzoek)) == {eigen}


def test_a_change_of_the_users_gemeenten_is_seen_at_once(gemeente_a, gemeente_b, consulent_a):
    in_a = maak_dossier(gemeente_a, consulent=consulent_a)
    in_b = maak_dossier(gemeente_b)
    assert set(dossiers_voor(consulent_a)) == {in_a}
    consulent_a.gemeenten.add(gemeente_b)
    assert set(dossiers_voor(consulent_a)) == {in_a, in_b}
    consulent_a.gemeenten.remove(gemeente_a)
    assert set(dossiers_voor(consulent_a)) == {in_b}


@pytest.mark.parametrize("rol", ["beheerder", "privacy", "partner"])
def test_roles_without_need_to_know_see_no_dossiers(client, gemeente_a, dossier_a, rol):
    from tests.conftest import maak_gebruiker

    user = maak_gebruiker(f"x_{rol}", rol, gemeente_a)
    client.force_login(user)
    assert client.get(reverse("dossiers:caseload")).status_code == 403
    assert client.get(reverse("dossiers:dossier", args=[dossier_a.uuid])).status_code == 403
    assert dossiers_voor(user).count() == 0


def test_anonymous_users_are_sent_to_login(client, dossier_a):
    antwoord = client.get(reverse("dossiers:dossier", args=[dossier_a.uuid]))
    assert antwoord.status_code == 302
    assert reverse("accounts:login") in antwoord.url


def test_every_view_of_personal_data_is_logged(client, consulent_a, dossier_a):
    client.force_login(consulent_a)
    client.get(reverse("dossiers:dossier", args=[dossier_a.uuid]))
    client.get(reverse("dossiers:caseload"))
    regels = list(Inzagelog.objects.filter(gebruiker=consulent_a).values_list("doel", "dossier"))
    assert ("dossier", dossier_a.pk) in regels
    assert ("caseload", dossier_a.pk) in regels


def test_one_page_view_logs_every_shown_dossier_with_one_request_id(
    client, consulent_a, gemeente_a
):
    dossiers = [maak_dossier(gemeente_a, consulent=consulent_a) for _ in range(3)]
    client.force_login(consulent_a)
    client.get(reverse("dossiers:caseload"))
    client.get(reverse("dossiers:caseload"))
    regels = list(
        Inzagelog.objects.filter(gebruiker=consulent_a, doel="caseload").values_list(
            "dossier", "verzoek_id", "tijdstip"
        )
    )
    assert sorted(r[0] for r in regels) == sorted(d.pk for d in dossiers for _ in range(2))
    per_verzoek = {}
    for dossier, verzoek, tijdstip in regels:
        per_verzoek.setdefault(verzoek, set()).add((dossier, tijdstip))
    assert len(per_verzoek) == 2  # two page views, each one request id
    for rijen in per_verzoek.values():
        assert {d for d, _ in rijen} == {d.pk for d in dossiers}
        assert len({t for _, t in rijen}) == 1
        assert abs(next(iter(rijen))[1] - timezone.now()) < dt.timedelta(minutes=1)


def test_a_long_list_is_logged_whole_with_one_request_id(consulent_a, gemeente_a, monkeypatch):
    from inburgering.accounts import toegang

    dossiers = [maak_dossier(gemeente_a, consulent=consulent_a) for _ in range(5)]
    monkeypatch.setattr(toegang, "INZAGE_PER_STATEMENT", 2)
    toegang.log_inzage(consulent_a, [d.pk for d in dossiers], "export")
    gelogd = Inzagelog.objects.filter(doel="export")
    assert sorted(gelogd.values_list("dossier", flat=True)) == sorted(d.pk for d in dossiers)
    assert gelogd.values("verzoek_id").distinct().count() == 1


def test_a_refused_view_writes_no_log_line(client, consulent_a, dossier_b):
    client.force_login(consulent_a)
    client.get(reverse("dossiers:dossier", args=[dossier_b.uuid]))
    assert not Inzagelog.objects.filter(dossier=dossier_b).exists()


def test_the_privacy_officer_can_search_the_access_log(
    client, consulent_a, privacy_officer, dossier_a
):
    client.force_login(consulent_a)
    client.get(reverse("dossiers:dossier", args=[dossier_a.uuid]))
    client.force_login(privacy_officer)
    antwoord = client.get(
        reverse("accounts:inzagelog"), {"gebruiker": consulent_a.pk, "dossier": dossier_a.uuid}
    )
    assert antwoord.status_code == 200
    assert antwoord.context["pagina"].paginator.count == 1
    assert str(dossier_a.uuid) in antwoord.content.decode()
    fout = client.get(reverse("accounts:inzagelog"), {"dossier": "abc"})
    assert "Vul een volledig dossiernummer in" in fout.content.decode()


def test_only_the_privacy_officer_can_search_the_access_log(client, consulent_a):
    client.force_login(consulent_a)
    assert client.get(reverse("accounts:inzagelog")).status_code == 403


def test_the_access_log_keeps_its_delete_rules_without_database_constraints(gemeente_a, dossier_a):
    """The log's foreign keys have no database constraint (write speed); Django still refuses
    to delete a user who appears in it."""
    from django.db.models import ProtectedError

    from inburgering.accounts.toegang import log_inzage
    from tests.conftest import maak_gebruiker

    kijker = maak_gebruiker("kijker", "kwaliteit", gemeente_a)
    log_inzage(kijker, [dossier_a.pk], "dossier")
    with pytest.raises(ProtectedError) as fout:
        kijker.delete()
    assert {type(o) for o in fout.value.protected_objects} == {Inzagelog}
    assert Gebruiker.objects.filter(pk=kijker.pk).exists()

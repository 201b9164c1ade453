"""Conformance with DUO's published contract (the OpenAPI files in shared/reference/duo-m2m),
validated with openapi-core (tests/koppelingen/openapi.py): our Notificatie endpoint, every
request our DUO client builds and every answer the DUO simulator gives. The folder is required:
without it these tests fail with a message (it is present in CI; DUO_M2M_DIR may point
elsewhere).

Beyond the chain walked here, the recorder in conftest.py (`duo_opname`) validates every
exchange of every test in tests/koppelingen the same way."""

import re

from django.utils import timezone

from inburgering.dossiers.models import Dossier
from inburgering.koppelingen.duo.client import client_voor
from inburgering.koppelingen.duo.leveringen import (
    lever_aanbod,
    lever_map,
    lever_pip,
    lever_pvt,
    lever_uren,
    lever_zroute,
)
from inburgering.koppelingen.models import Status, UitgaandBericht
from inburgering.koppelingen.outbox import verwerk_alles

from . import openapi
from .conftest import OIN_A, post_notificatie


def test_de_specificaties_laden_in_de_validator():
    """Every DUO API file and the BRP file load in openapi-core (which checks the file itself),
    with DUO's \\p{L}/\\p{Pd} patterns meaning what they mean in DUO's files."""
    apis = openapi.duo_apis()
    assert len(apis) == 12, apis
    for api in apis:
        assert openapi.duo_spec(api).spec is not None
    assert openapi.brp_document()["info"]["version"] == "2.7.0"
    naam = re.compile(
        "^" + openapi._python_patroon("[\\s'‘.\\p{L}\\p{Pd}]{0,100}") + "$"
    )  # Contactpersoon API, Contactpersoongegevens.naam
    assert naam.match("Anna de Vries-Ölçü") and naam.match("Ṣāliḥ ‘Abd al‑Karīm")
    assert not naam.match("Anna 2") and not naam.match("anna_devries")


def test_een_afwijking_wordt_gevonden():
    """The validator is not a rubber stamp: a wrong body, header and answer are each found."""
    u = openapi.Uitwisseling(
        "POST", "/personen/999990019/PIP",
        {"bron": "1" * 20, "doel": "2" * 20, "berichtId": "geen-uuid"},
        b'{"dagtekeningPip": "2026-13-01", "leerroute": "b1"}',
        403, {}, b'[{"fout": "x"}]',
    )  # fmt: skip
    api, fouten = openapi.duo_uitwisseling(u)
    tekst = "\n".join(fouten)
    assert api == "PIP"
    for verwacht in ("uuid", "dagtekeningPip", "leerroute", "API-Version", "fouttekst"):
        assert verwacht in tekst, (verwacht, tekst)


def test_endpoint_volgt_notificatie_api(client, scenarios):
    n = scenarios.nieuwe_statushouder(OIN_A)
    gevallen = [
        (n.headers, n.body, {}),
        (n.headers | {"berichtId": "x"}, n.body, {}),
        (n.headers, n.body, {"token": None}),
        (n.headers | {"bron": "1" * 20}, n.body, {}),
    ]
    statussen = []
    for i, (headers, body, kwargs) in enumerate(gevallen):
        antwoord = post_notificatie(client, headers, body, **kwargs)
        statussen.append(antwoord.status_code)
        u = openapi.Uitwisseling(
            "POST", "/notificaties", headers, n.inhoud, antwoord.status_code,
            dict(antwoord.headers.items()), antwoord.content,
        )  # fmt: skip
        api, fouten = openapi.duo_uitwisseling(u)
        assert api == "Notificatie"
        if i == 0:
            assert fouten == []  # DUO's own message and our answer: both as the contract says
        else:  # a deliberately bad request: only our answer is checked against the contract
            assert [f for f in fouten if f.startswith("antwoord")] == [], fouten
    assert statussen == [201, 400, 401, 403], statussen
    assert openapi.duo_document("Notificatie")["info"]["version"] == "1.8.0"


def test_alle_uitgaande_berichten_en_antwoorden_volgen_de_specificatie(
    scenarios, stuur, sim, duo_opname
):
    n = scenarios.nieuwe_statushouder(OIN_A)
    bsn = n.body["bsn"]
    stuur(n)
    stuur(scenarios.lbt_resultaat(bsn, OIN_A))
    stuur(scenarios.examenresultaat(bsn, OIN_A))
    dossier = Dossier.objects.get()
    vandaag = timezone.localdate()
    lever_pip(dossier, dagtekening=vandaag, leerroute="b1", intensiteit=500)
    verwerk_alles()
    stuur(scenarios.termijn_start(bsn, OIN_A))
    leveringen = [
        lever_aanbod(dossier, instellingsnummer="0000012345", datum_aanbod=vandaag, start=vandaag,
                     einde=vandaag.replace(year=vandaag.year + 1)),
        lever_map(dossier, datum=vandaag), lever_pvt(dossier, datum=vandaag),
        lever_zroute(dossier, datum=vandaag),
        *(lever_uren(dossier, soort=s, uren=12) for s in
          ("uren_taalles_knm", "uren_participatie", "uren_participatietaalles")),
    ]  # fmt: skip
    assert all(levering.status == Status.NIEUW for levering in leveringen), [
        levering.bevindingen for levering in leveringen
    ]
    verwerk_alles()
    c = client_voor(dossier.gemeente)
    c.vrijstellingen(bsn), c.ontheffingen(bsn), c.uren(bsn), c.inburgeringstermijn(bsn)
    c.inburgeringsplicht(bsn), c.doelgroep(bsn), c.pip(bsn), c.map(bsn), c.pvt(bsn)
    c.instellingen(), c.lbt_examennummer(bsn)
    assert {p["onderdeel"]: p["gratisPogingenTegoed"] for p in c.gratis_examenpogingen(bsn)}[
        "KNM"
    ] == 2  # the simulator's 3, less the KNM attempt reported above
    cp = c.contactpersoon_opvoeren({"naam": "Anna de Vries", "email": "anna@example.nl",
                                    "telefoonnummer": "0301234567"})  # fmt: skip
    c.contactpersoon_koppelen(cp["id"], bsn)
    # A refusal (DUO's functional 403 with Foutmelding) and a 404 are answers in the contract too.
    weigering = c.verzoek("POST", f"/personen/{bsn}/PIP",
                          {"dagtekeningPip": "2000-01-01", "leerroute": "B"})  # fmt: skip
    assert weigering.status == 403 and weigering.json()
    assert c.verzoek("DELETE", f"/personen/{bsn}/PIP").status == 403  # the termijn is set

    duo = [(api, u) for api, u in duo_opname.alle if api != "BRP"]
    gezien = {(u.methode, openapi.sjabloon(api, u.methode, u.pad)) for api, u in duo}
    verwacht = {("POST", "/personen/{bsn}/PIP"), ("PUT", "/personen/{bsn}/map"),
                ("PUT", "/personen/{bsn}/pvt"), ("PUT", "/personen/{bsn}/zroute"),
                ("POST", "/personen/{bsn}/Inburgeringsaanbod/{instellingsnummer}"),
                ("PUT", "/personen/{bsn}/uren/bredeintake/taallesknm"),
                ("PUT", "/personen/{bsn}/uren/participatieactiviteiten"),
                ("PUT", "/personen/{bsn}/uren/participatietaalles"),
                ("GET", "/personen/{bsn}/lbt/resultaten"),
                ("GET", "/personen/{bsn}/examens/resultaten"),
                ("GET", "/personen/{bsn}/examens/gratispogingen"),
                ("GET", "/personen/{bsn}/inburgeringsplicht"),
                ("GET", "/personen/{bsn}/doelgroep"), ("GET", "/personen/{bsn}/PIP"),
                ("DELETE", "/personen/{bsn}/PIP"), ("GET", "/instellingen"),
                ("POST", "/contactpersonen"),
                ("POST", "/contactpersonen/{id}/personen/{bsn}")}  # fmt: skip
    assert verwacht <= gezien, verwacht - gezien
    # Every exchange above was validated by the recorder; none was left out as forced.
    assert len(duo) >= 30 and not duo_opname.geforceerd
    assert any(api == "BRP" for api, _ in duo_opname.alle)  # the new person came from the BRP
    assert duo_opname.fouten() == []
    assert UitgaandBericht.objects.filter(status=Status.VERWERKT).count() == 8

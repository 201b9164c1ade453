"""The reconciliation report shows words and Dutch dates, not codes and ISO dates."""

from django.utils import translation

from inburgering.koppelingen.duo.afstemming_woorden import leesbaar


def test_codes_and_iso_dates_become_words():
    rij = leesbaar(
        {
            "dossier_uuid": "x",
            "soort": "verschil",
            "onderwerp": "bekend_bij_duo",
            "ons": "lopend dossier",
            "duo": "onbekend",
            "toelichting": "DUO kent deze persoon niet als inburgeringsplichtige.",
        }
    )
    assert rij["onderwerp"] == "Bekend bij DUO"
    termijn = leesbaar(
        {"onderwerp": "termijn", "ons": "2029-05-01", "duo": "2029-06-01", "toelichting": ""}
    )
    assert (termijn["ons"], termijn["duo"]) == ("01-05-2029", "01-06-2029")
    doelgroep = leesbaar(
        {"onderwerp": "doelgroep", "ons": "asielstatushouder", "duo": "gezinsmigrant_overig"}
    )
    assert doelgroep["ons"] == "Asielstatushouder"
    with translation.override("en"):
        engels = leesbaar({"onderwerp": "pip", "toelichting": "PIP niet bekend bij DUO."})
    assert engels["onderwerp"] == "PIP"

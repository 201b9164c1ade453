"""Retention (Besluit 9.9 lid 1; dossiers/bewaren.py): the household's payees, IBANs and
payment references go from the fixed costs and payments, and the begeleider's name and notes
from maatschappelijke begeleiding; kinds of cost, amounts, months and statuses stay (the
monitoring of ontzorgen reads those). A batch's SEPA and CSV files are the gemeente's
financial records of many households and follow its financial retention, not this one
(docs/adr/0029)."""

from inburgering.dossiers.models import Dossier

from .models import Begeleiding, Begeleidingsnotitie, Betaling, VasteLast


def opschonen(dossier: Dossier) -> dict:
    return {
        "lasten": VasteLast.objects.filter(ontzorging__dossier=dossier).update(
            begunstigde="", iban="", kenmerk=""
        ),
        "betalingen": Betaling.objects.filter(ontzorging__dossier=dossier).update(
            begunstigde="", iban="", kenmerk="", reden=""
        ),
        "begeleiding": Begeleiding.objects.filter(dossier=dossier).update(begeleider=""),
        "notities": Begeleidingsnotitie.objects.filter(begeleiding__dossier=dossier).update(
            tekst=""
        ),
    }

"""Bulk actions for a wave of arrivals: assign a consulent or send the first summons to many
dossiers at once. All or nothing: one failing dossier rolls the whole batch back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from inburgering.accounts.models import Gebruiker
from inburgering.accounts.toegang import consulenten_bij
from inburgering.ui import Modelkeuze, NLDesignFormMixin

from .models import Dossier
from .referentie import Kanaal
from .services import wijs_consulent_toe
from .toestand import OngeldigeGebeurtenis

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BulkForm(NLDesignFormMixin, forms.Form):
    actie = forms.ChoiceField(
        label=_l("Actie"),
        choices=[
            ("toewijzen", _l("Consulent toewijzen")),
            ("uitnodigen", _l("Uitnodigen voor de brede intake")),
        ],
    )
    consulent = Modelkeuze(label=_l("Consulent"), queryset=Gebruiker.objects.none(), required=False)
    kanaal = forms.ChoiceField(
        label=_l("Uitnodiging per"),
        choices=[(k, v) for k, v in Kanaal.choices if k in ("post", "email", "whatsapp")],
        required=False,
    )
    periode_van = forms.DateField(label=_l("Afspraak maken vanaf"), widget=DATUM, required=False)
    periode_tot = forms.DateField(
        label=_l("Afspraak maken uiterlijk"), widget=DATUM, required=False
    )

    def __init__(self, *args, user: Gebruiker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consulent"].queryset = consulenten_bij(user).order_by(
            "last_name", "first_name"
        )
        self.auto_id = "bulk_%s"

    def clean(self):
        data = super().clean()
        if data.get("actie") == "toewijzen" and not data.get("consulent"):
            self.add_error("consulent", _("Kies de consulent."))
        if data.get("actie") == "uitnodigen":
            for veld in ("kanaal", "periode_van", "periode_tot"):
                if not data.get(veld):
                    self.add_error(veld, _("Dit veld is verplicht bij een uitnodiging."))
            van, tot = data.get("periode_van"), data.get("periode_tot")
            if van and tot and tot < van:
                self.add_error("periode_tot", _("De periode eindigt vóór zij begint."))
        return data


def _toewijzen(dossier: Dossier, data: dict, datum, actor: Gebruiker) -> None:
    wijs_consulent_toe(dossier, data["consulent"], datum, actor=actor)


#: What each action does to one dossier (a function of the dossier, the form's cleaned data,
#: the date and the actor). "uitnodigen" (the first summons) is the intake's, registered from
#: its AppConfig.ready (`registreer_actie`), so the caseload imports no app above it.
ACTIES: dict[str, Callable[[Dossier, dict, dt.date, Gebruiker], None]] = {"toewijzen": _toewijzen}


def registreer_actie(actie: str, uitvoeren: Callable[[Dossier, dict, dt.date, Gebruiker], None]):
    ACTIES[actie] = uitvoeren


def voer_uit(dossiers: list[Dossier], data: dict, actor: Gebruiker) -> int:
    """Apply the action to every dossier or to none; raises OngeldigeGebeurtenis naming the
    dossier that failed."""
    uitvoeren = ACTIES[data["actie"]]
    vandaag = timezone.localdate()
    with transaction.atomic():
        for dossier in dossiers:
            try:
                uitvoeren(dossier, data, vandaag, actor)
            except OngeldigeGebeurtenis as fout:
                raise OngeldigeGebeurtenis(
                    _("%(naam)s: %(fout)s Er is niets vastgelegd.")
                    % {"naam": dossier.inburgeraar.naam, "fout": fout}
                ) from fout
    return len(dossiers)

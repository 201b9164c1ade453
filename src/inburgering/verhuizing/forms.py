"""Forms of the move: recording the move out, accepting a package, reading a package file."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inburgering.accounts.models import Gemeente
from inburgering.dossiers.forms import DATUM, niet_in_toekomst
from inburgering.ui import NLDesignFormMixin

#: Choice for a gemeente that works with another installation: the package becomes a file.
ANDERE_INSTALLATIE = "anders"
#: A package file is small (a dossier's facts, no documents); refuse anything larger unread.
MAX_BESTAND = 5 * 1024 * 1024


class VerhuizingForm(NLDesignFormMixin, forms.Form):
    naar = forms.ChoiceField(
        label=_("Nieuwe gemeente"),
        help_text=_(
            "Werkt de nieuwe gemeente niet met deze installatie, kies dan de laatste keuze: "
            "u krijgt een overdrachtsbestand om te versturen."
        ),
        error_messages={
            "required": _("Kies de nieuwe gemeente."),
            "invalid_choice": _("Kies een gemeente uit de lijst."),
        },
    )
    inschrijving = forms.DateField(
        label=_("Datum inschrijving in de nieuwe gemeente (BRP)"),
        widget=DATUM,
        error_messages={"required": _("Vul de datum van inschrijving in.")},
    )

    def __init__(self, *args, huidige: Gemeente | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        gemeenten = Gemeente.objects.order_by("naam")
        if huidige is not None:
            gemeenten = gemeenten.exclude(pk=huidige.pk)
        self.fields["naar"].choices = [
            ("", "—"),
            *[(str(g.pk), g.naam) for g in gemeenten],
            (ANDERE_INSTALLATIE, _("Een gemeente buiten deze installatie (bestand)")),
        ]

    def clean(self):
        niet_in_toekomst(self.cleaned_data.get("inschrijving"), "inschrijving", self)
        return self.cleaned_data

    def naar_gemeente(self) -> Gemeente | None:
        keuze = self.cleaned_data["naar"]
        return None if keuze == ANDERE_INSTALLATIE else Gemeente.objects.get(pk=int(keuze))


class AcceptatieForm(NLDesignFormMixin, forms.Form):
    inschrijving = forms.DateField(
        label=_("Datum inschrijving in onze gemeente (BRP)"),
        widget=DATUM,
        help_text=_(
            "Deze datum bepaalt de termijn voor het PIP (Besluit inburgering 2021, art. 5.3 lid 3)."
        ),
        error_messages={"required": _("Vul de datum van inschrijving in.")},
    )

    def clean(self):
        niet_in_toekomst(self.cleaned_data.get("inschrijving"), "inschrijving", self)
        return self.cleaned_data


class InleesForm(NLDesignFormMixin, forms.Form):
    gemeente = forms.TypedChoiceField(
        label=_("Ontvangende gemeente"),
        coerce=int,
        error_messages={
            "required": _("Kies de gemeente die het dossier ontvangt."),
            "invalid_choice": _("Kies een van uw gemeenten."),
        },
    )
    bestand = forms.FileField(
        label=_("Overdrachtsbestand (JSON)"),
        error_messages={"required": _("Kies een bestand."), "empty": _("Het bestand is leeg.")},
    )

    def __init__(self, *args, gemeenten=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].choices = [("", "—")] + [(g.pk, g.naam) for g in gemeenten]

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > MAX_BESTAND:
            raise forms.ValidationError(
                _("Het bestand is groter dan 5 MB; dat is geen overdrachtspakket.")
            )
        return bestand

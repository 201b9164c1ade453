"""The consulent records a payment for an exam attempt. Dutch messages at the field; the
rules (plan of the route, duplicates, dates) are checked again by the service."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inburgering.dossiers.forms import DATUM, niet_in_toekomst
from inburgering.dossiers.forms_uitkomsten import bedrag_in_centen
from inburgering.ui import NLDesignFormMixin

from .models import Onderdeel
from .services import MAX_BEDRAG_CENTS


class BetalingForm(NLDesignFormMixin, forms.Form):
    onderdeel = forms.ChoiceField(label=_("Examenonderdeel"))
    bedrag = forms.CharField(
        label=_("Bedrag in euro"), max_length=20, help_text=_("Bijvoorbeeld 50,00.")
    )
    datum = forms.DateField(label=_("Betaaldatum"), widget=DATUM)
    factuurreferentie = forms.CharField(label=_("Factuurreferentie"), max_length=50)
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, onderdelen: list[str] | None = None, **kwargs):
        """`onderdelen`: the components of the PIP's route (None: all of DUO's components)."""
        super().__init__(*args, **kwargs)
        self.fields["onderdeel"].choices = [("", "—")] + [
            (code, naam)
            for code, naam in Onderdeel.choices
            if onderdelen is None or code in onderdelen
        ]

    def clean_bedrag(self) -> int:
        tekst = self.cleaned_data["bedrag"].strip()
        if tekst.startswith("-"):
            raise forms.ValidationError(_("Een bedrag kan niet negatief zijn."))
        centen = bedrag_in_centen(tekst)
        if centen <= 0:
            raise forms.ValidationError(_("Het bedrag moet groter zijn dan € 0."))
        if centen > MAX_BEDRAG_CENTS:
            raise forms.ValidationError(
                _("Het bedrag is hoger dan € 1.000 voor één examenpoging; controleer het bedrag.")
            )
        return centen

    def clean(self):
        data = super().clean()
        niet_in_toekomst(data.get("datum"), "datum", self)
        return data

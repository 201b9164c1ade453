"""The portal's forms: specific messages in plain words, in the portal's catalogues."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from inburgering.ui import NLDesignFormMixin

#: A phone number as people write it: digits with spaces or dashes, optionally +country code;
#: 10 to 15 digits in all (a Dutch number has 10, an international one up to 15).
TELEFOON = re.compile(r"^\+?[0-9][0-9 \-]*$")


def normaliseer_telefoon(waarde: str) -> str:
    waarde = waarde.strip()
    if not waarde:
        return ""
    cijfers = re.sub(r"\D", "", waarde)
    if not TELEFOON.match(waarde) or not 10 <= len(cijfers) <= 15:
        raise forms.ValidationError(
            _("Dit is geen goed telefoonnummer. Schrijf het zo: 06 12345678 of +31 6 12345678."),
            code="telefoon",
        )
    return waarde


class ContactForm(NLDesignFormMixin, forms.Form):
    telefoon = forms.CharField(
        label=_("Telefoonnummer"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Dit is geen goed e-mailadres. Schrijf het zo: naam@voorbeeld.nl."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    taal = forms.ChoiceField(label=_("Taal voor berichten en deze website"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["taal"].choices = settings.PORTAAL_TALEN

    def clean_telefoon(self) -> str:
        return normaliseer_telefoon(self.cleaned_data.get("telefoon", ""))


class VerzettenForm(NLDesignFormMixin, forms.Form):
    wens = forms.CharField(
        label=_("Wanneer kunt u wel? (mag leeg blijven)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _schaal(label) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("ja", _("Ja")), ("beetje", _("Een beetje")), ("nee", _("Nee"))],
        widget=forms.RadioSelect,
        required=False,
    )


class ErvaringForm(NLDesignFormMixin, forms.Form):
    """The questionnaire at a milestone (`services.open_ervaring`): every question may stay
    open, but an empty form is not an answer (skipping is its own button)."""

    mijlpaal = forms.CharField(widget=forms.HiddenInput, max_length=10)
    brieven = _schaal(_("Zijn de brieven van de gemeente duidelijk voor u?"))
    contactpersoon = _schaal(_("Weet u wie uw contactpersoon bij de gemeente is?"))
    route = _schaal(_("Past uw route (uw lessen en uw plan) bij u?"))
    toelichting = forms.CharField(
        label=_("Wilt u nog iets zeggen? Schrijf geen namen of andere persoonlijke gegevens."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Gebruik minder dan 500 tekens.")},
    )

    def clean(self):
        data = super().clean()
        if not any(data.get(v) for v in ("brieven", "contactpersoon", "route", "toelichting")):
            raise forms.ValidationError(
                _("Beantwoord minstens één vraag. Of kies: Ik wil geen vragen beantwoorden."),
                code="leeg",
            )
        return data

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


class ErvaringForm(NLDesignFormMixin, forms.Form):
    cijfer = forms.TypedChoiceField(
        label=_("Hoe tevreden bent u over de hulp bij uw inburgering?"),
        choices=[
            (5, _("5 — heel tevreden")),
            (4, _("4 — tevreden")),
            (3, _("3 — niet tevreden, niet ontevreden")),
            (2, _("2 — ontevreden")),
            (1, _("1 — heel ontevreden")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een cijfer.")},
    )
    duidelijk = forms.ChoiceField(
        label=_("Weet u wat u moet doen voor uw inburgering?"),
        choices=[("ja", _("Ja")), ("beetje", _("Een beetje")), ("nee", _("Nee"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een antwoord.")},
    )
    toelichting = forms.CharField(
        label=_("Wilt u nog iets zeggen? Schrijf geen namen of andere persoonlijke gegevens."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Gebruik minder dan 500 tekens.")},
    )

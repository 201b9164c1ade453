"""The letterhead form (functioneel beheerder) and the 'marked as sent' form (consulent)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inburgering.dossiers.referentie import Kanaal
from inburgering.ui import NLDesignFormMixin

from .models import VELDEN, Briefhoofd
from .services import VERZENDKANALEN


class BriefhoofdForm(NLDesignFormMixin, forms.ModelForm):
    class Meta:
        model = Briefhoofd
        fields = VELDEN
        widgets = {
            "postadres": forms.Textarea(attrs={"rows": 3}),
            "bezwaar_adres": forms.Textarea(attrs={"rows": 3}),
            "voettekst": forms.Textarea(attrs={"rows": 2}),
        }


class VerzondenForm(NLDesignFormMixin, forms.Form):
    kanaal = forms.ChoiceField(
        label=_("Verzonden via"),
        choices=[(k.value, k.label) for k in VERZENDKANALEN],
        initial=Kanaal.POST,
    )
    datum = forms.DateField(
        label=_("Verzonden op"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("datum", timezone.localdate())
        super().__init__(*args, **kwargs)

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise forms.ValidationError(_("De verzenddatum ligt in de toekomst."))
        return datum


class ContactgegevensForm(NLDesignFormMixin, forms.Form):
    telefoon = forms.CharField(
        label=_("Telefoonnummer"),
        max_length=20,
        required=False,
        help_text=_("Uw directe nummer; het staat als contact in de brieven die u maakt."),
    )
    email = forms.EmailField(label=_("E-mailadres"), required=False)

    def clean_telefoon(self):
        telefoon = self.cleaned_data["telefoon"].strip()
        if telefoon and not all(c.isdigit() or c in " +-()" for c in telefoon):
            raise forms.ValidationError(
                _("Een telefoonnummer bevat alleen cijfers, spaties en de tekens + - ( ).")
            )
        return telefoon

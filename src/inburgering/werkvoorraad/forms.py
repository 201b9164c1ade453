from django import forms
from django.utils.translation import gettext_lazy as _

from inburgering.ui import NLDesignFormMixin


class AfhandelForm(NLDesignFormMixin, forms.Form):
    sleutel = forms.CharField(max_length=60, widget=forms.HiddenInput, required=False)
    toelichting = forms.CharField(
        label=_("Toelichting (optioneel)"),
        max_length=500,
        required=False,
        widget=forms.TextInput,
    )

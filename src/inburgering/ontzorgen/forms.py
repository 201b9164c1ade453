"""Forms of the ontzorgen pages. Field checks here give the message at the field; the services
check the rules again (period, IBAN, four eyes)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inburgering.dossiers.forms import DATUM
from inburgering.dossiers.forms_uitkomsten import bedrag_in_centen
from inburgering.partners.models import Organisatie, Organisatiesoort
from inburgering.ui import NLDesignFormMixin

from .iban import fout_in_iban, normaliseer
from .models import Notitiesoort, Verblijfsgrond

MAAND = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StartForm(NLDesignFormMixin, forms.Form):
    verblijfsgrond = forms.ChoiceField(label=_("Verblijfsgrond"), choices=Verblijfsgrond.choices)
    recht_op_bijstand_vanaf = forms.DateField(label=_("Recht op bijstand vanaf"), widget=DATUM)
    budgetbeheerder = forms.ModelChoiceField(
        label=_("Budgetbeheerder (optioneel)"), queryset=Organisatie.objects.none(), required=False
    )

    def __init__(self, *args, gemeente=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budgetbeheerder"].queryset = Organisatie.objects.filter(
            soort=Organisatiesoort.BUDGETBEHEER, actief=True, gemeenten=gemeente
        )


def _bedrag(tekst: str) -> int:
    tekst = tekst.strip()
    if tekst.startswith("-"):
        raise forms.ValidationError(_("Het bedrag moet groter zijn dan € 0."))
    centen = bedrag_in_centen(tekst)
    if centen <= 0:
        raise forms.ValidationError(_("Het bedrag moet groter zijn dan € 0."))
    return centen


class LastForm(NLDesignFormMixin, forms.Form):
    soort = forms.ChoiceField(label=_("Soort vaste last"))
    begunstigde = forms.CharField(label=_("Begunstigde"), max_length=70)
    iban = forms.CharField(label=_("IBAN van de begunstigde"), max_length=42)
    bedrag = forms.CharField(
        label=_("Bedrag per maand in euro"), max_length=20, help_text=_("Bijvoorbeeld 650,00.")
    )
    kenmerk = forms.CharField(label=_("Betalingskenmerk"), max_length=35)
    vanaf = forms.DateField(
        label=_("Eerste maand"), widget=MAAND, help_text=_("Een dag in de eerste maand.")
    )
    tot = forms.DateField(label=_("Laatste maand (optioneel)"), widget=MAAND, required=False)

    def __init__(self, *args, soorten=None, **kwargs):
        super().__init__(*args, **kwargs)
        if soorten is None:
            del self.fields["soort"]
        else:
            self.fields["soort"].choices = [("", "—"), *soorten]

    def clean_iban(self) -> str:
        fout = fout_in_iban(self.cleaned_data["iban"])
        if fout:
            raise forms.ValidationError(fout)
        return normaliseer(self.cleaned_data["iban"])

    def clean_bedrag(self) -> int:
        return _bedrag(self.cleaned_data["bedrag"])


class VrijwilligForm(NLDesignFormMixin, forms.Form):
    vrijwillig_tot = forms.DateField(label=_("Vrijwillig voortgezet tot en met"), widget=DATUM)


class DatumForm(NLDesignFormMixin, forms.Form):
    datum = forms.DateField(label=_("Datum"), widget=DATUM)
    reden = forms.CharField(label=_("Reden (optioneel)"), max_length=200, required=False)


class WeigeringForm(NLDesignFormMixin, forms.Form):
    betaling = forms.IntegerField(widget=forms.HiddenInput)
    reden = forms.CharField(label=_("Reden van de weigering"), max_length=200)


class BegeleidingForm(NLDesignFormMixin, forms.Form):
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie voor maatschappelijke begeleiding"),
        queryset=Organisatie.objects.none(),
    )
    begeleider = forms.CharField(label=_("Begeleider"), max_length=100)
    aanvang = forms.DateField(
        label=_("Aanvang (optioneel)"),
        widget=DATUM,
        required=False,
        help_text=_("Leeg: de datum van inschrijving in de BRP."),
    )
    praktisch = forms.BooleanField(
        label=_("Praktische zaken en informatie"), required=False, initial=True
    )
    pvt = forms.BooleanField(label=_("Participatieverklaringstraject (PVT)"), required=False)
    map = forms.BooleanField(label=_("Module arbeidsmarkt en participatie (MAP)"), required=False)

    def __init__(self, *args, gemeente=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = Organisatie.objects.filter(
            soort=Organisatiesoort.BEGELEIDING, actief=True, gemeenten=gemeente
        )


class NotitieForm(NLDesignFormMixin, forms.Form):
    datum = forms.DateField(label=_("Datum"), widget=DATUM)
    soort = forms.ChoiceField(label=_("Soort"), choices=Notitiesoort.choices)
    tekst = forms.CharField(label=_("Notitie"), widget=forms.Textarea(attrs={"rows": 3}))
    namens_begeleider = forms.BooleanField(
        label=_("Geschreven namens de begeleider"), required=False, initial=True
    )


class BatchForm(NLDesignFormMixin, forms.Form):
    gemeente = forms.ChoiceField(label=_("Gemeente"))
    maand = forms.DateField(
        label=_("Maand"), widget=MAAND, help_text=_("Een dag in de maand die betaald wordt.")
    )

    def __init__(self, *args, gemeenten=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].choices = [(g.pk, g.naam) for g in gemeenten]


class ImportForm(NLDesignFormMixin, forms.Form):
    bestand = forms.FileField(
        label=_("CSV uit de uitkeringsadministratie"),
        help_text=_("Kolommen: dossier, recht_op_bijstand_vanaf (JJJJ-MM-DD), verblijfsgrond."),
    )

"""Forms of the route pages: providers, contracts and settings for the functioneel beheerder;
placement, status and hours for the consulent. Format and range errors here, with Dutch
messages; the rules (capacity, status table, the placement's period) are in the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from inburgering import wet
from inburgering.accounts.models import Gemeente
from inburgering.ui import Modelkeuze, NLDesignFormMixin

from .models import (
    Aanbieder,
    Bestandsindeling,
    Contract,
    Locatie,
    Periodesoort,
    PlaatsingStatus,
    Product,
)

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATUMFOUTEN = {
    "required": _("Vul een datum in."),
    "invalid": _("Vul een geldige datum in, bijvoorbeeld 01-03-2025."),
}
MAX_UREN_PER_WEEK = Decimal(60)


def _gemeenten(gemeenten):
    """The user's gemeenten as a queryset (the views pass one; a list works too)."""
    return Gemeente.objects.filter(pk__in=[g.pk for g in gemeenten])


class AanbiederForm(NLDesignFormMixin, forms.ModelForm):
    class Meta:
        model = Aanbieder
        fields = ["naam", "kvk_nummer", "instellingsnummer", "keurmerk", "actief"]
        error_messages = {
            "naam": {"required": _("Vul de naam van de aanbieder in.")},
            "kvk_nummer": {
                "required": _("Vul het KvK-nummer in."),
                "unique": _("Er is al een aanbieder met dit KvK-nummer."),
            },
        }

    def clean_instellingsnummer(self):
        return (self.cleaned_data.get("instellingsnummer") or "").strip().upper()


class LocatieForm(NLDesignFormMixin, forms.ModelForm):
    class Meta:
        model = Locatie
        fields = ["naam", "adres", "postcode", "plaats"]
        error_messages = {
            "naam": {"required": _("Vul de naam van de locatie in.")},
            "adres": {"required": _("Vul het adres in.")},
            "postcode": {"required": _("Vul de postcode in.")},
            "plaats": {"required": _("Vul de plaats in.")},
        }

    def clean_postcode(self):
        return (self.cleaned_data.get("postcode") or "").strip().upper()


class ProductForm(NLDesignFormMixin, forms.ModelForm):
    class Meta:
        model = Product
        fields = ["soort", "naam", "locatie", "uren_per_week", "duur_weken"]
        error_messages = {
            "soort": {"required": _("Kies de soort product.")},
            "naam": {"required": _("Vul de naam van het product in.")},
            "uren_per_week": {"max_value": _("Hoogstens 60 uur per week.")},
            "duur_weken": {"max_value": _("Hoogstens 260 weken.")},
        }

    def __init__(self, *args, aanbieder: Aanbieder | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locatie"].queryset = (
            aanbieder.locaties.all() if aanbieder else Locatie.objects.none()
        )


class BestandsindelingForm(NLDesignFormMixin, forms.ModelForm):
    class Meta:
        model = Bestandsindeling
        fields = [
            "naam",
            "periodesoort",
            "kolom_bsn",
            "kolom_begin",
            "kolom_einde",
            "kolom_aangeboden",
            "kolom_aanwezig",
            "kolom_correctie",
        ]

    def clean(self):
        data = super().clean()
        kolommen = [(data.get(v) or "").strip().lower() for v in KOLOMVELDEN]
        gevuld = [k for k in kolommen if k]
        if len(gevuld) != len(set(gevuld)):
            raise forms.ValidationError(_("Elke kolom mag maar voor één gegeven worden gebruikt."))
        return data


KOLOMVELDEN = (
    "kolom_bsn",
    "kolom_begin",
    "kolom_einde",
    "kolom_aangeboden",
    "kolom_aanwezig",
    "kolom_correctie",
)


def lees_startmomenten(tekst: str) -> list[dt.date]:
    """Dates separated by commas or line breaks, as dd-mm-jjjj or jjjj-mm-dd."""
    datums = []
    for deel in tekst.replace(",", "\n").split():
        for formaat in ("%d-%m-%Y", "%Y-%m-%d"):
            try:
                datums.append(dt.datetime.strptime(deel, formaat).date())
                break
            except ValueError:
                continue
        else:
            raise forms.ValidationError(
                _("'%(deel)s' is geen datum; schrijf de startmomenten als 01-03-2025."),
                params={"deel": deel[:20]},
            )
    return sorted(set(datums))


class ContractForm(NLDesignFormMixin, forms.ModelForm):
    startmomenten_tekst = forms.CharField(
        label=_("Startmomenten"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén datum per regel of gescheiden door komma's, bijvoorbeeld 01-09-2025."),
    )

    class Meta:
        model = Contract
        fields = [
            "gemeente",
            "product",
            "kenmerk",
            "begin",
            "einde",
            "prijs_per_uur",
            "prijs_per_product",
            "capaciteit",
            "max_wachttijd_weken",
            "aanwezigheid_melden",
        ]
        field_classes = {"gemeente": Modelkeuze, "product": Modelkeuze}
        widgets = {"begin": DATUM, "einde": DATUM}
        error_messages = {
            "gemeente": {"required": _("Kies de gemeente.")},
            "product": {"required": _("Kies het product.")},
            "kenmerk": {"required": _("Vul het kenmerk van het contract in.")},
            "begin": DATUMFOUTEN,
            "einde": DATUMFOUTEN,
            "capaciteit": {
                "required": _("Vul de capaciteit in."),
                "min_value": _("De capaciteit is minstens 1 plaats."),
            },
            "max_wachttijd_weken": {
                "required": _("Vul de maximale wachttijd in weken in."),
                "min_value": _("De maximale wachttijd is minstens 1 week."),
                "max_value": _("De maximale wachttijd is hoogstens 52 weken."),
            },
        }

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = _gemeenten(gemeenten)
        self.fields["product"].queryset = Product.objects.filter(
            aanbieder__actief=True
        ).select_related("aanbieder")
        if self.instance.pk:
            self.fields["startmomenten_tekst"].initial = "\n".join(
                dt.date.fromisoformat(d).strftime("%d-%m-%Y") for d in self.instance.startmomenten
            )

    def clean_startmomenten_tekst(self):
        return lees_startmomenten(self.cleaned_data.get("startmomenten_tekst") or "")

    def clean(self):
        data = super().clean()
        begin, einde = data.get("begin"), data.get("einde")
        for moment in data.get("startmomenten_tekst") or []:
            if begin and einde and not begin <= moment <= einde:
                self.add_error(
                    "startmomenten_tekst",
                    _("Startmoment %(d)s ligt buiten de looptijd van het contract.")
                    % {"d": f"{moment:%d-%m-%Y}"},
                )
        return data

    def _post_clean(self):
        self.instance.startmomenten = [
            d.isoformat() for d in self.cleaned_data.get("startmomenten_tekst") or []
        ]
        super()._post_clean()


class InstellingForm(NLDesignFormMixin, forms.Form):
    gemeente = Modelkeuze(
        queryset=None, label=_("Gemeente"), error_messages={"required": _("Kies de gemeente.")}
    )
    aanwezigheidsnorm = forms.IntegerField(
        label=_("Aanwezigheidsnorm voor het verzuimsignaal (%)"),
        min_value=1,
        max_value=100,
        error_messages={
            "required": _("Vul de norm in."),
            "min_value": _("De norm is minstens 1%%."),
            "max_value": _("De norm is hoogstens 100%%."),
            "invalid": _("Vul een heel getal in."),
        },
    )

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = _gemeenten(gemeenten)


# --- the consulent's forms on the Route tab --------------------------------------------------


class PlaatsingForm(NLDesignFormMixin, forms.Form):
    contract = forms.TypedChoiceField(
        label=_("Aanbieder en product"),
        coerce=int,
        error_messages={
            "required": _("Kies een aanbieder en product."),
            "invalid_choice": _("Kies een contract uit de lijst."),
        },
    )
    aangemeld_op = forms.DateField(
        label=_("Datum aanmelding"), widget=DATUM, error_messages=DATUMFOUTEN
    )
    uren_per_week = forms.IntegerField(
        label=_("Uren per week"),
        required=False,
        min_value=1,
        max_value=40,
        error_messages={
            "min_value": _("Minstens 1 uur per week."),
            "max_value": _("Hoogstens 40 uur per week."),
            "invalid": _("Vul een heel aantal uren in."),
        },
    )

    def __init__(self, *args, keuzes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].choices = [("", "—")] + [(k.contract.pk, k.label) for k in keuzes]


class StatusForm(NLDesignFormMixin, forms.Form):
    plaatsing = forms.TypedChoiceField(
        label=_("Plaatsing"),
        coerce=int,
        error_messages={
            "required": _("Kies de plaatsing."),
            "invalid_choice": _("Kies een plaatsing uit de lijst."),
        },
    )
    status = forms.ChoiceField(
        label=_("Nieuwe status"),
        # Aangemeld is the placement's start; verhuisd is set by the move, not by hand.
        choices=[
            c
            for c in PlaatsingStatus.choices
            if c[0] not in (PlaatsingStatus.AANGEMELD, PlaatsingStatus.VERHUISD)
        ],
        error_messages={
            "required": _("Kies de nieuwe status."),
            "invalid_choice": _("Kies een status uit de lijst."),
        },
    )
    datum = forms.DateField(label=_("Datum"), widget=DATUM, error_messages=DATUMFOUTEN)
    reden = forms.CharField(
        label=_("Reden (bij uitval of annulering)"), required=False, max_length=500
    )

    def __init__(self, *args, plaatsingen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plaatsing"].choices = [(p.pk, str(p)) for p in plaatsingen]


class OnderdelenForm(NLDesignFormMixin, forms.Form):
    """The PVT's activity and signing, the MAP's themes and the eindgesprek (MAP or Z-route)
    of one placement; the services check which fit the product and the law."""

    plaatsing = forms.TypedChoiceField(
        label=_("Plaatsing (PVT, MAP of Z-route)"),
        coerce=int,
        error_messages={
            "required": _("Kies de plaatsing."),
            "invalid_choice": _("Kies een plaatsing uit de lijst."),
        },
    )
    kernwaarden_activiteit_op = forms.DateField(
        label=_("PVT: activiteit of excursie over de kernwaarden op"),
        required=False,
        widget=DATUM,
        error_messages=DATUMFOUTEN,
    )
    ondertekend_op = forms.DateField(
        label=_("PVT: participatieverklaring ondertekend op"),
        required=False,
        widget=DATUM,
        error_messages=DATUMFOUTEN,
    )
    map_themas = forms.MultipleChoiceField(
        label=_("MAP: gevolgde thema's (Besluit art. 3.2 lid 1)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(code, naam) for code, naam in wet.MAP_THEMAS],
        error_messages={"invalid_choice": _("Kies thema's uit de lijst.")},
    )
    eindgesprek_op = forms.DateField(
        label=_("MAP of Z-route: eindgesprek op"),
        required=False,
        widget=DATUM,
        error_messages=DATUMFOUTEN,
    )

    def __init__(self, *args, plaatsingen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plaatsing"].choices = [(p.pk, str(p)) for p in plaatsingen]


class Urenveld(forms.DecimalField):
    """Hours as the Dutch write them: 7,5 as well as 7.5."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class UrenForm(NLDesignFormMixin, forms.Form):
    plaatsing = forms.TypedChoiceField(
        label=_("Plaatsing"),
        coerce=int,
        error_messages={
            "required": _("Kies de plaatsing."),
            "invalid_choice": _("Kies een plaatsing uit de lijst."),
        },
    )
    periodesoort = forms.ChoiceField(label=_("Periode"), choices=Periodesoort.choices)
    periode_begin = forms.DateField(
        label=_("Begin periode"), widget=DATUM, error_messages=DATUMFOUTEN
    )
    aangeboden = Urenveld(
        label=_("Aangeboden uren"),
        min_value=0,
        max_digits=6,
        decimal_places=2,
        error_messages={
            "required": _("Vul de aangeboden uren in."),
            "min_value": _("Uren kunnen niet negatief zijn."),
            "invalid": _("Vul een aantal uren in, bijvoorbeeld 12 of 7,5."),
        },
    )
    aanwezig = Urenveld(
        label=_("Aanwezige uren"),
        min_value=0,
        max_digits=6,
        decimal_places=2,
        error_messages={
            "required": _("Vul de aanwezige uren in."),
            "min_value": _("Uren kunnen niet negatief zijn."),
            "invalid": _("Vul een aantal uren in, bijvoorbeeld 12 of 7,5."),
        },
    )
    correctie = forms.BooleanField(
        label=_("Correctie van een eerder opgegeven periode"), required=False
    )

    def __init__(self, *args, plaatsingen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plaatsing"].choices = [("", "—")] + [(p.pk, str(p)) for p in plaatsingen]


class UploadForm(NLDesignFormMixin, forms.Form):
    indeling = forms.TypedChoiceField(
        label=_("Aanbieder en bestandsindeling"),
        coerce=int,
        error_messages={
            "required": _("Kies de bestandsindeling van de aanbieder."),
            "invalid_choice": _("Onbekende bestandsindeling: kies er een uit de lijst."),
        },
    )
    bestand = forms.FileField(
        label=_("Urenbestand (CSV of XLSX)"),
        error_messages={"required": _("Kies een bestand."), "empty": _("Het bestand is leeg.")},
    )
    alleen_geldige = forms.BooleanField(
        label=_("Geldige regels opslaan en foute regels overslaan"),
        required=False,
        help_text=_("Zonder dit vinkje wordt niets opgeslagen zolang er een fout in staat."),
    )

    def __init__(self, *args, indelingen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indeling"].choices = [("", "—")] + [(i.pk, str(i)) for i in indelingen]

"""Forms for contact, appointments, waiting status and the summons flow. Dutch messages."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inburgering.dossiers.referentie import TALEN
from inburgering.dossiers.workflow import WachtOp
from inburgering.ui import NLDesignFormMixin

from .models import (
    Afspraak,
    Afwijkingsreden,
    BredeIntake,
    Intakeversie,
    Kanaal,
    Leerbaarheidstoets,
    Leerroute,
    Schooladvies,
)

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SCHRIFTELIJK = [(k, v) for k, v in Kanaal.choices if k in ("post", "email", "whatsapp")]
REDENEN = [
    ("niet_verschenen", _("Niet verschenen")),
    ("niet_meegewerkt", _("Niet meegewerkt")),
    ("lbt_geweigerd", _("Leerbaarheidstoets geweigerd")),
]


class NietInToekomstMixin:
    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        return datum


class ContactForm(NietInToekomstMixin, NLDesignFormMixin, forms.Form):
    datum = forms.DateField(label=_("Datum"), widget=DATUM)
    kanaal = forms.ChoiceField(label=_("Kanaal"), choices=Kanaal.choices)
    samenvatting = forms.CharField(
        label=_("Samenvatting"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class WarmeOverdrachtForm(NietInToekomstMixin, NLDesignFormMixin, forms.Form):
    datum = forms.DateField(label=_("Datum driegesprek"), widget=DATUM)
    deelnemers = forms.CharField(
        label=_("Deelnemers"),
        max_length=300,
        help_text=_("Bijvoorbeeld: inburgeraar, COA-medewerker, consulent, tolk."),
    )
    kanaal = forms.ChoiceField(label=_("Kanaal"), choices=Kanaal.choices)


class WachtOpForm(NietInToekomstMixin, NLDesignFormMixin, forms.Form):
    op = forms.ChoiceField(label=_("Wacht op"), choices=WachtOp.choices)
    datum = forms.DateField(label=_("Sinds"), widget=DATUM)
    toelichting = forms.CharField(label=_("Toelichting"), max_length=500, required=False)


class WachtenBeeindigdForm(NietInToekomstMixin, NLDesignFormMixin, forms.Form):
    datum = forms.DateField(label=_("Ontvangen / opgelost op"), widget=DATUM)


class AfspraakForm(NLDesignFormMixin, forms.ModelForm):
    begin = forms.DateTimeField(
        label=_("Datum en tijd"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    tolk_taal = forms.ChoiceField(
        label=_("Tolk nodig in"), choices=[("", _("Geen tolk")), *TALEN.items()], required=False
    )

    class Meta:
        model = Afspraak
        fields = [
            "soort",
            "vorm",
            "begin",
            "duur_minuten",
            "locatie",
            "tolk_taal",
            "herinnering_dagen",
        ]

    def clean_begin(self):
        begin = self.cleaned_data["begin"]
        if begin < timezone.now() - dt.timedelta(days=365):
            raise forms.ValidationError(_("Deze datum ligt te ver in het verleden."))
        return begin

    def clean_duur_minuten(self):
        duur = self.cleaned_data["duur_minuten"]
        if not 5 <= duur <= 480:
            raise forms.ValidationError(_("Een afspraak duurt tussen 5 minuten en 8 uur."))
        return duur


class OproepForm(NietInToekomstMixin, NLDesignFormMixin, forms.Form):
    datum = forms.DateField(label=_("Verzenddatum"), widget=DATUM)
    kanaal = forms.ChoiceField(label=_("Verzenden per"), choices=SCHRIFTELIJK)
    periode_van = forms.DateField(label=_("Afspraak maken vanaf"), widget=DATUM)
    periode_tot = forms.DateField(label=_("Afspraak maken uiterlijk"), widget=DATUM)

    def clean(self):
        data = super().clean()
        van, tot, datum = data.get("periode_van"), data.get("periode_tot"), data.get("datum")
        if van and tot and tot < van:
            self.add_error("periode_tot", _("De periode eindigt vóór zij begint."))
        if van and datum and van < datum:
            self.add_error("periode_van", _("De periode begint vóór de verzenddatum."))
        return data


class NietGevolgdForm(NietInToekomstMixin, NLDesignFormMixin, forms.Form):
    datum = forms.DateField(label=_("Datum"), widget=DATUM)
    reden = forms.ChoiceField(label=_("Wat is er gebeurd?"), choices=REDENEN)


class BoeteForm(NietInToekomstMixin, NLDesignFormMixin, forms.Form):
    """For an asylum status holder the individual assessment is required (Keren, RvS 2025)."""

    datum = forms.DateField(label=_("Datum voorstel"), widget=DATUM)
    motivering = forms.CharField(
        label=_("Individuele beoordeling: motivering"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Verplicht bij asielstatushouders: weeg de persoonlijke omstandigheden."),
    )
    boete_passend = forms.BooleanField(
        label=_("Na deze beoordeling is een boete passend"), required=False
    )
    bijstand_verlaagd = forms.BooleanField(
        label=_("De bijstand is voor hetzelfde gedrag al verlaagd"), required=False
    )

    def __init__(self, *args, asielstatushouder: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.asielstatushouder = asielstatushouder
        if asielstatushouder:
            self.fields["motivering"].required = True
            self.fields["motivering"].error_messages["required"] = _(
                "Bij een asielstatushouder is een individuele beoordeling verplicht."
            )


class AfrondenForm(NietInToekomstMixin, NLDesignFormMixin, forms.Form):
    datum = forms.DateField(label=_("Datum"), widget=DATUM)
    kanaal = forms.ChoiceField(label=_("Brief verzenden per"), choices=SCHRIFTELIJK)


class GesprekForm(NietInToekomstMixin, NLDesignFormMixin, forms.Form):
    datum = forms.DateField(label=_("Datum gesprek"), widget=DATUM)
    vorm = forms.ChoiceField(
        label=_("Vorm"),
        choices=[
            (k, v)
            for k, v in Kanaal.choices
            if k in ("persoonlijk", "telefoon", "video", "huisbezoek")
        ],
    )
    tolk_taal = forms.ChoiceField(
        label=_("Tolk"), choices=[("", _("Geen tolk")), *TALEN.items()], required=False
    )
    deelnemers = forms.CharField(label=_("Aanwezig"), max_length=300, required=False)
    versie = forms.ChoiceField(label=_("Versie van de intake"), choices=Intakeversie.choices)


class IntakeInstellingenForm(NLDesignFormMixin, forms.ModelForm):
    gewezen_op_recht_alleen = forms.DateField(
        label=_("Gewezen op het recht de gesprekken alleen te voeren op"),
        widget=DATUM,
        required=False,
        help_text=_("Besluit inburgering 2021 art. 5.2 lid 2."),
    )

    class Meta:
        model = BredeIntake
        fields = ["gewezen_op_recht_alleen", "vve_relevant"]

    def clean_gewezen_op_recht_alleen(self):
        datum = self.cleaned_data["gewezen_op_recht_alleen"]
        if datum and datum > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        return datum


class VerslagForm(NLDesignFormMixin, forms.Form):
    tekst = forms.CharField(
        label=_("Verslag"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000
    )
    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class LbtForm(NietInToekomstMixin, NLDesignFormMixin, forms.ModelForm):
    datum = forms.DateField(label=_("Datum afname"), widget=DATUM)
    score = forms.IntegerField(
        label=_("Score (0–40)"),
        error_messages={"invalid": _("Vul een heel getal in van 0 tot en met 40.")},
    )

    class Meta:
        model = Leerbaarheidstoets
        fields = [
            "datum",
            "score",
            "apparaat",
            "invoer",
            "tolk",
            "oefentoets_gedaan",
            "afnemer_gecertificeerd",
            "afnemer",
        ]

    def clean_score(self):
        score = self.cleaned_data["score"]
        if not 0 <= score <= 40:
            raise forms.ValidationError(
                _("De score ligt tussen 0 en 40; u vulde %(s)s in."), params={"s": score}
            )
        return score


class SchooladviesForm(NietInToekomstMixin, NLDesignFormMixin, forms.ModelForm):
    datum = forms.DateField(label=_("Datum"), widget=DATUM)

    class Meta:
        model = Schooladvies
        fields = ["datum", "school", "advies", "niveau", "toelichting"]
        widgets = {"toelichting": forms.Textarea(attrs={"rows": 3})}


class RouteForm(NietInToekomstMixin, NLDesignFormMixin, forms.Form):
    datum = forms.DateField(label=_("Datum besluit"), widget=DATUM)
    leerroute = forms.ChoiceField(label=_("Leerroute"), choices=Leerroute.choices)
    niveau = forms.ChoiceField(
        label=_("Niveau"), choices=[("B1", "B1"), ("A2", "A2"), ("A1", "A1")], initial="B1"
    )
    intensiteit_uren_per_week = forms.IntegerField(
        label=_("Intensiteit (uren per week)"),
        required=False,
        min_value=1,
        max_value=40,
        help_text=_("Verplicht voor asielstatushouders (Wi art. 15 lid 2)."),
    )
    afwijkingsredenen = forms.MultipleChoiceField(
        label=_("Redenen om af te wijken van de leerbaarheidstoets"),
        choices=Afwijkingsreden.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, asielstatushouder: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.asielstatushouder = asielstatushouder

    def clean(self):
        data = super().clean()
        route, niveau = data.get("leerroute"), data.get("niveau")
        if route == Leerroute.ONDERWIJS and niveau == "A2":
            self.add_error("niveau", _("Niveau A2 kan niet bij de onderwijsroute."))
        if route == Leerroute.Z and niveau == "B1":
            self.add_error("niveau", _("Niveau B1 kan niet bij de Z-route."))
        if self.asielstatushouder and not data.get("intensiteit_uren_per_week"):
            self.add_error(
                "intensiteit_uren_per_week",
                _("Stel voor een asielstatushouder de intensiteit van de leerroute vast."),
            )
        return data


class LbtOntheffingForm(NietInToekomstMixin, NLDesignFormMixin, forms.Form):
    datum = forms.DateField(label=_("Datum besluit"), widget=DATUM)
    beperking = forms.ChoiceField(
        label=_("Beperking"),
        choices=[("visueel", _("Visuele beperking")), ("auditief", _("Auditieve beperking"))],
    )
    in_staat_geacht = forms.BooleanField(
        label=_("De inburgeraar wordt in staat geacht de toets toch te maken"), required=False
    )
    motivering = forms.CharField(
        label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )

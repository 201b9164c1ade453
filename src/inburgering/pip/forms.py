"""Forms of the PIP pages. Format and range errors here, with Dutch messages; the legal
completeness and DUO's rules are shown as a checklist from the rules package."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inburgering.intake.models import Afwijkingsreden, Leerroute
from inburgering.ui import NLDesignFormMixin

from .models import Bezwaar, PipVersie, Reden, ZrouteExamens
from .services import BEWAARBARE_VELDEN

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _niet_in_toekomst(datum, melding):
    if datum and datum > timezone.localdate():
        raise forms.ValidationError(melding)
    return datum


class PipVersieForm(NLDesignFormMixin, forms.ModelForm):
    gezien_versie = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    dagtekening = forms.DateField(
        label=_("Dagtekening (datum van het besluit)"),
        widget=DATUM,
        error_messages={
            "required": _("Vul de dagtekening in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 01-03-2025."),
        },
    )
    leerroute = forms.ChoiceField(
        label=_("Leerroute"), choices=[("", "—"), *Leerroute.choices], required=False
    )
    niveau = forms.ChoiceField(
        label=_("Niveau"), choices=[("", "—"), ("B1", "B1"), ("A2", "A2")], required=False
    )
    intensiteit_uren_per_week = forms.IntegerField(
        label=_("Intensiteit van de leerroute (uren per week)"),
        required=False,
        min_value=1,
        max_value=40,
        help_text=_("Verplicht voor asielstatushouders (Wet inburgering 2021 art. 15 lid 2)."),
        error_messages={
            "min_value": _("De intensiteit is minimaal 1 uur per week."),
            "max_value": _("De intensiteit is hoogstens 40 uur per week."),
            "invalid": _("Vul een heel aantal uren in."),
        },
    )
    geschatte_intensiteit_uren = forms.IntegerField(
        label=_("Geschatte intensiteit B1-route in uren (voor DUO)"),
        required=False,
        min_value=1,
        max_value=9999,
        help_text=_("Alleen bij de B1-route voor asielstatushouders."),
        error_messages={
            "min_value": _("De geschatte intensiteit ligt tussen 1 en 9999 uur."),
            "max_value": _("De geschatte intensiteit ligt tussen 1 en 9999 uur."),
            "invalid": _("Vul een heel aantal uren in."),
        },
    )
    aantal_voortgangsgesprekken = forms.IntegerField(
        label=_("Aantal voortgangsgesprekken"),
        required=False,
        min_value=1,
        max_value=36,
        help_text=_("Besluit inburgering 2021 art. 5.3 lid 4."),
        error_messages={
            "min_value": _("Plan minimaal 1 voortgangsgesprek."),
            "max_value": _("Plan hoogstens 36 voortgangsgesprekken (één per maand)."),
            "invalid": _("Vul een heel aantal gesprekken in."),
        },
    )
    zroute_examens = forms.ChoiceField(
        label=_("Examens in de Z-route"),
        choices=[("", "—"), *ZrouteExamens.choices],
        required=False,
        help_text=_("Alleen bij de Z-route (Besluit inburgering 2021 art. 3.14 lid 7)."),
    )
    lbt_afwijking_redenen = forms.MultipleChoiceField(
        label=_("Redenen om af te wijken van de leerbaarheidstoets"),
        choices=Afwijkingsreden.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = PipVersie
        fields = BEWAARBARE_VELDEN
        widgets = {
            veld: forms.Textarea(attrs={"rows": 3})
            for veld in [
                "ondersteuning_en_begeleiding",
                "pvt_intensiteit",
                "map_intensiteit",
                "vve_afspraken",
                "participatiewet_beschikkingen",
                "lbt_afwijking_toelichting",
            ]
        }

    def __init__(self, *args, map_nodig: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["gezien_versie"] = self.instance.versie
        if not map_nodig:
            self.fields["map_intensiteit"].help_text = _(
                "Geen MAP: wie het taalschakeltraject volgt, is daarvan vrijgesteld "
                "(Wet inburgering 2021 art. 8 lid 3)."
            )
        for naam in ("ondersteuning_en_begeleiding", "pvt_intensiteit", "map_intensiteit"):
            self.fields[naam].max_length = 5000
        # Saving a concept without it is fine, adopting the PIP of an asielstatushouder is not
        # (controle.py): the label says so instead of "optioneel".
        self.fields["intensiteit_uren_per_week"].voorwaarde = _("verplicht voor asielstatushouders")

    def clean_dagtekening(self):
        return _niet_in_toekomst(
            self.cleaned_data["dagtekening"],
            _(
                "De dagtekening kan niet in de toekomst liggen: het PIP wordt op die dag "
                "vastgesteld."
            ),
        )

    def clean(self):
        data = super().clean()
        route, niveau = data.get("leerroute"), data.get("niveau")
        if route == Leerroute.ONDERWIJS and niveau == "A2":
            self.add_error("niveau", _("Niveau A2 kan niet bij de onderwijsroute."))
        if route == Leerroute.Z and niveau == "B1":
            self.add_error("niveau", _("Niveau B1 kan niet bij de Z-route."))
        if data.get("zroute_examens") and route != Leerroute.Z:
            self.add_error("zroute_examens", _("De examenkeuze hoort alleen bij de Z-route."))
        if data.get("participatiewet_beschikkingen", "").strip() and not data.get("bijstand"):
            self.add_error(
                "bijstand",
                _(
                    "U noemt beschikkingen van de Participatiewet: vink aan dat de inburgeraar "
                    "bijstand ontvangt."
                ),
            )
        return data


class VersieTokenForm(NLDesignFormMixin, forms.Form):
    """Approve, offer for approval, or set: carries the version the user saw."""

    gezien_versie = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class NieuweVersieForm(NLDesignFormMixin, forms.Form):
    reden = forms.ChoiceField(
        label=_("Reden voor de nieuwe versie"),
        choices=[
            (r.value, r.label)
            for r in Reden
            if r in (Reden.SCHAKELEN, Reden.AFSCHALEN, Reden.WIJZIGING)
        ],
    )
    leerroute = forms.ChoiceField(
        label=_("Schakelen naar leerroute"),
        choices=[("", "—"), *Leerroute.choices],
        required=False,
    )
    bijzonder_geval = forms.BooleanField(
        label=_("Bijzonder geval (Besluit inburgering 2021 art. 5.4 lid 3)"), required=False
    )
    opleiding_afgerond = forms.BooleanField(
        label=_("Niet-vrijstellende opleiding afgerond (art. 5.4 lid 2)"), required=False
    )
    nt2_uren = forms.IntegerField(
        label=_("Gevolgde cursusuren NT2 (voor afschalen)"),
        help_text=_(
            "Alleen als de uren niet in de leerroute zijn geregistreerd: geregistreerde uren "
            "gaan voor (Besluit inburgering 2021 art. 5.5)."
        ),
        required=False,
        min_value=0,
        max_value=9999,
        error_messages={"min_value": _("Het aantal uren kan niet negatief zijn.")},
    )
    nt2_uren_brede_intake = forms.IntegerField(
        label=_("Cursusuren NT2 tijdens de brede intake"),
        required=False,
        min_value=0,
        max_value=9999,
        error_messages={"min_value": _("Het aantal uren kan niet negatief zijn.")},
    )
    voldoende_inspanning = forms.BooleanField(
        label=_("Voldoende ingespannen in de lessen"), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("reden") == Reden.SCHAKELEN and not data.get("leerroute"):
            self.add_error("leerroute", _("Kies de leerroute waarnaar wordt geschakeld."))
        return data

    def feiten(self) -> dict:
        d = self.cleaned_data
        if d["reden"] == Reden.SCHAKELEN:
            return {
                "bijzonder_geval": d["bijzonder_geval"],
                "opleiding_afgerond": d["opleiding_afgerond"],
            }
        if d["reden"] == Reden.AFSCHALEN:
            return {
                "nt2_uren": d["nt2_uren"] or 0,
                "nt2_uren_brede_intake": d["nt2_uren_brede_intake"] or 0,
                "voldoende_inspanning": d["voldoende_inspanning"],
            }
        return {}


class BezwaarForm(NLDesignFormMixin, forms.Form):
    ontvangen_op = forms.DateField(
        label=_("Bezwaarschrift ontvangen op"),
        widget=DATUM,
        error_messages={"required": _("Vul de datum van ontvangst in.")},
    )
    toelichting = forms.CharField(
        label=_("Waar gaat het bezwaar over?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_ontvangen_op(self):
        return _niet_in_toekomst(
            self.cleaned_data["ontvangen_op"], _("De ontvangstdatum ligt in de toekomst.")
        )


class BeslissingForm(NLDesignFormMixin, forms.Form):
    beslissing = forms.ChoiceField(
        label=_("Beslissing op bezwaar"),
        choices=[("", "—"), *Bezwaar.Beslissing.choices],
        error_messages={"required": _("Kies een beslissing.")},
    )
    beslist_op = forms.DateField(
        label=_("Datum beslissing"),
        widget=DATUM,
        error_messages={"required": _("Vul de datum van de beslissing in.")},
    )

    def clean_beslist_op(self):
        return _niet_in_toekomst(
            self.cleaned_data["beslist_op"], _("De datum van de beslissing ligt in de toekomst.")
        )


class GesprekForm(NLDesignFormMixin, forms.Form):
    gehouden_op = forms.DateField(
        label=_("Gehouden op"),
        widget=DATUM,
        error_messages={"required": _("Vul de datum van het gesprek in.")},
    )
    verslag = forms.CharField(
        label=_("Verslag"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf een kort verslag van het gesprek.")},
    )

    def clean_gehouden_op(self):
        return _niet_in_toekomst(
            self.cleaned_data["gehouden_op"],
            _("Een gesprek in de toekomst kan nog niet gehouden zijn."),
        )

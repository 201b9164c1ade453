"""Forms of the Termijn tab and the worklist filters. Dutch messages at the field; the rules
(window, application, duration) are checked again by the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inburgering.dossiers.forms import DATUM, niet_in_toekomst
from inburgering.intake.models import Leerroute
from inburgering.ui import NLDesignFormMixin

from .keuzes import Advies, Besluituitkomst, Verlengingsgrond
from .services import MAX_VERLENGING_MAANDEN

TOELICHTING = forms.Textarea(attrs={"rows": 2})


class _Datum(NLDesignFormMixin, forms.Form):
    def clean(self):
        data = super().clean()
        niet_in_toekomst(data.get("datum"), "datum", self)
        return data


class AanvraagForm(_Datum):
    datum = forms.DateField(
        label=_("Datum van de aanvraag"),
        widget=DATUM,
        error_messages={"required": _("Vul de datum van de aanvraag in.")},
    )
    grond = forms.ChoiceField(label=_("Grond"), choices=Verlengingsgrond.choices)
    aanbod_niet_geleverd = forms.BooleanField(
        label=_("De gemeente heeft het inburgeringsaanbod niet (op tijd) geleverd"),
        required=False,
    )
    omstandigheid = forms.BooleanField(
        label=_("Een omstandigheid maakte deelname onmogelijk (Besluit art. 4.3 lid 1)"),
        required=False,
    )
    niet_vrijstellende_opleiding = forms.BooleanField(
        label=_("Volgt een niet-vrijstellende opleiding (Besluit art. 4.3 lid 2)"), required=False
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), max_length=2000, required=False, widget=TOELICHTING
    )


class BesluitForm(_Datum):
    datum = forms.DateField(
        label=_("Dagtekening van de beschikking"),
        widget=DATUM,
        error_messages={"required": _("Vul de dagtekening van de beschikking in.")},
    )
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=Besluituitkomst.choices)
    maanden = forms.IntegerField(
        label=_("Duur van de verlenging in maanden"),
        required=False,
        min_value=1,
        max_value=MAX_VERLENGING_MAANDEN,
        error_messages={
            "min_value": _("Een verlenging duurt minstens één maand."),
            "max_value": _("Een verlenging van meer dan 24 maanden is niet aannemelijk."),
        },
    )
    ambtshalve = forms.BooleanField(
        label=_("Ambtshalve besluit van DUO (Besluit art. 4.5 lid 2)"), required=False
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), max_length=2000, required=False, widget=TOELICHTING
    )

    def clean(self):
        data = super().clean()
        if data.get("uitkomst") == Besluituitkomst.TOEGEKEND and not data.get("maanden"):
            self.add_error("maanden", _("Vul de duur in die in de beschikking staat."))
        return data


class AdviesForm(_Datum):
    signaal = forms.IntegerField(widget=forms.HiddenInput)
    datum = forms.DateField(
        label=_("Datum van het advies"),
        widget=DATUM,
        error_messages={"required": _("Vul de datum van het advies in.")},
    )
    advies = forms.ChoiceField(label=_("Advies"), choices=Advies.choices)
    toelichting = forms.CharField(
        label=_("Motivering"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Motiveer het advies.")},
    )


class AfsluitenForm(_Datum):
    datum = forms.DateField(
        label=_("Datum van afsluiten"),
        widget=DATUM,
        error_messages={"required": _("Vul de datum in.")},
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), max_length=2000, required=False, widget=TOELICHTING
    )


class WerklijstFilterForm(NLDesignFormMixin, forms.Form):
    binnen = forms.ChoiceField(
        label=_("Termijn eindigt"),
        required=False,
        choices=[
            ("6", _("binnen 6 maanden")),
            ("3", _("binnen 3 maanden")),
            ("verstreken", _("al verstreken")),
            ("", _("alles")),
        ],
    )
    leerroute = forms.ChoiceField(
        label=_("Leerroute"), required=False, choices=[("", _("alle")), *Leerroute.choices]
    )
    boete = forms.BooleanField(label=_("Alleen met boeterisico"), required=False)
    eigen = forms.BooleanField(label=_("Alleen mijn dossiers"), required=False)

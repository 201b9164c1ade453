"""Forms for participation follow-up, costs and dual activities. Dutch messages at the field.

Each form gets the dossier's current `Stand` (dossiers/uitkomsten.py) so it can check the
moment against the route start, refuse a duplicate measurement and know the running activities.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from inburgering.ui import NLDesignFormMixin

from . import uitkomsten as u
from .forms import DATUM, niet_in_toekomst


def _nl(datum) -> str:
    return datum.strftime("%d-%m-%Y")


class ParticipatieForm(NLDesignFormMixin, forms.Form):
    datum = forms.DateField(label=_("Datum van de meting"), widget=DATUM)
    moment = forms.TypedChoiceField(label=_("Vervolgmoment"), coerce=int)
    status = forms.MultipleChoiceField(
        label=_("Situatie (meer keuzes mogelijk)"),
        choices=u.Participatiestatus.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één situatie.")},
    )
    uren_werk = forms.IntegerField(
        label=_("Uren werk per week"), required=False, min_value=1, max_value=80
    )
    correctie = forms.BooleanField(
        label=_("Dit vervangt de eerder vastgelegde meting voor dit moment (correctie)"),
        required=False,
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, stand: u.Stand, **kwargs):
        super().__init__(*args, **kwargs)
        self.stand = stand
        self.vorige = None
        self.fields["moment"].choices = [
            (m, _("%(n)s maanden na de start van de leerroute") % {"n": m}) for m in u.MOMENTEN
        ]

    def clean(self):
        data = super().clean()
        datum, moment, status = data.get("datum"), data.get("moment"), data.get("status") or []
        niet_in_toekomst(datum, "datum", self)
        if set(status) & u.EXCLUSIEF and len(status) > 1:
            self.add_error(
                "status", _("'Geen van deze' en 'Onbekend' gaan niet samen met een andere keuze.")
            )
        if data.get("uren_werk") and u.Participatiestatus.WERK not in status:
            self.add_error("uren_werk", _("Vul uren werk alleen in als de persoon werkt."))
        start = self.stand.route_start
        if start is None:
            raise forms.ValidationError(
                _("De leerroute is nog niet gestart; participatie wordt gemeten vanaf de start.")
            )
        if datum and moment:
            vroegst = u.vroegste_meetdatum(start, moment)
            if datum < vroegst:
                self.add_error(
                    "datum",
                    _(
                        "De meting na %(n)s maanden kan vanaf %(datum)s (de leerroute startte "
                        "op %(start)s)."
                    )
                    % {"n": moment, "datum": _nl(vroegst), "start": _nl(start)},
                )
        if moment:
            self.vorige = self.stand.meting(moment).event
            if self.vorige is not None and not data.get("correctie"):
                self.add_error(
                    "moment",
                    _(
                        "Voor dit moment is al een meting vastgelegd (%(datum)s). Vink de "
                        "correctie aan als deze meting die vervangt."
                    )
                    % {"datum": _nl(self.vorige.datum)},
                )
            elif self.vorige is None and data.get("correctie"):
                self.add_error(
                    "correctie", _("Er is voor dit moment nog geen meting om te vervangen.")
                )
        return data


def bedrag_in_centen(tekst: str) -> int:
    """ "1.250,50", "1250,5", "€ 1250" or "1250.50" -> cents. A dot followed by exactly three
    digits is a thousands separator (Dutch notation); otherwise a dot is the decimal point."""
    t = tekst.strip().replace("€", "").replace(" ", "")
    if "," in t:
        t = t.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", t):
        t = t.replace(".", "")
    try:
        bedrag = Decimal(t)
    except InvalidOperation as exc:
        raise forms.ValidationError(_("Vul een bedrag in, bijvoorbeeld 1250,00.")) from exc
    if not bedrag.is_finite():
        raise forms.ValidationError(_("Vul een bedrag in, bijvoorbeeld 1250,00."))
    if bedrag != bedrag.quantize(Decimal("0.01")):
        raise forms.ValidationError(_("Gebruik hoogstens twee cijfers achter de komma."))
    return int(bedrag * 100)


class KostenForm(NLDesignFormMixin, forms.Form):
    datum = forms.DateField(label=_("Datum"), widget=DATUM)
    bedrag = forms.CharField(
        label=_("Bedrag in euro"), max_length=20, help_text=_("Bijvoorbeeld 1250,00.")
    )
    post = forms.ChoiceField(label=_("Kostenpost"), choices=u.Kostenpost.choices)
    aanbieder = forms.CharField(label=_("Aanbieder"), max_length=200, required=False)
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_bedrag(self) -> int:
        centen = bedrag_in_centen(self.cleaned_data["bedrag"])
        if centen <= 0:
            raise forms.ValidationError(_("Het bedrag moet groter zijn dan € 0."))
        if centen > u.MAX_BEDRAG_CENTS:
            raise forms.ValidationError(
                _("Het bedrag is hoger dan € 50.000; controleer het bedrag of splits de kosten.")
            )
        return centen

    def clean(self):
        data = super().clean()
        niet_in_toekomst(data.get("datum"), "datum", self)
        return data


class DualeStartForm(NLDesignFormMixin, forms.Form):
    datum = forms.DateField(label=_("Startdatum"), widget=DATUM)
    activiteit = forms.ChoiceField(label=_("Soort activiteit"), choices=u.DualeActiviteit.choices)
    organisatie = forms.CharField(label=_("Organisatie"), max_length=200, required=False)
    uren_per_week = forms.IntegerField(
        label=_("Uren per week"), required=False, min_value=1, max_value=60
    )

    def __init__(self, *args, stand: u.Stand, **kwargs):
        super().__init__(*args, **kwargs)
        self.stand = stand

    def clean(self):
        data = super().clean()
        niet_in_toekomst(data.get("datum"), "datum", self)
        loopt = self.stand.lopend.get(data.get("activiteit"))
        if loopt is not None:
            self.add_error(
                "activiteit",
                _(
                    "Er loopt al een activiteit van deze soort sinds %(datum)s; "
                    "leg eerst het einde vast."
                )
                % {"datum": _nl(loopt.start)},
            )
        return data


class DualeEindeForm(NLDesignFormMixin, forms.Form):
    activiteit = forms.ChoiceField(label=_("Welke activiteit is beëindigd?"))
    datum = forms.DateField(label=_("Einddatum"), widget=DATUM)

    def __init__(self, *args, stand: u.Stand, **kwargs):
        super().__init__(*args, **kwargs)
        self.stand = stand
        self.fields["activiteit"].choices = [
            (a.activiteit, f"{a.label} ({_nl(a.start)})") for a in stand.lopend.values()
        ]
        self.fields["activiteit"].error_messages["invalid_choice"] = _(
            "Deze activiteit loopt niet (meer)."
        )

    def clean(self):
        data = super().clean()
        niet_in_toekomst(data.get("datum"), "datum", self)
        loopt = self.stand.lopend.get(data.get("activiteit"))
        if loopt is not None and data.get("datum") and data["datum"] < loopt.start:
            self.add_error(
                "datum",
                _("De einddatum ligt vóór de start (%(datum)s).") % {"datum": _nl(loopt.start)},
            )
        return data

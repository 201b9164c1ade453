"""Forms of the partner pages (hours, intake, exam intentions, progress, the COA's profile),
the consulent's involvement form and the beheerder's partner management. Format errors here,
with Dutch messages; the rules are in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inburgering.accounts.forms_beheer import GebruikerNieuwForm
from inburgering.accounts.models import Gemeente
from inburgering.examens.models import Onderdeel
from inburgering.traject.forms import DATUM, DATUMFOUTEN, StatusForm
from inburgering.traject.models import PlaatsingStatus
from inburgering.ui import Modelkeuze, NLDesignFormMixin

from .models import Clientprofiel, Organisatie, Organisatiesoort

#: What a school reports about a placement; cancelling and completion stay with the gemeente.
SCHOOLSTATUSSEN = (PlaatsingStatus.INTAKE, PlaatsingStatus.GESTART, PlaatsingStatus.UITGEVALLEN)


class SchoolStatusForm(StatusForm):
    """The intake result and the start at the school (and a dropout, with its reason)."""

    def __init__(self, *args, plaatsingen=(), **kwargs):
        super().__init__(*args, plaatsingen=plaatsingen, **kwargs)
        self.fields["status"].choices = [(s.value, s.label) for s in SCHOOLSTATUSSEN]
        self.fields["datum"].label = _("Datum (intake, start of uitval)")


class ExamenwensForm(NLDesignFormMixin, forms.Form):
    onderdeel = forms.ChoiceField(
        label=_("Examenonderdeel"),
        choices=Onderdeel.choices,
        error_messages={"required": _("Kies een examenonderdeel.")},
    )
    verwacht_op = forms.DateField(
        label=_("Verwacht examenklaar op"), widget=DATUM, error_messages=DATUMFOUTEN
    )
    toelichting = forms.CharField(label=_("Toelichting"), required=False, max_length=500)


class VoortgangForm(NLDesignFormMixin, forms.Form):
    datum = forms.DateField(label=_("Datum"), widget=DATUM, error_messages=DATUMFOUTEN)
    onderwerp = forms.CharField(
        label=_("Onderwerp"),
        max_length=120,
        error_messages={"required": _("Vul een onderwerp in.")},
    )
    tekst = forms.CharField(
        label=_("Voortgang"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Beschrijf de voortgang.")},
    )


class ProfielForm(NLDesignFormMixin, forms.ModelForm):
    class Meta:
        model = Clientprofiel
        fields = [
            "talen",
            "opleiding",
            "werkervaring",
            "voorkeuren",
            "azc_contact",
            "toestemming_gezondheid",
            "gezondheid",
        ]
        widgets = {
            "opleiding": forms.Textarea(attrs={"rows": 3}),
            "werkervaring": forms.Textarea(attrs={"rows": 3}),
            "voorkeuren": forms.Textarea(attrs={"rows": 3}),
            "gezondheid": forms.Textarea(attrs={"rows": 3}),
            "toestemming_gezondheid": DATUM,
        }
        help_texts = {
            "gezondheid": _(
                "Alleen invullen als de persoon toestemming gaf om dit met de gemeente te delen."
            ),
        }
        error_messages = {"toestemming_gezondheid": DATUMFOUTEN}

    def clean(self):
        data = super().clean()
        if (data.get("gezondheid") or "").strip() and not data.get("toestemming_gezondheid"):
            self.add_error(
                "toestemming_gezondheid",
                _("Gezondheid delen kan alleen met toestemming van de persoon; vul de datum in."),
            )
        return data


class BetrekForm(NLDesignFormMixin, forms.Form):
    """The consulent involves a partner of the gemeente (not a school: placements do that)."""

    organisatie = Modelkeuze(
        label=_("Organisatie"),
        queryset=Organisatie.objects.none(),
        error_messages={
            "required": _("Kies een organisatie."),
            "invalid_choice": _("Kies een organisatie uit de lijst."),
        },
    )
    begin = forms.DateField(label=_("Betrokken vanaf"), widget=DATUM, error_messages=DATUMFOUTEN)

    def __init__(self, *args, gemeente_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = (
            Organisatie.objects.filter(actief=True, gemeenten__in=list(gemeente_ids))
            .exclude(soort=Organisatiesoort.TAALAANBIEDER)
            .distinct()
        )


class BeeindigForm(NLDesignFormMixin, forms.Form):
    betrokkenheid = forms.IntegerField(widget=forms.HiddenInput)
    einde = forms.DateField(
        label=_("Betrokken tot en met"), widget=DATUM, error_messages=DATUMFOUTEN
    )


class OrganisatieForm(NLDesignFormMixin, forms.ModelForm):
    gemeenten = forms.ModelMultipleChoiceField(
        label=_("Werkt voor gemeenten"),
        queryset=Gemeente.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één gemeente.")},
    )

    class Meta:
        model = Organisatie
        fields = ["naam", "soort", "kvk_nummer", "oin", "aanbieder", "gemeenten", "actief"]
        error_messages = {"naam": {"required": _("Vul de naam in.")}}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeenten"].queryset = (
            user.gemeenten.all() if user is not None else Gemeente.objects.none()
        )

    def clean(self):
        data = super().clean()
        if data.get("aanbieder") and data.get("soort") != Organisatiesoort.TAALAANBIEDER:
            self.add_error(
                "aanbieder", _("Alleen een taalaanbieder is een aanbieder in de leerroute.")
            )
        return data


class PartnerMedewerkerForm(GebruikerNieuwForm):
    """A user of a partner organisation: role partner, the organisation's gemeenten."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for naam in ("rol", "gemeenten", "team"):
            del self.fields[naam]

"""Forms of the functioneel beheerder's management pages (accounts/views_beheer.py)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from inburgering.ui import Modelkeuze, NLDesignFormMixin

from . import services
from .models import (
    Gebruiker,
    Gemeente,
    GemeenteConfiguratie,
    Rol,
    Samenwerkingsverband,
    Team,
    oin_validator,
)


class _Scope:
    """Gemeenten and teams to choose from: the beheerder's own."""

    def __init__(self, *args, user: Gebruiker, **kwargs):
        super().__init__(*args, **kwargs)
        beheerder = self.beheerder = user
        if "gemeenten" in self.fields:
            self.fields["gemeenten"].queryset = services.gemeenten_van_beheerder(beheerder)
        if "gemeente" in self.fields:
            self.fields["gemeente"].queryset = services.gemeenten_van_beheerder(beheerder)
        if "team" in self.fields:
            self.fields["team"].queryset = services.teams_voor(beheerder)


def _gemeenten_veld():
    return forms.ModelMultipleChoiceField(
        label=_("Gemeenten"),
        queryset=Gemeente.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één gemeente.")},
    )


def _team_veld():
    return Modelkeuze(label=_("Team"), queryset=Team.objects.none(), required=False)


class GebruikerNieuwForm(_Scope, NLDesignFormMixin, forms.Form):
    username = forms.RegexField(
        label=_("Gebruikersnaam"),
        regex=r"^[\w.@+-]+$",
        max_length=150,
        error_messages={
            "required": _("Vul een gebruikersnaam in."),
            "invalid": _("Een gebruikersnaam bestaat uit letters, cijfers en . @ + - _."),
        },
    )
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    rol = forms.ChoiceField(label=_("Rol"), choices=Rol.choices, initial=Rol.CONSULENT)
    gemeenten = _gemeenten_veld()
    team = _team_veld()
    wachtwoord1 = forms.CharField(
        label=_("Eerste wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    wachtwoord2 = forms.CharField(
        label=_("Eerste wachtwoord (nogmaals)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_username(self):
        naam = self.cleaned_data["username"]
        if Gebruiker.objects.filter(username__iexact=naam).exists():
            raise forms.ValidationError(_("Deze gebruikersnaam bestaat al."))
        return naam

    def clean(self):
        data = super().clean()
        een, twee = data.get("wachtwoord1"), data.get("wachtwoord2")
        if een and twee and een != twee:
            self.add_error("wachtwoord2", _("De twee wachtwoorden zijn niet gelijk."))
        elif een:
            proef = Gebruiker(
                username=data.get("username", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
                email=data.get("email", ""),
            )
            try:
                validate_password(een, proef)
            except forms.ValidationError as fout:
                self.add_error("wachtwoord1", fout)
        return data


class GebruikerForm(_Scope, NLDesignFormMixin, forms.Form):
    rol = forms.ChoiceField(label=_("Rol"), choices=Rol.choices)
    gemeenten = _gemeenten_veld()
    team = _team_veld()
    is_active = forms.BooleanField(label=_("Account actief"), required=False)

    def __init__(self, *args, gebruiker: Gebruiker | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if gebruiker is not None and gebruiker.via_idp:
            # Role and gemeenten come from the identity provider at every login.
            for naam in ("rol", "gemeenten"):
                self.fields[naam].disabled = True
                self.fields[naam].required = False


class TeamForm(_Scope, NLDesignFormMixin, forms.Form):
    gemeente = Modelkeuze(
        label=_("Gemeente"),
        queryset=Gemeente.objects.none(),
        error_messages={"required": _("Kies een gemeente.")},
    )
    naam = forms.CharField(
        label=_("Naam van het team"),
        max_length=100,
        error_messages={"required": _("Vul de naam van het team in.")},
    )


class ConfiguratieForm(NLDesignFormMixin, forms.ModelForm):
    class Meta:
        model = GemeenteConfiguratie
        fields = list(services.CONFIGURATIE_VELDEN)


def _samenwerkingsverbanden_veld():
    return forms.ModelMultipleChoiceField(
        label=_("Regionale dienst"),
        help_text=_(
            "De regionale dienst die de inburgering voor deze gemeente uitvoert, als die er is."
        ),
        queryset=Samenwerkingsverband.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def _oin_veld(uitleg):
    return forms.CharField(
        label=_("OIN"), help_text=uitleg, max_length=20, required=False, validators=[oin_validator]
    )


class GemeenteForm(NLDesignFormMixin, forms.Form):
    """Name, OIN and regional service of a gemeente (the CBS code stays)."""

    naam = forms.CharField(
        label=_("Naam"),
        max_length=100,
        error_messages={"required": _("Vul de naam van de gemeente in.")},
    )
    oin = _oin_veld(_("Organisatie-identificatienummer (20 cijfers), voor DUO. Mag leeg blijven."))
    samenwerkingsverbanden = _samenwerkingsverbanden_veld()


class GemeenteNieuwForm(GemeenteForm):
    cbs_code = forms.CharField(
        label=_("CBS-code"),
        help_text=_("De viercijferige gemeentecode van het CBS, bijvoorbeeld 0344 voor Utrecht."),
        max_length=4,
        error_messages={"required": _("Vul de CBS-code van de gemeente in.")},
    )
    naam = forms.CharField(
        label=_("Naam"),
        help_text=_("Leeg laten: de naam uit de lijst van het CBS."),
        max_length=100,
        required=False,
    )
    field_order = ["cbs_code", "naam", "oin", "samenwerkingsverbanden"]


class SamenwerkingsverbandForm(NLDesignFormMixin, forms.Form):
    """A regional service: name, OIN and the gemeenten it works for (among the beheerder's)."""

    naam = forms.CharField(
        label=_("Naam"),
        max_length=100,
        error_messages={"required": _("Vul de naam van de regionale dienst in.")},
    )
    oin = _oin_veld(
        _(
            "Het OIN waaraan DUO berichten voor deze gemeenten stuurt (20 cijfers). Mag leeg "
            "blijven."
        )
    )
    gemeenten = forms.ModelMultipleChoiceField(
        label=_("Gemeenten"),
        queryset=Gemeente.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies de gemeenten waarvoor de regionale dienst werkt."),
            "invalid_choice": _("Kies een gemeente uit de lijst."),
        },
    )

    def __init__(self, *args, gemeenten=(), **kwargs):
        super().__init__(*args, **kwargs)
        # The beheerder's own gemeenten (a queryset or a list of them), by name.
        self.fields["gemeenten"].queryset = Gemeente.objects.filter(
            pk__in=[g.pk for g in gemeenten]
        ).order_by("naam")

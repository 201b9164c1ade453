"""Forms for registering people and events. Every message is Dutch and sits at its field."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inburgering.accounts.models import Gebruiker, Gemeente
from inburgering.accounts.toegang import consulenten_bij
from inburgering.bsn import valideer_bsn
from inburgering.ui import Modelkeuze, NLDesignFormMixin

from .gebeurtenissen import handmatig
from .models import Doelgroep, Dossier, Geslacht, Inburgeraar, Regime
from .persoonsgegevens import BEWERKBAAR
from .referentie import LANDEN, taalkeuzes
from .workflow import Afsluitreden, Fase, Soort

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def niet_in_toekomst(datum: dt.date | None, veld: str, form: forms.Form) -> None:
    if datum and datum > timezone.localdate():
        form.add_error(veld, _("Deze datum ligt in de toekomst."))


_TELEFOON = re.compile(r"^\+?[0-9][0-9 ()-]*$")
_POSTCODE = re.compile(r"^([1-9][0-9]{3}) ?([A-Za-z]{2})$")
TELEFOON_FOUT = _(
    "Vul een telefoonnummer in met cijfers, eventueel met spaties, streepjes en een + "
    "vooraan, bijvoorbeeld 06 12345678 of +31 6 12345678."
)


def telefoonnummer(waarde: str) -> str:
    waarde = waarde.strip()
    cijfers = sum(teken.isdigit() for teken in waarde)
    if waarde and (not _TELEFOON.match(waarde) or not 6 <= cijfers <= 15):
        raise forms.ValidationError(TELEFOON_FOUT, code="telefoon")
    return waarde


class ContactVelden(NLDesignFormMixin, forms.Form):
    """The contact fields of a person, the same on creation and when they are changed later
    (PersoonsgegevensForm): one set of fields, labels and checks."""

    voorkeurstaal = forms.ChoiceField(label=_("Voorkeurstaal"), required=False)
    tolk_nodig = forms.BooleanField(label=_("Tolk nodig"), required=False)
    telefoon = forms.CharField(label=_("Telefoon"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per form: the names follow the active language (ISO 639, referentie.taalnaam).
        self.fields["voorkeurstaal"].choices = [("", "—"), *taalkeuzes()]

    def clean_telefoon(self) -> str:
        return telefoonnummer(self.cleaned_data["telefoon"])


class NieuwDossierForm(ContactVelden):
    """A person and their first signal. Creates Inburgeraar, Dossier and events in one go."""

    bsn = forms.CharField(label=_("BSN"), max_length=9, min_length=1)
    v_nummer = forms.CharField(label=_("V-nummer"), max_length=10, required=False)
    voornamen = forms.CharField(label=_("Voornamen"), max_length=200)
    voorvoegsel = forms.CharField(label=_("Voorvoegsel"), max_length=20, required=False)
    geslachtsnaam = forms.CharField(label=_("Achternaam"), max_length=200)
    geboortedatum = forms.DateField(label=_("Geboortedatum"), widget=DATUM)
    geslacht = forms.ChoiceField(label=_("Geslacht"), choices=Geslacht.choices)
    land_van_herkomst = forms.ChoiceField(label=_("Land van herkomst"), choices=LANDEN.items())

    gemeente = Modelkeuze(
        label=_("Gemeente"),
        queryset=Gemeente.objects.none(),
        error_messages={"invalid_choice": _("Kies een gemeente waarvoor u werkt.")},
    )
    regime = forms.ChoiceField(label=_("Regime"), choices=Regime.choices, initial=Regime.WI2021)
    doelgroep = forms.ChoiceField(label=_("Doelgroep"), choices=Doelgroep.choices)
    kennisgeving_datum = forms.DateField(
        label=_("Datum kennisgeving DUO"), required=False, widget=DATUM
    )
    koppeling_datum = forms.DateField(label=_("Datum koppeling COA"), required=False, widget=DATUM)
    azc = forms.CharField(label=_("Azc-locatie"), max_length=100, required=False)
    coa_contact = forms.CharField(
        label=_("Contactpersoon COA"),
        max_length=200,
        required=False,
        help_text=_("Naam en telefoon of e-mail van de COA-medewerker."),
    )
    brp_inschrijving_datum = forms.DateField(
        label=_("Datum inschrijving BRP (huisvesting)"), required=False, widget=DATUM
    )
    consulent = Modelkeuze(label=_("Consulent"), queryset=Gebruiker.objects.none(), required=False)

    def __init__(self, *args, user: Gebruiker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = user.gemeenten.all()
        eigen = list(user.gemeenten.all()[:2])
        if len(eigen) == 1:
            self.fields["gemeente"].initial = eigen[0].pk
        self.fields["consulent"].queryset = consulenten_bij(user)

    def clean_bsn(self) -> str:
        bsn = self.cleaned_data["bsn"].strip().replace(" ", "").replace(".", "")
        valideer_bsn(bsn)
        return bsn

    def clean_v_nummer(self) -> str:
        value = self.cleaned_data["v_nummer"].strip()
        if value and not (value.isdigit() and len(value) == 10):
            raise forms.ValidationError(_("Een V-nummer bestaat uit 10 cijfers."))
        return value

    def clean_geboortedatum(self) -> dt.date:
        value = self.cleaned_data["geboortedatum"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("De geboortedatum kan niet in de toekomst liggen."))
        if value.year < 1900:
            raise forms.ValidationError(_("Controleer het geboortejaar."))
        return value

    def clean(self):
        data = super().clean()
        kennisgeving = data.get("kennisgeving_datum")
        koppeling = data.get("koppeling_datum")
        brp = data.get("brp_inschrijving_datum")
        for veld in ("kennisgeving_datum", "koppeling_datum", "brp_inschrijving_datum"):
            niet_in_toekomst(data.get(veld), veld, self)
        if not (kennisgeving or koppeling or brp):
            self.add_error(
                "kennisgeving_datum",
                _("Vul ten minste één datum in: kennisgeving, koppeling of inschrijving BRP."),
            )
        if koppeling and brp and brp < koppeling:
            self.add_error(
                "brp_inschrijving_datum",
                _("De inschrijving in de BRP kan niet vóór de koppeling door het COA liggen."),
            )
        if koppeling and not data.get("azc"):
            self.add_error("azc", _("Vul de azc-locatie in bij een koppeling."))
        geboren = data.get("geboortedatum")
        for veld in ("kennisgeving_datum", "koppeling_datum", "brp_inschrijving_datum"):
            if geboren and data.get(veld) and data[veld] < geboren:
                self.add_error(veld, _("Deze datum ligt vóór de geboortedatum."))
        consulent = data.get("consulent")
        gemeente = data.get("gemeente")
        if consulent and gemeente and not consulent.gemeenten.filter(pk=gemeente.pk).exists():
            self.add_error("consulent", _("Deze consulent werkt niet voor de gekozen gemeente."))
        # Only the chosen gemeente's own records are consulted: whether the person is known
        # in another gemeente is never shown (see Inburgeraar; open_dossier tells that gemeente).
        bsn = data.get("bsn")
        if (
            bsn
            and gemeente
            and Dossier.objects.filter(inburgeraar__bsn=bsn, gemeente=gemeente)
            .exclude(fase=Fase.AFGEROND)
            .exists()
        ):
            self.add_error(
                "bsn",
                forms.ValidationError(
                    _(
                        "Deze persoon heeft al een lopend dossier in gemeente %(gemeente)s. "
                        "Zoek het op in de caseload of vraag de teamleider het aan u toe te "
                        "wijzen."
                    ),
                    code="bsn_dubbel",
                    params={"gemeente": gemeente},
                ),
            )
        return data

    def inburgeraar(self) -> Inburgeraar:
        velden = [
            "bsn",
            "v_nummer",
            "voornamen",
            "voorvoegsel",
            "geslachtsnaam",
            "geboortedatum",
            "geslacht",
            "land_van_herkomst",
            "voorkeurstaal",
            "tolk_nodig",
            "telefoon",
            "email",
        ]
        gemeente = self.cleaned_data["gemeente"]
        # A person this gemeente knew before (closed dossiers) keeps their record, with what
        # the user entered now; otherwise a new record for this gemeente.
        persoon = Inburgeraar.objects.filter(
            gemeente=gemeente, bsn=self.cleaned_data["bsn"]
        ).first()
        persoon = persoon or Inburgeraar(gemeente=gemeente)
        for veld in velden:
            setattr(persoon, veld, self.cleaned_data[veld])
        if persoon.voorkeurstaal and persoon.voorkeurstaal not in persoon.talen:
            persoon.talen = [persoon.voorkeurstaal, *persoon.talen]
        return persoon

    def signalen(self) -> list[tuple[Soort, dt.date, dict]]:
        """The dated first facts of this dossier, oldest first."""
        data = self.cleaned_data
        items = []
        if data.get("kennisgeving_datum"):
            items.append((Soort.SIGNAAL_ONTVANGEN, data["kennisgeving_datum"], {}))
        if data.get("koppeling_datum"):
            gegevens = {"azc": data["azc"]}
            if data.get("coa_contact"):
                gegevens["coa_contact"] = data["coa_contact"]
            items.append((Soort.COA_KOPPELING, data["koppeling_datum"], gegevens))
        if data.get("brp_inschrijving_datum"):
            items.append((Soort.HUISVESTING, data["brp_inschrijving_datum"], {}))
        return sorted(items, key=lambda item: item[1])


class PersoonsgegevensForm(ContactVelden):
    """Change contact data, languages and post address after creation
    (persoonsgegevens.wijzig_persoonsgegevens records the change)."""

    talen = forms.MultipleChoiceField(
        label=_("Gesproken talen"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Kies met Ctrl (of Cmd) meer talen. De voorkeurstaal hoort er altijd bij."),
    )
    whatsapp = forms.CharField(label=_("WhatsApp-nummer"), max_length=20, required=False)
    post_straat = forms.CharField(
        label=_("Straat en huisnummer"),
        max_length=200,
        required=False,
        help_text=_("Alleen als post naar een ander adres moet dan het BRP-adres."),
    )
    post_postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False)
    post_plaats = forms.CharField(label=_("Plaats"), max_length=100, required=False)

    field_order = [
        "telefoon",
        "email",
        "whatsapp",
        "talen",
        "voorkeurstaal",
        "tolk_nodig",
        "post_straat",
        "post_postcode",
        "post_plaats",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["talen"].choices = taalkeuzes()

    def clean_whatsapp(self) -> str:
        return telefoonnummer(self.cleaned_data["whatsapp"])

    def clean_post_postcode(self) -> str:
        waarde = self.cleaned_data["post_postcode"].strip()
        if not waarde:
            return ""
        gevonden = _POSTCODE.match(waarde)
        if not gevonden:
            raise forms.ValidationError(
                _("Vul een Nederlandse postcode in: vier cijfers en twee letters, zoals 1234 AB."),
                code="postcode",
            )
        return f"{gevonden[1]} {gevonden[2].upper()}"

    def clean(self):
        data = super().clean()
        adres = ("post_straat", "post_postcode", "post_plaats")
        ingevuld = [veld for veld in adres if data.get(veld)]
        if ingevuld and len(ingevuld) < len(adres):
            for veld in adres:
                if veld not in ingevuld and veld not in self.errors:
                    self.add_error(
                        veld, _("Vul het hele postadres in: straat, postcode en plaats.")
                    )
        voorkeur = data.get("voorkeurstaal")
        talen = list(data.get("talen") or [])
        if voorkeur and voorkeur not in talen:
            # As on creation: the preferred language is one the person speaks.
            data["talen"] = [voorkeur, *talen]
        return data

    def wijzigingen(self) -> dict:
        """The cleaned values of the editable fields (persoonsgegevens.BEWERKBAAR)."""
        return {veld: self.cleaned_data[veld] for veld in BEWERKBAAR}


class GebeurtenisForm(NLDesignFormMixin, forms.Form):
    """Record the next step in a dossier. The choice of steps follows the transition table."""

    soort = forms.ChoiceField(label=_("Wat is er gebeurd?"))
    datum = forms.DateField(label=_("Datum"), widget=DATUM)
    azc = forms.CharField(label=_("Azc-locatie"), max_length=100, required=False)
    leerroute = forms.ChoiceField(
        label=_("Leerroute"),
        required=False,
        choices=[
            ("", "—"),
            ("b1", _("B1-route")),
            ("onderwijs", _("Onderwijsroute")),
            ("z", _("Z-route")),
        ],
    )
    reden = forms.ChoiceField(
        label=_("Reden van afsluiten"), required=False, choices=[("", "—"), *Afsluitreden.choices]
    )
    doelgroep = forms.ChoiceField(
        label=_("Doelgroep"), required=False, choices=[("", "—"), *Doelgroep.choices]
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    VERPLICHT = {
        Soort.COA_KOPPELING: "azc",
        Soort.PIP_VASTGESTELD: "leerroute",
        Soort.DOSSIER_AFGESLOTEN: "reden",
        Soort.DOELGROEP_VASTGESTELD: "doelgroep",
    }

    def __init__(self, *args, toegestaan: list[Soort], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [(s.value, s.label) for s in handmatig(toegestaan)]
        self.fields["soort"].error_messages["invalid_choice"] = _(
            "Deze stap kan in de huidige fase van het dossier niet worden vastgelegd."
        )

    def clean(self):
        data = super().clean()
        niet_in_toekomst(data.get("datum"), "datum", self)
        soort = data.get("soort")
        veld = self.VERPLICHT.get(soort)
        if veld and not data.get(veld):
            self.add_error(veld, _("Dit veld is verplicht bij deze stap."))
        return data

    def gegevens(self) -> dict:
        soort = self.cleaned_data["soort"]
        veld = self.VERPLICHT.get(soort)
        return {veld: self.cleaned_data[veld]} if veld else {}

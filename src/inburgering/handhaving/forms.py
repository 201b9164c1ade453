"""Forms of the Handhaving tab, one per step. Format and range errors here, with Dutch
messages; the legal rules (assessment, term, caps, status table) are in the services."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from inburgering.brieven.services import VERZENDKANALEN
from inburgering.ui import NLDesignFormMixin

from .models import Artikel, Rechtsmiddel, Uitspraak, Verwijtbaarheid, Zienswijzevorm

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATUMFOUTEN = {
    "required": _("Vul een datum in."),
    "invalid": _("Vul een geldige datum in, bijvoorbeeld 01-03-2025."),
}
NIEUWE_TERMIJN = [
    ("", _("Inburgeringstermijn (eventueel verlengd)")),
    ("6", _("Nieuwe termijn van 6 maanden")),
    ("12", _("Nieuwe termijn van 12 maanden")),
    ("18", _("Nieuwe termijn van 18 maanden")),
    ("24", _("Nieuwe termijn van 24 maanden")),
]


def _datum(label):
    return forms.DateField(label=label, widget=DATUM, error_messages=DATUMFOUTEN)


def _kanalen():
    return [(k.value, k.label) for k in VERZENDKANALEN]


class EuroVeld(forms.DecimalField):
    """An amount in euros (two decimals) as integer cents."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 8)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Vul een bedrag in euro's in."),
                "invalid": _("Vul een bedrag in, bijvoorbeeld 250 of 37,50."),
                "max_decimal_places": _("Hoogstens twee cijfers achter de komma."),
                "max_digits": _("Dit bedrag is te groot."),
                "max_whole_digits": _("Dit bedrag is te groot."),
            },
        )
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)

    def clean(self, value):
        bedrag = super().clean(value)
        if bedrag is None:
            return None
        return int((Decimal(bedrag) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


class SignaalForm(NLDesignFormMixin, forms.Form):
    artikel = forms.ChoiceField(
        label=_("Overtreding"),
        choices=Artikel.choices,
        error_messages={"required": _("Kies het artikel.")},
    )
    constatering = _datum(_("Datum van constatering"))
    gedraging = forms.CharField(
        label=_("Feiten"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Wat heeft de inburgeraar niet gedaan, wanneer, en hoe is dat vastgesteld?"),
        error_messages={"required": _("Beschrijf de feiten.")},
    )
    verwijtbaarheid = forms.ChoiceField(
        label=_("Verwijtbaarheid (alleen artikel 23)"),
        choices=[("", "—"), *Verwijtbaarheid.choices],
        required=False,
    )
    nieuwe_termijn = forms.ChoiceField(label=_("Termijn"), choices=NIEUWE_TERMIJN, required=False)
    bijstand_verlaagd = forms.BooleanField(
        label=_("De bijstand is voor dezelfde gedraging al verlaagd (artikel 27)"),
        required=False,
    )


class BeoordelingForm(NLDesignFormMixin, forms.Form):
    datum = _datum(_("Datum van de beoordeling"))
    beoordelaar = forms.CharField(
        label=_("Beoordelaar"),
        max_length=200,
        error_messages={"required": _("Vul in wie de beoordeling heeft gedaan.")},
    )
    afwegingen = forms.CharField(
        label=_("Afwegingen"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_(
            "De persoonlijke omstandigheden, de inspanningen en waarom een boete in dit "
            "uitzonderlijke geval wel of niet passend is."
        ),
        error_messages={"required": _("Leg de afwegingen vast.")},
    )
    boete_passend = forms.TypedChoiceField(
        label=_("Conclusie"),
        choices=[("ja", _("Een boete is passend")), ("nee", _("Een boete is niet passend"))],
        coerce=lambda w: w == "ja",
        error_messages={"required": _("Kies de conclusie.")},
    )


class VoornemenForm(NLDesignFormMixin, forms.Form):
    datum = _datum(_("Verzenddatum"))
    kanaal = forms.ChoiceField(
        label=_("Verzonden per"),
        choices=_kanalen,
        error_messages={"required": _("Kies hoe de brief is verzonden.")},
    )


class ZienswijzeForm(NLDesignFormMixin, forms.Form):
    datum = _datum(_("Ontvangen op"))
    vorm = forms.ChoiceField(
        label=_("Vorm"),
        choices=Zienswijzevorm.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies schriftelijk of mondeling.")},
    )
    inhoud = forms.CharField(
        label=_("Samenvatting van de zienswijze"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": _("Vat de zienswijze samen.")},
    )


class BeschikkingForm(NLDesignFormMixin, forms.Form):
    datum = _datum(_("Dagtekening"))
    bedrag = EuroVeld(label=_("Bedrag in euro's"))
    motivering = forms.CharField(
        label=_("Motivering"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": _("Motiveer de boete.")},
    )
    kanaal = forms.ChoiceField(
        label=_("Verzonden per"),
        choices=_kanalen,
        error_messages={"required": _("Kies hoe de brief is verzonden.")},
    )


class GeenBoeteForm(NLDesignFormMixin, forms.Form):
    datum = _datum(_("Datum"))
    reden = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Geef de reden waarom er geen boete komt.")},
    )


class RechtsmiddelForm(NLDesignFormMixin, forms.Form):
    datum = _datum(_("Beslist op"))
    soort = forms.ChoiceField(label=_("Bezwaar of beroep"), choices=Rechtsmiddel.choices)
    uitspraak = forms.ChoiceField(label=_("Uitkomst"), choices=Uitspraak.choices)
    bedrag = EuroVeld(label=_("Nieuw bedrag (bij deels gegrond)"), required=False)


class DatumForm(NLDesignFormMixin, forms.Form):
    datum = _datum(_("Datum"))


class AfgedaanForm(NLDesignFormMixin, forms.Form):
    datum = _datum(_("Datum"))
    naar = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[("betaald", _("Betaald")), ("kwijtgescholden", _("Kwijtgescholden"))],
    )
    reden = forms.CharField(label=_("Reden (bij kwijtschelding)"), max_length=500, required=False)

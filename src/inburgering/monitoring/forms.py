from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inburgering.accounts.models import Gebruiker, Rol, Samenwerkingsverband
from inburgering.dossiers.models import Doelgroep
from inburgering.ui import NLDesignFormMixin

from . import importeren
from .definities import Cohortbasis, Populatie

#: Prefix of a regional service's value in the gemeente filter.
REGIO = "regio-"
#: The cut-off choice "28 for every test" (the SZW evaluation's definition).
CESUUR_28 = "28"


class DatumInvoer(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class FilterForm(NLDesignFormMixin, forms.Form):
    """Filters of the dashboard. Gemeenten and consulenten are limited to the user's scope."""

    peildatum = forms.DateField(label=_("Peildatum"), required=False, widget=DatumInvoer())
    populatie = forms.ChoiceField(
        label=_("Populatie"),
        required=False,
        choices=Populatie.choices,
        help_text=_(
            "Standaard: wie op de peildatum inburgeringsplichtig is onder de Wi2021 (zoals DUO "
            "telt). Tabellen over verloop en uitkomsten tellen ook de afgesloten dossiers van "
            "die populatie."
        ),
    )
    cohortbasis = forms.ChoiceField(
        label=_("Instroom en cohort volgens"),
        required=False,
        choices=Cohortbasis.choices,
        help_text=_("De datum waarop de instroomperiode en het cohortjaar selecteren."),
    )
    van = forms.DateField(label=_("Instroom vanaf"), required=False, widget=DatumInvoer())
    tot = forms.DateField(label=_("Instroom tot en met"), required=False, widget=DatumInvoer())
    #: A gemeente's id, or REGIO + a regional service's id (its gemeenten within scope).
    gemeente = forms.ChoiceField(label=_("Gemeente of regionale dienst"), required=False)
    doelgroep = forms.ChoiceField(label=_("Doelgroep"), required=False)
    consulent = forms.TypedChoiceField(
        label=_("Consulent"), required=False, coerce=int, empty_value=None
    )
    cesuur = forms.ChoiceField(
        label=_("Cesuur leerbaarheidstoets"),
        required=False,
        choices=[
            ("", _("Geldend op de toetsdatum (31 vóór 12-04-2023, daarna 28)")),
            (CESUUR_28, _("28 voor elke toets (definitie SZW-evaluatie)")),
        ],
        help_text=_(
            "Bepaalt of een leerroute conform de leerbaarheidstoets is. Standaard telt de "
            "cesuur die gold op de dag van de toets; de evaluatie van SZW (maart 2024) "
            "rekende met 28 voor elke toets. Kies die om de cijfers met de evaluatie te "
            "vergelijken."
        ),
    )

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeenten = sorted(gemeenten, key=lambda g: (g.naam.lower(), g.pk))
        in_scope = {g.pk for g in self.gemeenten}
        #: Regional services with at least two of their gemeenten in the user's scope, each
        #: with those gemeenten (a service of one would only repeat that gemeente).
        self.regios: dict[int, tuple[str, tuple[int, ...]]] = {}
        for regio in Samenwerkingsverband.objects.filter(gemeenten__in=in_scope).distinct():
            leden = tuple(
                sorted(pk for pk in regio.gemeenten.values_list("pk", flat=True) if pk in in_scope)
            )
            if len(leden) >= 2:
                self.regios[regio.pk] = (regio.naam, leden)
        keuzes: list = [("", _("Alle"))]
        if self.regios:
            keuzes.append(
                (
                    _("Regionale diensten"),
                    [(f"{REGIO}{pk}", naam) for pk, (naam, _l) in self.regios.items()],
                )
            )
            keuzes.append((_("Gemeenten"), [(str(g.pk), g.naam) for g in self.gemeenten]))
        else:
            keuzes += [(str(g.pk), g.naam) for g in self.gemeenten]
        self.fields["gemeente"].choices = keuzes
        self.fields["doelgroep"].choices = [("", _("Alle")), *list(Doelgroep.choices)]
        consulenten = (
            Gebruiker.objects.filter(rol=Rol.CONSULENT, gemeenten__in=self.gemeenten)
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.fields["consulent"].choices = [("", _("Alle"))] + [
            (u.pk, u.weergavenaam) for u in consulenten
        ]

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            raise forms.ValidationError(_("'Instroom vanaf' ligt na 'Instroom tot en met'."))
        if not data.get("peildatum"):
            data["peildatum"] = timezone.localdate()
        data["populatie"] = data.get("populatie") or Populatie.PLICHTIG
        data["cohortbasis"] = data.get("cohortbasis") or Cohortbasis.KENNISGEVING
        return data

    def gemeente_ids(self) -> tuple[int, ...]:
        gekozen = self.cleaned_data.get("gemeente") or ""
        if gekozen.startswith(REGIO):
            return self.regios[int(gekozen.removeprefix(REGIO))][1]
        return (int(gekozen),) if gekozen else tuple(g.pk for g in self.gemeenten)

    @property
    def cesuur_evaluatie(self) -> bool:
        return self.cleaned_data.get("cesuur") == CESUUR_28


class ImportForm(NLDesignFormMixin, forms.Form):
    bestand = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_("Het formaat staat in de handleiding (docs/import.md)."),
    )
    alleen_geldige = forms.BooleanField(
        label=_("Alleen de geldige rijen importeren"),
        required=False,
        help_text=_("Zonder dit vinkje wordt niets geïmporteerd zolang één rij een fout bevat."),
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > settings.IMPORT_MAX_BYTES:  # refused before it is read
            raise forms.ValidationError(importeren.te_groot_melding())
        return bestand


def vorig_kwartaal(dag) -> tuple[int, int]:
    kwartaal = (dag.month - 1) // 3 + 1
    return (dag.year, kwartaal - 1) if kwartaal > 1 else (dag.year - 1, 4)


class CbsForm(NLDesignFormMixin, forms.Form):
    """Year, quarter and one gemeente (within the user's scope) for the CBS delivery."""

    jaar = forms.IntegerField(label=_("Jaar"), min_value=2022, max_value=2100)
    kwartaal = forms.TypedChoiceField(
        label=_("Kwartaal"), coerce=int, choices=[(k, f"K{k}") for k in range(1, 5)]
    )
    gemeente = forms.TypedChoiceField(label=_("Gemeente"), coerce=int)

    def __init__(self, data=None, *, gemeenten):
        self.gemeenten = {g.pk: g for g in gemeenten}
        if data is None or not data:
            jaar, kwartaal = vorig_kwartaal(timezone.localdate())
            eerste = next(iter(self.gemeenten), "")
            data = {"jaar": jaar, "kwartaal": kwartaal, "gemeente": eerste}
        super().__init__(data)
        self.fields["gemeente"].choices = [(g.pk, g.naam) for g in self.gemeenten.values()]

    def clean(self):
        data = super().clean()
        jaar, kwartaal = data.get("jaar"), data.get("kwartaal")
        vandaag = timezone.localdate()
        if jaar and kwartaal and (jaar, kwartaal) > (vandaag.year, (vandaag.month - 1) // 3 + 1):
            raise forms.ValidationError(_("Dit kwartaal ligt in de toekomst."))
        return data

    def gekozen_gemeente(self):
        return self.gemeenten[self.cleaned_data["gemeente"]]


class TaakstellingForm(NLDesignFormMixin, forms.Form):
    """The taakstelling of one gemeente (within the user's scope) for one half year."""

    gemeente = forms.TypedChoiceField(label=_("Gemeente"), coerce=int)
    jaar = forms.IntegerField(label=_("Jaar"), min_value=2022, max_value=2100)
    halfjaar = forms.TypedChoiceField(
        label=_("Halfjaar"),
        coerce=int,
        choices=[(1, _("eerste halfjaar")), (2, _("tweede halfjaar"))],
    )
    aantal = forms.IntegerField(
        label=_("Aantal te huisvesten vergunninghouders"), min_value=0, max_value=100_000
    )

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].choices = [
            (g.pk, g.naam) for g in sorted(gemeenten, key=lambda g: g.naam.lower())
        ]


class RapportageForm(NLDesignFormMixin, forms.Form):
    """Which report to make: gemeente (within scope), year and quarter (none: the year)."""

    gemeente = forms.TypedChoiceField(label=_("Gemeente"), coerce=int)
    jaar = forms.IntegerField(label=_("Jaar"), min_value=2022, max_value=2100)
    kwartaal = forms.TypedChoiceField(
        label=_("Periode"),
        coerce=int,
        choices=[(k, f"K{k}") for k in range(1, 5)] + [(0, _("Heel jaar"))],
    )

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].choices = [
            (g.pk, g.naam) for g in sorted(gemeenten, key=lambda g: g.naam.lower())
        ]

    def clean(self):
        data = super().clean()
        jaar, kwartaal = data.get("jaar"), data.get("kwartaal")
        if jaar is not None and kwartaal is not None:
            from .rapportage import Periode

            if Periode(jaar, kwartaal).einde >= timezone.localdate():
                raise forms.ValidationError(_("Deze periode is nog niet voorbij."))
        return data


class RapportageTekstForm(NLDesignFormMixin, forms.Form):
    tekst = forms.CharField(
        label=_("Toelichting van de gemeente"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Verschijnt boven de cijfers in de rapportage (pagina en PDF)."),
    )

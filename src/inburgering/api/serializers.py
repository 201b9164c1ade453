"""What the API reads and writes, in camelCase (NL API Design Rules). Read serializers carry
every field a kind might see; `views` leaves out the groups the caller's kind may not see
(`partners/toegang.py`), so the spec marks those groups optional."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from inburgering.examens.models import Onderdeel
from inburgering.ontzorgen.models import Betalingstatus, Kostensoort
from inburgering.partners.models import Grond
from inburgering.traject.models import Periodesoort, PlaatsingStatus, Productsoort

# --- read -----------------------------------------------------------------------------------


class PersoonSerializer(serializers.Serializer):
    voornamen = serializers.CharField()
    voorvoegsel = serializers.CharField()
    achternaam = serializers.CharField()
    geboortejaar = serializers.IntegerField(allow_null=True)


class AdresSerializer(serializers.Serializer):
    straat = serializers.CharField()
    postcode = serializers.CharField()
    plaats = serializers.CharField()


class ContactSerializer(serializers.Serializer):
    telefoon = serializers.CharField()
    email = serializers.CharField()
    adres = AdresSerializer()


class TaalSerializer(serializers.Serializer):
    talen = serializers.ListField(child=serializers.CharField())
    voorkeurstaal = serializers.CharField()
    tolkNodig = serializers.BooleanField()


class ConsulentSerializer(serializers.Serializer):
    naam = serializers.CharField()
    email = serializers.CharField()


class RouteSerializer(serializers.Serializer):
    leerroute = serializers.CharField()
    fase = serializers.CharField()
    pipDagtekening = serializers.DateField(allow_null=True)


class GemeenteSerializer(serializers.Serializer):
    naam = serializers.CharField()
    cbsCode = serializers.CharField()


class BetrokkenheidSerializer(serializers.Serializer):
    grond = serializers.ChoiceField(choices=Grond.choices)
    begin = serializers.DateField()
    einde = serializers.DateField(allow_null=True)


_ALLEEN = _("Alleen als de soort van uw organisatie dit mag zien.")


class DossierSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text=_("Het id van het dossier (geen BSN)."))
    gemeente = GemeenteSerializer()
    betrokkenheden = BetrokkenheidSerializer(many=True)
    persoon = PersoonSerializer(required=False, help_text=_ALLEEN)
    contact = ContactSerializer(required=False, help_text=_ALLEEN)
    taal = TaalSerializer(required=False, help_text=_ALLEEN)
    consulent = ConsulentSerializer(required=False, allow_null=True, help_text=_ALLEEN)
    route = RouteSerializer(required=False, help_text=_ALLEEN)


class ProductSerializer(serializers.Serializer):
    naam = serializers.CharField()
    soort = serializers.ChoiceField(choices=Productsoort.choices)


class UrenregelSerializer(serializers.Serializer):
    periodesoort = serializers.ChoiceField(choices=Periodesoort.choices)
    periodeBegin = serializers.DateField()
    periodeEinde = serializers.DateField()
    aangeboden = serializers.FloatField()
    aanwezig = serializers.FloatField()
    correctie = serializers.BooleanField()


class PlaatsingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    dossier = serializers.UUIDField(help_text=_("Het id van het dossier."))
    status = serializers.ChoiceField(choices=PlaatsingStatus.choices)
    contract = serializers.CharField(help_text=_("Kenmerk van het contract met de gemeente."))
    product = ProductSerializer()
    aangemeldOp = serializers.DateField()
    verwachteStart = serializers.DateField(allow_null=True)
    verwachtEinde = serializers.DateField(allow_null=True)
    intakeOp = serializers.DateField(allow_null=True)
    gestartOp = serializers.DateField(allow_null=True)
    beeindigdOp = serializers.DateField(allow_null=True)
    urenPerWeek = serializers.IntegerField(allow_null=True)
    persoon = PersoonSerializer(required=False, help_text=_ALLEEN)


class PlaatsingDetailSerializer(PlaatsingSerializer):
    uren = UrenregelSerializer(
        many=True, help_text=_("De geldende uren per periode (een correctie vervangt).")
    )


MAAND = r"^\d{4}-(0[1-9]|1[0-2])$"
_ALLEEN_BETALING = _(
    "Alleen voor een organisatie die begunstigden, IBAN en bedragen mag zien (budgetbeheer)."
)


class VasteLastSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(choices=Kostensoort.choices)
    status = serializers.ChoiceField(
        choices=Betalingstatus.choices,
        allow_null=True,
        help_text=_("De status van de nieuwste betaling; null als er nog niets betaald is."),
    )
    laatsteMaand = serializers.RegexField(
        MAAND, allow_null=True, help_text=_("De maand van de nieuwste betaling: JJJJ-MM.")
    )
    betaaldTot = serializers.RegexField(
        MAAND, allow_null=True, help_text=_("De laatste maand die betaald is: JJJJ-MM.")
    )
    wachtOpGoedkeuring = serializers.BooleanField(
        help_text=_("Een gewijzigde begunstigde wacht op goedkeuring door een tweede medewerker.")
    )
    begunstigde = serializers.CharField(required=False, help_text=_ALLEEN_BETALING)
    iban = serializers.CharField(required=False, help_text=_ALLEEN_BETALING)
    bedragCent = serializers.IntegerField(
        required=False, help_text=_("Bedrag per maand in eurocent; alleen voor budgetbeheer.")
    )
    reden = serializers.CharField(
        required=False,
        help_text=_(
            "Waarom de bank de nieuwste betaling weigerde (of leeg); alleen voor budgetbeheer."
        ),
    )


class OntzorgingSerializer(serializers.Serializer):
    dossier = serializers.UUIDField(help_text=_("Het id van het dossier (geen BSN)."))
    persoon = PersoonSerializer(required=False, help_text=_ALLEEN)
    loopt = serializers.BooleanField(help_text=_("Of ontzorgen vandaag loopt."))
    aanvang = serializers.DateField(help_text=_("Recht op bijstand vanaf."))
    einde = serializers.DateField(help_text=_("Laatste dag van de zes maanden."))
    vrijwilligTot = serializers.DateField(allow_null=True)
    beeindigdOp = serializers.DateField(allow_null=True)
    toeslagenOntvangen = serializers.DateField(allow_null=True)
    lasten = VasteLastSerializer(many=True)


# --- write ----------------------------------------------------------------------------------

UREN = {"max_digits": 6, "decimal_places": 2, "min_value": 0, "max_value": 9999}


class UrenInvoerSerializer(serializers.Serializer):
    """One period of one placement. The request is checked by `services.lees_uren` (fast, for
    10,000 records); this serializer documents the same shape in the spec."""

    plaatsing = serializers.IntegerField(min_value=1, max_value=2**62)
    periodesoort = serializers.ChoiceField(choices=Periodesoort.choices)
    periodeBegin = serializers.DateField(
        help_text=_("Eerste dag van de week, of een dag in de maand (wordt de 1e).")
    )
    aangeboden = serializers.FloatField(min_value=0, max_value=9999)
    aanwezig = serializers.FloatField(min_value=0, max_value=9999)
    correctie = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("Verplicht true om een al gemelde periode te vervangen."),
    )


class UrenBulkSerializer(serializers.Serializer):
    uren = UrenInvoerSerializer(many=True, min_length=1, max_length=settings.API_MAX_UREN)


class UrenResultaatSerializer(serializers.Serializer):
    aantal = serializers.IntegerField()
    plaatsingen = serializers.ListField(child=serializers.IntegerField())


INTAKE_RESULTATEN = [
    ("geschikt", _("Geschikt; start volgt")),
    ("wachtlijst", _("Geschikt; op de wachtlijst")),
    ("niet_geschikt", _("Niet geschikt voor dit product")),
]
NIVEAUS = ["A0", "A1", "A2", "B1", "B2", "C1"]


class NiveausSerializer(serializers.Serializer):
    lezen = serializers.ChoiceField(choices=NIVEAUS, required=False)
    luisteren = serializers.ChoiceField(choices=NIVEAUS, required=False)
    schrijven = serializers.ChoiceField(choices=NIVEAUS, required=False)
    spreken = serializers.ChoiceField(choices=NIVEAUS, required=False)


class IntakeresultaatSerializer(serializers.Serializer):
    intakeOp = serializers.DateField()
    resultaat = serializers.ChoiceField(choices=INTAKE_RESULTATEN)
    niveaus = NiveausSerializer(required=False)
    verwachteStart = serializers.DateField(required=False, allow_null=True)


class ExamenintentieSerializer(serializers.Serializer):
    onderdelen = serializers.ListField(
        child=serializers.ChoiceField(choices=Onderdeel.choices), min_length=1, max_length=5
    )
    beoogdeMaand = serializers.RegexField(
        r"^20\d\d-(0[1-9]|1[0-2])$", help_text=_("Maand waarin het examen is beoogd: JJJJ-MM.")
    )


MB_SOORTEN = [
    ("voortgang", _("Voortgangsrapportage")),
    ("eind", _("Eindrapportage")),
]


class MbRapportageSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(choices=MB_SOORTEN)
    periodeBegin = serializers.DateField()
    periodeEinde = serializers.DateField()
    contactmomenten = serializers.IntegerField(min_value=0, max_value=1000)
    samenvatting = serializers.CharField(max_length=4000, allow_blank=True, required=False)

    def validate(self, attrs):
        if attrs["periodeEinde"] < attrs["periodeBegin"]:
            raise serializers.ValidationError(
                {"periodeEinde": _("Het einde van de periode ligt vóór het begin.")}
            )
        return attrs


class CoaContactpersoonSerializer(serializers.Serializer):
    naam = serializers.CharField(max_length=200)
    telefoon = serializers.CharField(max_length=20, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)


class CoaOverdrachtSerializer(serializers.Serializer):
    overdrachtOp = serializers.DateField()
    azc = serializers.CharField(max_length=200, help_text=_("De opvanglocatie."))
    opleiding = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    werkervaring = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    taalvoortgang = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    bijzonderheden = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    contactpersoon = CoaContactpersoonSerializer()


class GebeurtenisSerializer(serializers.Serializer):
    """What a report became: the event on the dossier."""

    id = serializers.IntegerField()
    dossier = serializers.UUIDField()
    soort = serializers.CharField()
    datum = serializers.DateField()


class InvalidParamSerializer(serializers.Serializer):
    name = serializers.CharField()
    code = serializers.CharField()
    reason = serializers.CharField()


class ProbleemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.CharField()
    code = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField(required=False)
    invalidParams = InvalidParamSerializer(many=True, required=False)


class _Pagina(serializers.Serializer):
    count = serializers.IntegerField(help_text=_("Het totale aantal."))
    next = serializers.URLField(allow_null=True, help_text=_("De volgende pagina."))
    previous = serializers.URLField(allow_null=True, help_text=_("De vorige pagina."))


class DossierPaginaSerializer(_Pagina):
    results = DossierSerializer(many=True)


class PlaatsingPaginaSerializer(_Pagina):
    results = PlaatsingSerializer(many=True)


class OntzorgingPaginaSerializer(_Pagina):
    results = OntzorgingSerializer(many=True)

"""Phases of a dossier, the event types, and the one explicit table of allowed transitions.

The phase is never stored by hand: it is derived by folding the event log through this table
(`toestand.py`). An event either moves the dossier to a new phase, or records a fact while the
phase stays (for instance a BRP registration that is recorded after the intake already started).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OngeldigeGebeurtenis(ValueError):
    """The event does not fit the dossier's history; the message is Dutch and meant for the user.

    Raised by the fold (`toestand`), the payload check (`gebeurtenissen`) and the services."""


class Fase(models.TextChoices):
    GESIGNALEERD = "gesignaleerd", _("Gesignaleerd")
    GEKOPPELD = "gekoppeld", _("Gekoppeld (nog in azc)")
    GEHUISVEST = "gehuisvest", _("Gehuisvest")
    BREDE_INTAKE = "brede_intake", _("Brede intake")
    PIP_IN_VOORBEREIDING = "pip_in_voorbereiding", _("PIP in voorbereiding")
    PIP_VASTGESTELD = "pip_vastgesteld", _("PIP vastgesteld")
    WACHT_OP_START = "wacht_op_start", _("Wacht op start leerroute")
    IN_LEERROUTE = "in_leerroute", _("In leerroute")
    AFGEROND = "afgerond", _("Afgerond")


#: Phases in the order a dossier normally passes them (used for funnels and sorting).
FASE_VOLGORDE = list(Fase)
OPEN_FASEN = [fase for fase in Fase if fase != Fase.AFGEROND]


class Afsluitreden(models.TextChoices):
    VOLDAAN = "voldaan", _("Voldaan aan de inburgeringsplicht")
    VRIJSTELLING = "vrijstelling", _("Vrijstelling")
    ONTHEFFING = "ontheffing", _("Ontheffing")
    VERHUISD = "verhuisd", _("Verhuisd naar andere gemeente")
    VERTROKKEN = "vertrokken", _("Vertrokken uit Nederland")
    OVERLEDEN = "overleden", _("Overleden")
    PLICHT_VERVALLEN = "plicht_vervallen", _("Inburgeringsplicht vervallen of ingetrokken")
    TIJDELIJKE_VRIJSTELLING = "tijdelijke_vrijstelling", _("Tijdelijke vrijstelling")
    TERMIJN_VERSTREKEN = "termijn_verstreken", _("Inburgeringstermijn verstreken")
    # uitkomsten (issue 23): stopped with the route before the plicht was met (monitoring)
    UITVAL = "uitval", _("Uitgevallen (gestopt met de leerroute)")


class Soort(models.TextChoices):
    """Event types. The value is stored in the log; never rename a value once released."""

    SIGNAAL_ONTVANGEN = "signaal_ontvangen", _("Kennisgeving inburgeringsplicht ontvangen")
    COA_KOPPELING = "coa_koppeling", _("Gekoppeld door COA")
    HUISVESTING = "huisvesting", _("Ingeschreven in BRP (gehuisvest)")
    INTAKE_GESTART = "intake_gestart", _("Brede intake gestart")
    INTAKE_AFGEROND = "intake_afgerond", _("Brede intake afgerond")
    PIP_VASTGESTELD = "pip_vastgesteld", _("PIP vastgesteld")
    AANGEMELD_LEERROUTE = "aangemeld_leerroute", _("Aangemeld bij cursusinstelling")
    LEERROUTE_GESTART = "leerroute_gestart", _("Leerroute gestart")
    DOSSIER_AFGESLOTEN = "dossier_afgesloten", _("Dossier afgesloten")
    DOELGROEP_VASTGESTELD = "doelgroep_vastgesteld", _("Doelgroep vastgesteld")
    CONSULENT_TOEGEWEZEN = "consulent_toegewezen", _("Consulent toegewezen")
    LBT_AFGENOMEN = "lbt_afgenomen", _("Leerbaarheidstoets afgenomen")
    CONTACT = "contact", _("Contactmoment")
    NOTITIE = "notitie", _("Notitie")
    INTREKKING = "intrekking", _("Eerdere registratie ingetrokken")
    VESTIGING_NA_VERHUIZING = "vestiging_na_verhuizing", _("Gevestigd in gemeente na verhuizing")
    TERMIJN_DUO = "termijn_duo", _("Inburgeringstermijn volgens DUO")
    LBT_AANGEMELD = "lbt_aangemeld", _("Aangemeld voor de leerbaarheidstoets")
    EXAMENRESULTAAT = "examenresultaat", _("Examenresultaat bekend")
    WARME_OVERDRACHT = "warme_overdracht", _("Warme overdracht (driegesprek)")
    OPROEP_INTAKE = "oproep_intake", _("Oproep brede intake verstuurd")
    OPROEP_NIET_GEVOLGD = "oproep_niet_gevolgd", _("Niet verschenen of niet meegewerkt")
    WAARSCHUWING = "waarschuwing", _("Schriftelijke waarschuwing verstuurd")
    BOETE_VOORGESTELD = "boete_voorgesteld", _("Boete voorgesteld")
    INTAKE_ZONDER_PERSOON = "intake_zonder_persoon", _("Brede intake voltooid zonder betrokkene")
    WACHT_OP = "wacht_op", _("Wacht op")
    WACHTEN_BEEINDIGD = "wachten_beeindigd", _("Wachten beëindigd")
    PIP_STAP = "pip_stap", _("PIP bijgewerkt")
    LBT_ONTHEFFING = "lbt_ontheffing", _("Ontheffing leerbaarheidstoets verleend")
    PARTICIPATIE_GEMETEN = "participatie_gemeten", _("Participatie gemeten")
    KOSTEN_GEREGISTREERD = "kosten_geregistreerd", _("Kosten geregistreerd")
    DUALE_ACTIVITEIT_GESTART = "duale_activiteit_gestart", _("Duale activiteit gestart")
    DUALE_ACTIVITEIT_BEEINDIGD = "duale_activiteit_beeindigd", _("Duale activiteit beëindigd")
    DUBBELE_INSCHRIJVING = "dubbele_inschrijving", _("Ook ingeschreven door een andere gemeente")
    DUO_ATTENTIESIGNAAL = "duo_attentiesignaal", _("Attentiesignaal van DUO")
    DUO_BESLUIT = "duo_besluit", _("Besluit van DUO op een verzoek")
    EXAMEN_BETAALD = "examen_betaald", _("Examenpoging betaald door de gemeente")
    SIGNAAL_AFGEHANDELD = "signaal_afgehandeld", _("Signaal afgehandeld")
    BRIEF_VERZONDEN = "brief_verzonden", _("Brief verzonden")
    PERSOONSGEGEVENS_GEWIJZIGD = "persoonsgegevens_gewijzigd", _("Persoonsgegevens gewijzigd")
    PLAATSING = "plaatsing", _("Plaatsing bij cursusinstelling bijgewerkt")
    # termijn
    VERLENGING_AANGEVRAAGD = (
        "verlenging_aangevraagd",
        _("Verlenging inburgeringstermijn aangevraagd"),
    )
    VERLENGING_BESLUIT = "verlenging_besluit", _("Besluit van DUO over verlenging van de termijn")
    ONTHEFFINGSADVIES = "ontheffingsadvies", _("Advies aan DUO over ontheffing")
    TERMIJN_EINDSTAND = "termijn_eindstand", _("Stand bij het einde van de termijn")
    # /termijn
    # handhaving
    HANDHAVING_SIGNAAL = "handhaving_signaal", _("Handhaving: overtreding gesignaleerd")
    HANDHAVING_BEOORDELING = "handhaving_beoordeling", _("Handhaving: individuele beoordeling")
    HANDHAVING_VOORNEMEN = "handhaving_voornemen", _("Handhaving: voornemen boete verstuurd")
    HANDHAVING_ZIENSWIJZE = "handhaving_zienswijze", _("Handhaving: zienswijze ontvangen")
    HANDHAVING_BESCHIKKING = "handhaving_beschikking", _("Handhaving: boete opgelegd")
    HANDHAVING_GEEN_BOETE = "handhaving_geen_boete", _("Handhaving: geen boete")
    HANDHAVING_RECHTSMIDDEL = "handhaving_rechtsmiddel", _("Handhaving: bezwaar of beroep beslist")
    HANDHAVING_INVORDERING = "handhaving_invordering", _("Handhaving: naar invordering")
    HANDHAVING_AFGEDAAN = "handhaving_afgedaan", _("Handhaving: boete betaald of kwijtgescholden")
    # partners
    PARTNER_VOORTGANG = "partner_voortgang", _("Voortgang gemeld door ketenpartner")
    CLIENTPROFIEL_COA = "clientprofiel_coa", _("Cliëntprofiel overgedragen door het COA")
    EXAMENWENS = "examenwens", _("Examenwens gemeld door de taalaanbieder")
    # end partners
    # portaal
    AFSPRAAK_BEVESTIGD = "afspraak_bevestigd", _("Afspraak bevestigd door de inburgeraar")
    VERZETTEN_GEVRAAGD = "verzetten_gevraagd", _("Inburgeraar vraagt de afspraak te verzetten")
    MEELEZEN_GEWEIGERD = "meelezen_geweigerd", _("Inburgeraar wil niet dat ouders meelezen")
    MEELEZEN_TOEGESTAAN = "meelezen_toegestaan", _("Inburgeraar laat ouders weer meelezen")
    # /portaal
    # ontzorgen
    ONTZORGEN_GESTART = "ontzorgen_gestart", _("Financieel ontzorgen gestart")
    ONTZORGEN_VASTE_LAST = "ontzorgen_vaste_last", _("Vaste last voor ontzorgen bijgewerkt")
    ONTZORGEN_BETALING = "ontzorgen_betaling", _("Betaling ontzorgen bijgewerkt")
    ONTZORGEN_BEEINDIGD = "ontzorgen_beeindigd", _("Financieel ontzorgen beëindigd")
    BEGELEIDING_GESTART = "begeleiding_gestart", _("Maatschappelijke begeleiding gestart")
    BEGELEIDING_BEEINDIGD = "begeleiding_beeindigd", _("Maatschappelijke begeleiding beëindigd")
    # end ontzorgen
    # verhuizing
    OVERDRACHT_VERZONDEN = "overdracht_verzonden", _("Dossier overgedragen aan nieuwe gemeente")
    OVERDRACHT_ONTVANGEN = "overdracht_ontvangen", _("Dossier overgedragen vanuit vorige gemeente")
    # end verhuizing
    # api
    INTAKERESULTAAT_AANBIEDER = "intakeresultaat_aanbieder", _("Intakeresultaat van de aanbieder")
    # end api


class WachtOp(models.TextChoices):
    PERSOON = "persoon", _("de inburgeraar")
    SCHOOL = "school", _("de cursusinstelling")
    COA = "coa", _("het COA")
    DERDE = "derde", _("informatie van een derde (PIP-termijn opgeschort)")
    KINDEROPVANG = "kinderopvang", _("kinderopvang")


F = Fase
S = Soort

#: Events that never change the phase and may be recorded in any phase once the dossier exists.
FEITEN = frozenset(
    {
        S.DOELGROEP_VASTGESTELD,
        S.CONSULENT_TOEGEWEZEN,
        S.LBT_AANGEMELD,
        S.LBT_AFGENOMEN,
        S.CONTACT,
        S.NOTITIE,
        S.TERMIJN_DUO,
        S.EXAMENRESULTAAT,
        S.WARME_OVERDRACHT,
        S.OPROEP_INTAKE,
        S.OPROEP_NIET_GEVOLGD,
        S.WAARSCHUWING,
        S.BOETE_VOORGESTELD,
        S.WACHT_OP,
        S.WACHTEN_BEEINDIGD,
        S.PIP_STAP,
        S.LBT_ONTHEFFING,
        S.PARTICIPATIE_GEMETEN,
        S.KOSTEN_GEREGISTREERD,
        S.DUALE_ACTIVITEIT_GESTART,
        S.DUALE_ACTIVITEIT_BEEINDIGD,
        S.DUBBELE_INSCHRIJVING,
        S.DUO_ATTENTIESIGNAAL,
        S.DUO_BESLUIT,
        S.EXAMEN_BETAALD,
        S.SIGNAAL_AFGEHANDELD,
        S.BRIEF_VERZONDEN,
        S.PERSOONSGEGEVENS_GEWIJZIGD,
        S.PLAATSING,
        # termijn
        S.VERLENGING_AANGEVRAAGD,
        S.VERLENGING_BESLUIT,
        S.ONTHEFFINGSADVIES,
        S.TERMIJN_EINDSTAND,
        # /termijn
        # handhaving
        S.HANDHAVING_SIGNAAL,
        S.HANDHAVING_BEOORDELING,
        S.HANDHAVING_VOORNEMEN,
        S.HANDHAVING_ZIENSWIJZE,
        S.HANDHAVING_BESCHIKKING,
        S.HANDHAVING_GEEN_BOETE,
        S.HANDHAVING_RECHTSMIDDEL,
        S.HANDHAVING_INVORDERING,
        S.HANDHAVING_AFGEDAAN,
        # partners
        S.PARTNER_VOORTGANG,
        S.CLIENTPROFIEL_COA,
        S.EXAMENWENS,
        # end partners
        # portaal
        S.AFSPRAAK_BEVESTIGD,
        S.VERZETTEN_GEVRAAGD,
        S.MEELEZEN_GEWEIGERD,
        S.MEELEZEN_TOEGESTAAN,
        # ontzorgen
        S.ONTZORGEN_GESTART,
        S.ONTZORGEN_VASTE_LAST,
        S.ONTZORGEN_BETALING,
        S.ONTZORGEN_BEEINDIGD,
        S.BEGELEIDING_GESTART,
        S.BEGELEIDING_BEEINDIGD,
        # end ontzorgen
        # verhuizing
        S.OVERDRACHT_VERZONDEN,
        S.OVERDRACHT_ONTVANGEN,
        # api
        S.INTAKERESULTAAT_AANBIEDER,
        # end api
    }
)

_NA_KOPPELING = [
    F.GEHUISVEST,
    F.BREDE_INTAKE,
    F.PIP_IN_VOORBEREIDING,
    F.PIP_VASTGESTELD,
    F.WACHT_OP_START,
    F.IN_LEERROUTE,
]

#: (current phase, event) -> next phase. A pair not in this table is not allowed.
#: `None` is a dossier without events yet.
TRANSITIES: dict[tuple[Fase | None, Soort], Fase] = {
    # First signal: DUO's kennisgeving, COA's koppeling, or (migrated data) a BRP registration.
    (None, S.SIGNAAL_ONTVANGEN): F.GESIGNALEERD,
    (None, S.COA_KOPPELING): F.GEKOPPELD,
    (None, S.HUISVESTING): F.GEHUISVEST,
    # A move from another gemeente (DUO SS120 without, SS121 with a PIP of the old gemeente).
    (None, S.VESTIGING_NA_VERHUIZING): F.GEHUISVEST,
    (F.GESIGNALEERD, S.COA_KOPPELING): F.GEKOPPELD,
    (F.GESIGNALEERD, S.HUISVESTING): F.GEHUISVEST,
    (F.GESIGNALEERD, S.INTAKE_GESTART): F.BREDE_INTAKE,
    (F.GEKOPPELD, S.HUISVESTING): F.GEHUISVEST,
    (F.GEKOPPELD, S.INTAKE_GESTART): F.BREDE_INTAKE,  # early start while still in the azc
    (F.GEHUISVEST, S.INTAKE_GESTART): F.BREDE_INTAKE,
    (F.BREDE_INTAKE, S.INTAKE_AFGEROND): F.PIP_IN_VOORBEREIDING,
    # Wi art. 14 lid 2: after three summonses the college completes the intake without them.
    (F.GESIGNALEERD, S.INTAKE_ZONDER_PERSOON): F.PIP_IN_VOORBEREIDING,
    (F.GEKOPPELD, S.INTAKE_ZONDER_PERSOON): F.PIP_IN_VOORBEREIDING,
    (F.GEHUISVEST, S.INTAKE_ZONDER_PERSOON): F.PIP_IN_VOORBEREIDING,
    (F.BREDE_INTAKE, S.INTAKE_ZONDER_PERSOON): F.PIP_IN_VOORBEREIDING,
    (F.PIP_IN_VOORBEREIDING, S.INTAKE_GESTART): F.BREDE_INTAKE,  # an extra intake session
    (F.PIP_IN_VOORBEREIDING, S.PIP_VASTGESTELD): F.PIP_VASTGESTELD,
    (F.PIP_VASTGESTELD, S.AANGEMELD_LEERROUTE): F.WACHT_OP_START,
    (F.PIP_VASTGESTELD, S.LEERROUTE_GESTART): F.IN_LEERROUTE,
    (F.WACHT_OP_START, S.LEERROUTE_GESTART): F.IN_LEERROUTE,
    # A new PIP version (schakelen, afschalen) keeps the dossier where it is.
    (F.PIP_VASTGESTELD, S.PIP_VASTGESTELD): F.PIP_VASTGESTELD,
    (F.WACHT_OP_START, S.PIP_VASTGESTELD): F.WACHT_OP_START,
    (F.IN_LEERROUTE, S.PIP_VASTGESTELD): F.IN_LEERROUTE,
}
# Facts that arrive late keep the phase: DUO's kennisgeving after the COA koppeling, a BRP
# registration recorded after the intake started, a koppeling recorded after housing.
for _fase in [F.GEKOPPELD, *_NA_KOPPELING]:
    TRANSITIES[(_fase, S.SIGNAAL_ONTVANGEN)] = _fase
for _fase in _NA_KOPPELING:
    TRANSITIES[(_fase, S.COA_KOPPELING)] = _fase
for _fase in _NA_KOPPELING[1:]:
    TRANSITIES[(_fase, S.HUISVESTING)] = _fase
# Any open dossier can be closed (voldaan, vrijstelling, verhuisd, ...).
for _fase in OPEN_FASEN:
    TRANSITIES[(_fase, S.DOSSIER_AFGESLOTEN)] = F.AFGEROND


def volgende_fase(huidige: Fase | None, soort: Soort) -> Fase | None:
    """The phase after `soort` happens in `huidige`, or None when the table does not allow it."""
    if soort in FEITEN:
        return huidige if huidige is not None else None
    return TRANSITIES.get((huidige, soort))


def toegestane_events(huidige: Fase | None) -> list[Soort]:
    """Event types a user may record now, for menus and for error messages."""
    allowed = [soort for (fase, soort) in TRANSITIES if fase == huidige]
    if huidige is not None:
        allowed.extend(FEITEN)
    return sorted(set(allowed), key=list(Soort).index)

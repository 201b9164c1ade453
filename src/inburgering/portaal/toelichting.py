"""A plain-language explanation of each letter, in the person's language, next to the Dutch
letter (issue 19 item 3, docs/adr/0031). The Dutch letter stays the legally binding text; this
says what the letter is, what it means, what to do, by when, and how to disagree.

Per letter kind one set of sentences from the portal's catalogues, filled only with the
letter's own facts (the period of a summons, the zienswijze's last day, the bezwaar term of a
beschikking), which the portal shows anyway: no name, address, amount or free text. The
letters come from every app that writes them (`brieven.verzonden`, docs/adr/0038).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.formats import date_format, iter_format_modules
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from inburgering.brieven.verzonden import (
    BOETE_BESCHIKKING,
    BOETE_VOORNEMEN,
    PIP_BESCHIKKING,
    Verzondenbrief,
)
from inburgering.intake.models import Briefsoort
from inburgering.pip.services import BEZWAARTERMIJN_WEKEN


@dataclass
class Toelichting:
    wat: str
    betekenis: str
    doen: str
    wanneer: list[str] = field(default_factory=list)
    oneens: str = ""


def _dag(datum: dt.date) -> str:
    return date_format(datum, "d-m-Y")


def datum_in_taal(datum: dt.date) -> str:
    """A date as the active language writes it ("7 december 2026", "7 ديسمبر، 2026"); for a
    language without its own date format in Django (Tigrinya, Somali) the numeric form, so no
    month name of another language appears."""
    taal = get_language() or "nl"
    if next(iter_format_modules(taal), None) is None:
        return _dag(datum)
    return date_format(datum, "DATE_FORMAT")


def _periode(periode: tuple[dt.date, dt.date] | None) -> list[str]:
    if periode is None:
        return [_("De datums staan in de brief.")]
    van, tot = periode
    return [
        _("Het gesprek moet tussen %(van)s en %(tot)s zijn.") % {"van": _dag(van), "tot": _dag(tot)}
    ]


def _reageren(laatste: dt.date | None) -> str:
    if laatste is None:
        return _("Bent u het niet eens? Vertel het de gemeente. De datum staat in de brief.")
    return _(
        "Bent u het niet eens? Vertel het de gemeente uiterlijk op %(datum)s. Dat mag "
        "in een brief of in een gesprek met uw contactpersoon."
    ) % {"datum": _dag(laatste)}


def bezwaar(dagtekening: dt.date) -> str:
    """How to object to a beschikking (Awb 6:4, 6:5, 6:7: six weeks after the day the decision
    was sent; the same term the Dutch decision states)."""
    laatste = dagtekening + dt.timedelta(weeks=BEZWAARTERMIJN_WEKEN)
    return _(
        "Bent u het niet eens met dit besluit? Dan kunt u bezwaar maken. Schrijf een brief aan "
        "de gemeente: uw naam, de datum, waarom u het niet eens bent en uw handtekening. "
        "De gemeente moet uw brief uiterlijk op %(datum)s hebben."
    ) % {"datum": _dag(laatste)}


def toelichting(brief: Verzondenbrief) -> Toelichting:
    """The explanation of one letter that went out, in the active language."""
    periode = brief.periode
    if brief.soort == Briefsoort.UITNODIGING_INTAKE:
        return Toelichting(
            wat=_("Dit is een uitnodiging voor de brede intake: een gesprek over uw inburgering."),
            betekenis=_(
                "U moet inburgeren. In het gesprek praat u over school, werk, gezondheid en wat "
                "u wilt leren. Komt u niet? Dan krijgt u een waarschuwing en later misschien "
                "een boete."
            ),
            doen=_("Maak een afspraak met uw contactpersoon."),
            wanneer=_periode(periode),
        )
    if brief.soort == Briefsoort.WAARSCHUWING:
        return Toelichting(
            wat=_(
                "Dit is een waarschuwing. U bent niet gekomen voor de brede intake, of u heeft "
                "niet meegewerkt."
            ),
            betekenis=_("Komt u weer niet? Dan kunt u een boete krijgen."),
            doen=_("Maak een nieuwe afspraak met uw contactpersoon."),
            wanneer=_periode(periode),
        )
    if brief.soort == Briefsoort.BOETEVOORNEMEN:
        return Toelichting(
            wat=_("In deze brief staat dat de gemeente u een boete wil geven."),
            betekenis=_(
                "Dit is nog geen besluit. Eerst mag u zeggen wat u ervan vindt. U krijgt nog "
                "één kans om naar het gesprek te komen."
            ),
            doen=_("Maak een afspraak met uw contactpersoon."),
            wanneer=_periode(periode),
            oneens=_reageren(brief.reageren_tot),
        )
    if brief.soort == Briefsoort.HERINNERING_AFSPRAAK:
        return Toelichting(
            wat=_("Dit is een herinnering aan een afspraak met de gemeente."),
            betekenis=_("Wanneer en waar de afspraak is, staat in de brief en bij Afspraken."),
            doen=_("Kom naar de afspraak. Kunt u niet? Bel dan snel uw contactpersoon."),
        )
    if brief.soort == Briefsoort.INTAKE_ZONDER_PERSOON:
        return Toelichting(
            wat=_("In deze brief staat dat de gemeente de brede intake zonder u heeft afgerond."),
            betekenis=_("U bent drie keer niet gekomen. De gemeente maakt nu zelf uw plan (PIP)."),
            doen=_("U hoeft nu niets te doen. U krijgt uw plan van de gemeente."),
        )
    if brief.soort == PIP_BESCHIKKING:
        return Toelichting(
            wat=_("Dit is het besluit over uw plan (PIP)."),
            betekenis=_(
                "In uw plan staat hoe u inburgert: uw route, uw lessen en de hulp die u "
                "krijgt. U moet doen wat in het plan staat."
            )
            if not brief.vervangen
            else _("Dit plan geldt niet meer. Er is een nieuwer plan."),
            doen=_("Ga naar uw lessen. Bent u ziek? Meld het dan bij de school.")
            if not brief.vervangen
            else _("Lees het nieuwe plan."),
            oneens=bezwaar(brief.datum),
        )
    if brief.soort == BOETE_VOORNEMEN:
        return Toelichting(
            wat=_("In deze brief staat dat de gemeente u een boete wil geven."),
            betekenis=_(
                "Dit is nog geen besluit. Eerst mag u zeggen wat u ervan vindt. In de brief "
                "staat waarom de gemeente dit wil en hoe hoog de boete is."
            ),
            doen=_(
                "Lees de brief. Is uw uitkering al lager gemaakt om dezelfde reden? Zeg het "
                "dan tegen de gemeente."
            ),
            oneens=_reageren(brief.reageren_tot),
        )
    if brief.soort == BOETE_BESCHIKKING:
        return Toelichting(
            wat=_("Dit is een besluit: u krijgt een boete."),
            betekenis=_(
                "In de brief staat waarom u de boete krijgt en hoe hoog hij is. U krijgt een "
                "aparte rekening om te betalen."
            ),
            doen=_("Kunt u niet in één keer betalen? Neem dan contact op met de gemeente."),
            oneens=bezwaar(brief.datum),
        )
    return Toelichting(
        wat=_("Dit is een brief van de gemeente over uw inburgering."),
        betekenis=_("Lees de brief. Vraag uw contactpersoon als u iets niet begrijpt."),
        doen=_("Heeft u een vraag? Bel of mail uw contactpersoon."),
    )

"""A plain-language explanation of each letter, in the person's language, next to the Dutch
letter (issue 19 item 3, docs/adr/0031). The Dutch letter stays the legally binding text; this
says what the letter is, what it means, what to do, by when, and how to disagree.

Per letter kind one set of sentences from the portal's catalogues, filled only with the
letter's own facts (the period of a summons, the zienswijze's last day), which the portal
shows anyway: no name, address, amount or free text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from inburgering.intake.models import Brief, Briefsoort
from inburgering.pip.services import BEZWAARTERMIJN_WEKEN
from inburgering.wet import zienswijzetermijn


@dataclass(frozen=True)
class Oproepperiode:
    """The period in which the person must make the appointment (from the summons event)."""

    van: dt.date
    tot: dt.date


@dataclass
class Toelichting:
    wat: str
    betekenis: str
    doen: str
    wanneer: list[str] = field(default_factory=list)
    oneens: str = ""


def _dag(datum: dt.date) -> str:
    return date_format(datum, "d-m-Y")


def _periode(periode: Oproepperiode | None) -> list[str]:
    if periode is None:
        return [_("De datums staan in de brief.")]
    return [
        _("Het gesprek moet tussen %(van)s en %(tot)s zijn.")
        % {"van": _dag(periode.van), "tot": _dag(periode.tot)}
    ]


def bezwaar(dagtekening: dt.date) -> str:
    """How to object to a beschikking (Awb 6:4, 6:5, 6:7: six weeks after the day the decision
    was sent; the same term the Dutch decision states)."""
    laatste = dagtekening + dt.timedelta(weeks=BEZWAARTERMIJN_WEKEN)
    return _(
        "Bent u het niet eens met dit besluit? Dan kunt u bezwaar maken. Schrijf een brief aan "
        "de gemeente: uw naam, de datum, waarom u het niet eens bent en uw handtekening. "
        "De gemeente moet uw brief uiterlijk op %(datum)s hebben."
    ) % {"datum": _dag(laatste)}


def toelichting(brief: Brief, verzonden: dt.date, periode: Oproepperiode | None) -> Toelichting:
    """The explanation of one sent letter, in the active language."""
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
        laatste = zienswijzetermijn(verzonden).waarde
        return Toelichting(
            wat=_("In deze brief staat dat de gemeente u een boete wil geven."),
            betekenis=_(
                "Dit is nog geen besluit. Eerst mag u zeggen wat u ervan vindt. U krijgt nog "
                "één kans om naar het gesprek te komen."
            ),
            doen=_("Maak een afspraak met uw contactpersoon."),
            wanneer=_periode(periode),
            oneens=_(
                "Bent u het niet eens? Vertel het de gemeente uiterlijk op %(datum)s. Dat mag "
                "in een brief of in een gesprek met uw contactpersoon."
            )
            % {"datum": _dag(laatste)},
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
    return Toelichting(
        wat=_("Dit is een brief van de gemeente over uw inburgering."),
        betekenis=_("Lees de brief. Vraag uw contactpersoon als u iets niet begrijpt."),
        doen=_("Heeft u een vraag? Bel of mail uw contactpersoon."),
    )

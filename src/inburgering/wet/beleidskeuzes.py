"""Explicit choices where the legal text is ambiguous.

Every rule that depends on one of these reads it from a ``Beleidskeuzes`` instance passed as
``opties``; ``STANDAARD`` holds the defaults. Each field documents the ambiguity and why the
default was chosen. docs/rules.md lists them (generated from this module).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class OntbrekendeDag(StrEnum):
    """What adding months/years does when the day does not exist (29 Feb, 31st)."""

    DOORSCHUIVEN = "doorschuiven"
    """Roll over to the first day of the next month: 29-02-2024 + 1 year = 01-03-2025."""
    AFKAPPEN = "afkappen"
    """Clip to the last day of the month: 29-02-2024 + 1 year = 28-02-2025."""


class Periodeeinde(StrEnum):
    """How the end of a period of months/years is expressed."""

    LAATSTE_DAG = "laatste_dag"
    """The last day inside the period: start + 3 years - 1 day (start 02-03-2022 -> 01-03-2025)."""
    VERVALDAG = "vervaldag"
    """The calendar anniversary of the start: start + 3 years (start 02-03-2022 -> 02-03-2025)."""


class Verhogingsmethode(StrEnum):
    """How the art. 23 fine is increased for repeat offences (Besluit 7.1 lid 3)."""

    AANTAL_EERDERE = "aantal_eerdere"
    """€50 doubled once for every earlier qualifying offence in the 12-month window."""
    VORIGE_BOETE = "vorige_boete"
    """Double the base amount of the most recent qualifying earlier fine in the window."""


@dataclass(frozen=True)
class Beleidskeuzes:
    """Interpretation choices; pass an instance as ``opties`` to override a default.

    Attributes:
        algemene_termijnenwet: Apply the Algemene termijnenwet (Atw) art. 1: a termijn that ends
            on a Saturday, Sunday or Atw holiday moves to the next day that is none of these.
            Atw art. 5 applies it to AMvB termijnen (Besluit 5.3) and Atw art. 4 onder a
            excludes termijnen of more than twelve weeks / three months / 90 days or in years,
            so it is only ever applied to the PIP deadlines (10 and 2 weeks) and the 8-week
            decision period for an extension, never to the 3-year inburgeringstermijn, the
            6-month ontzorgen period or fine windows. Default ``True``: the Atw is a general law
            and nothing in the Wi/Besluit excludes it. Set ``False`` to plan against the
            unmoved calendar date.
        extra_feestdagen: Days equated with Atw holidays by royal decree (Atw art. 3 lid 3).
        ontbrekende_dag: Adding months or years to a date whose day does not exist in the
            target month (29 February, 31st). Default ``DOORSCHUIVEN`` (to the 1st of the next
            month), so that a period starting on 29 February is never shorter than the
            calendar period; ``AFKAPPEN`` gives the last day of the month.
        periodeeinde: How the end of a period in months/years is expressed. Wi art. 11: the
            termijn starts the day after the PIP dagtekening and lasts three years; with
            ``LAATSTE_DAG`` (default) the end is the last day inside the termijn (start + 3y
            - 1 day, i.e. the third anniversary of the dagtekening); ``VERVALDAG`` gives the
            anniversary of the start. Compare with DUO's dates (event SS102) and align.
        dag_zelf_meetellen: "10 weken na de dag waarop" (Besluit 5.3): default ``False``
            counts from the day after the event, so the deadline is the event day + 70 days
            (same weekday 10 weeks later). ``True`` counts the event day as day 1 (+69 days).
            Also used for "2 weken na ontvangst" and "8 weken na ontvangst".
        derde_informatie_alleen_verlengen: Besluit 5.3 lid 2 lets the college deviate from the
            10-week deadline while waiting for a third party: the plan is set at the latest 2
            weeks after receipt. Default ``True``: the deviation never makes the deadline earlier
            than the lid 1/3 deadline (it is a permission to deviate, "alsnog"). ``False``:
            receipt + 2 weeks always replaces the deadline.
        lbt_onvermogen_ook_bij_visuele_beperking: Wi art. 14 lid 6: in the text the condition
            "en niet in staat wordt geacht de leerbaarheidstoets af te leggen" stands in
            onderdeel b (auditory impairment) only. Default ``False``: a visual impairment
            alone gives the exemption. ``True`` also requires inability for onderdeel a.
        boete_verhoging: Besluit 7.1 lid 3 ("steeds met 100 procent ... verhoogd"). Default
            ``AANTAL_EERDERE``: €50 x 2^n with n the number of earlier qualifying art. 23
            offences in the 12 months before the constatering. ``VORIGE_BOETE``: twice the
            base amount of the most recent qualifying earlier fine.
        map_urennorm: [open] Hour norm for the MAP (Besluit 3.2 lid 4: ministerial regulation;
            Divosa speaks of 40 hours). ``None`` (default): no norm is applied.
        overlijden_ook_kerngegevens: Besluit 9.9 lid 2 deviates only from lid 1 onder a, so on
            death (lid 1 onder b) also the core data are deleted. Default ``True`` (literal).
            ``False`` keeps the core data for the 50-year period also after death.
        adviestermijn_ontheffing_weken: Besluit 2.8 lid 2 and 4: the college advises DUO on an
            ontheffing for bijzondere individuele omstandigheden (DUO asks with signal SS140);
            the law sets no deadline for the advice, DUO decides within eight weeks of the
            application (lid 3). Default 4: the advice is due four weeks after DUO's request,
            leaving DUO half its decision period.
    """

    algemene_termijnenwet: bool = True
    extra_feestdagen: frozenset[date] = field(default_factory=frozenset)
    ontbrekende_dag: OntbrekendeDag = OntbrekendeDag.DOORSCHUIVEN
    periodeeinde: Periodeeinde = Periodeeinde.LAATSTE_DAG
    dag_zelf_meetellen: bool = False
    derde_informatie_alleen_verlengen: bool = True
    lbt_onvermogen_ook_bij_visuele_beperking: bool = False
    boete_verhoging: Verhogingsmethode = Verhogingsmethode.AANTAL_EERDERE
    map_urennorm: int | None = None
    overlijden_ook_kerngegevens: bool = True
    adviestermijn_ontheffing_weken: int = 4


STANDAARD = Beleidskeuzes()

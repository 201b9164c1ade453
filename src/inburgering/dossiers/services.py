"""The only way to change a dossier: record an event, validate the history, update the projection.

Everything happens in one transaction with the dossier row locked, so two people recording at the
same moment are serialised and nothing is saved half.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering.accounts.models import Gebruiker, Gemeente

from . import deadlines
from .gebeurtenissen import controleer_gegevens
from .models import Bron, Dossier, DossierEvent, Inburgeraar
from .signalen import dossier_bijgewerkt
from .toestand import DossierToestand, OngeldigeGebeurtenis, bereken_toestand
from .workflow import Fase, Soort


@dataclass(frozen=True)
class Nieuw:
    """One event to append; `registreer_reeks` appends several under one lock and one fold."""

    soort: Soort | str
    datum: dt.date
    gegevens: dict[str, Any] | None = None
    toelichting: str = ""
    corrigeert: DossierEvent | None = None


def registreer(
    dossier: Dossier,
    soort: Soort | str,
    datum: dt.date,
    *,
    bron: str = Bron.GEBRUIKER,
    actor: Gebruiker | None = None,
    gegevens: dict[str, Any] | None = None,
    toelichting: str = "",
    corrigeert: DossierEvent | None = None,
    bron_referentie: str = "",
) -> DossierEvent:
    """Append one event to the dossier's log. Raises OngeldigeGebeurtenis with a Dutch message."""
    nieuw = Nieuw(soort, datum, gegevens, toelichting, corrigeert)
    return registreer_reeks(
        dossier, [nieuw], bron=bron, actor=actor, bron_referentie=bron_referentie
    )[0]


def registreer_reeks(
    dossier: Dossier,
    reeks: list[Nieuw],
    *,
    bron: str = Bron.GEBRUIKER,
    actor: Gebruiker | None = None,
    bron_referentie: str = "",
) -> list[DossierEvent]:
    """Append events in order: one lock, one fold of the whole history, all or nothing."""
    for nieuw in reeks:
        _controleer(dossier, Soort(nieuw.soort), nieuw.datum, nieuw.corrigeert)
        controleer_gegevens(nieuw.soort, nieuw.gegevens)
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        bestaande = list(locked.events.all())
        gecorrigeerd = {e.corrigeert_id for e in bestaande if e.corrigeert_id}
        events = []
        for nieuw in reeks:
            if nieuw.corrigeert is not None and nieuw.corrigeert.pk in gecorrigeerd:
                raise OngeldigeGebeurtenis(_("Deze gebeurtenis is al eerder gecorrigeerd."))
            events.append(
                DossierEvent(
                    dossier=locked,
                    soort=Soort(nieuw.soort),
                    datum=nieuw.datum,
                    bron=bron,
                    actor=actor,
                    gegevens=nieuw.gegevens or {},
                    toelichting=nieuw.toelichting,
                    corrigeert=nieuw.corrigeert,
                    bron_referentie=bron_referentie,
                )
            )
        toestand = bereken_toestand([*bestaande, *events])
        for event in events:
            event.save()
        werk_projectie_bij(locked, toestand)
        dossier_bijgewerkt.send(
            sender=Dossier, dossier=locked, events=[*bestaande, *events], nieuw=events
        )
    dossier.refresh_from_db()
    return events


def _controleer(
    dossier: Dossier, soort: Soort, datum: dt.date, corrigeert: DossierEvent | None
) -> None:
    if corrigeert is not None:
        if corrigeert.dossier_id != dossier.pk:
            raise OngeldigeGebeurtenis(_("Een correctie hoort bij hetzelfde dossier."))
        if soort not in (corrigeert.soort, Soort.INTREKKING):
            raise OngeldigeGebeurtenis(
                _("Een correctie heeft dezelfde soort als de gebeurtenis die zij corrigeert.")
            )
    if datum > timezone.localdate() and soort not in _TOEKOMST_TOEGESTAAN:
        raise OngeldigeGebeurtenis(
            _(
                "De datum %(datum)s ligt in de toekomst; "
                "'%(soort)s' kan pas daarna worden vastgelegd."
            )
            % {"datum": datum.strftime("%d-%m-%Y"), "soort": soort.label}
        )


# Appointments and plans are later issues; no event type today may lie in the future.
_TOEKOMST_TOEGESTAAN: frozenset[Soort] = frozenset()


PROJECTIE_VELDEN = [
    "fase",
    "fase_sinds",
    "afsluitreden",
    "doelgroep",
    "consulent_id",
    "kennisgeving_datum",
    "koppeling_datum",
    "brp_inschrijving_datum",
    "pip_dagtekening",
    "laatste_contact",
    "leerroute",
    "wacht_op",
    "wacht_op_sinds",
]


def projectie(toestand: DossierToestand, regime: str | None = None) -> dict[str, Any]:
    """The dossier's projection columns for a folded state (also used by bulk loaders);
    `regime`: the dossier's (no PIP deadline under the old law)."""
    velden = {veld: getattr(toestand, veld) or _leeg(veld) for veld in PROJECTIE_VELDEN}
    velden["pip_deadline"] = deadlines.pip_deadline_datum(toestand, regime)
    return velden


def werk_projectie_bij(dossier: Dossier, toestand: DossierToestand) -> None:
    """Write the folded state into the dossier's projection columns."""
    velden = projectie(toestand, dossier.regime)
    for veld, waarde in velden.items():
        setattr(dossier, veld, waarde)
    dossier.save(update_fields=list(velden))


def _leeg(veld: str) -> str | None:
    return "" if veld in {"fase", "afsluitreden", "doelgroep", "leerroute", "wacht_op"} else None


@dataclass
class NieuwDossier:
    gemeente: Gemeente
    regime: str
    doelgroep: str
    eerste_soort: Soort
    eerste_datum: dt.date
    gegevens: dict[str, Any]


def open_dossier(
    inburgeraar: Inburgeraar,
    nieuw: NieuwDossier,
    *,
    actor: Gebruiker | None,
    bron: str = Bron.GEBRUIKER,
    consulent: Gebruiker | None = None,
    bron_referentie: str = "",
) -> Dossier:
    """Create a dossier with its first signal, doelgroep and (optionally) consulent, atomically
    and with one fold of the new history.

    A new person record belongs to the dossier's gemeente; an existing one must already belong
    to it (a move gives the receiving gemeente a record of its own: see Inburgeraar). When
    another gemeente has a running dossier for the same BSN, that dossier gets a
    DUBBELE_INSCHRIJVING fact, so the conflict goes to that gemeente; the caller is told
    nothing about it."""
    if inburgeraar._state.adding:  # a new person record
        inburgeraar.gemeente = nieuw.gemeente
    elif inburgeraar.gemeente_id != nieuw.gemeente.pk:
        raise ValueError("Een persoonsrecord hoort bij één gemeente; gebruik de overdracht.")
    if consulent is not None and not consulent.gemeenten.filter(pk=nieuw.gemeente.pk).exists():
        raise OngeldigeGebeurtenis(
            _("%(naam)s werkt niet voor gemeente %(gemeente)s.")
            % {"naam": consulent.weergavenaam, "gemeente": nieuw.gemeente}
        )
    reeks = [
        Nieuw(nieuw.eerste_soort, nieuw.eerste_datum, nieuw.gegevens),
        Nieuw(Soort.DOELGROEP_VASTGESTELD, nieuw.eerste_datum, {"doelgroep": nieuw.doelgroep}),
    ]
    if consulent is not None:
        reeks.append(
            Nieuw(
                Soort.CONSULENT_TOEGEWEZEN,
                nieuw.eerste_datum,
                {"consulent_id": consulent.pk, "naam": consulent.weergavenaam},
            )
        )
    try:
        with transaction.atomic():
            if inburgeraar._state.adding:  # a new person record
                inburgeraar.save()
            dossier = Dossier.objects.create(
                inburgeraar=inburgeraar,
                gemeente=nieuw.gemeente,
                regime=nieuw.regime,
                doelgroep=nieuw.doelgroep,
            )
            registreer_reeks(
                dossier, reeks, bron=bron, actor=actor, bron_referentie=bron_referentie
            )
            meld_dubbele_inschrijving(dossier)
    except IntegrityError as exc:
        raise OngeldigeGebeurtenis(
            _("Deze persoon heeft al een lopend dossier. Sluit dat eerst af of open het.")
        ) from exc
    return dossier


def meld_dubbele_inschrijving(dossier: Dossier) -> None:
    """Tell every other gemeente with a running dossier for this BSN that this gemeente opened
    one too: a fact on their dossier, so their consulent can check for a move (overdracht).
    Nothing goes back to this gemeente: it must not learn that the person is known elsewhere."""
    elders = (
        Dossier.objects.filter(inburgeraar__bsn=dossier.inburgeraar.bsn)
        .exclude(gemeente_id=dossier.gemeente_id)
        .exclude(fase__in=["", Fase.AFGEROND])
    )
    gemeente = dossier.gemeente
    for ander in elders:
        registreer(
            ander,
            Soort.DUBBELE_INSCHRIJVING,
            timezone.localdate(),
            bron=Bron.SYSTEEM,
            gegevens={"andere_gemeente": gemeente.naam, "andere_gemeente_code": gemeente.cbs_code},
        )


def wijs_consulent_toe(
    dossier: Dossier, consulent: Gebruiker, datum: dt.date, *, actor: Gebruiker | None
) -> DossierEvent:
    if not consulent.gemeenten.filter(pk=dossier.gemeente_id).exists():
        raise OngeldigeGebeurtenis(
            _("%(naam)s werkt niet voor gemeente %(gemeente)s.")
            % {"naam": consulent.weergavenaam, "gemeente": dossier.gemeente}
        )
    return registreer(
        dossier,
        Soort.CONSULENT_TOEGEWEZEN,
        datum,
        actor=actor,
        gegevens={"consulent_id": consulent.pk, "naam": consulent.weergavenaam},
    )


def herbereken(dossier: Dossier) -> DossierToestand:
    """Rebuild the projection from the log (after a migration or a rules change)."""
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        events = list(locked.events.all())
        toestand = bereken_toestand(events)
        werk_projectie_bij(locked, toestand)
        dossier_bijgewerkt.send(sender=Dossier, dossier=locked, events=events)
    return toestand

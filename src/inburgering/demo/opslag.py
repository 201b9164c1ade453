"""Write generated dossiers in batches, and remove generated data again (`--reset`).

Inburgeraar and Dossier go through `bulk_create` (their primary keys are needed next). Events
go through PostgreSQL's COPY when available (several times faster at national scale) and
`bulk_create` otherwise. Either way the rows are written in fold order, so the database ids
keep the order the projection was computed with.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import ProtectedError, Q

from inburgering.accounts.models import (
    Exportlog,
    Gebruiker,
    Gemeente,
    Inzagelog,
    Samenwerkingsverband,
    Team,
)
from inburgering.brieven.models import Briefhoofd, BriefhoofdWijziging
from inburgering.bsn import SYNTHETISCHE_BSNS
from inburgering.dossiers.models import (
    Dossier,
    DossierEvent,
    Gezinsrelatie,
    Inburgeraar,
    Verwijdering,
)
from inburgering.dossiers.onveranderlijk import DEMO, uitzondering
from inburgering.examens.demo import verwijder_betalingen
from inburgering.monitoring.models import Importtaak, MijlpalenProjectie, MijlpalenStand
from inburgering.verhuizing import demo as verhuizing_demo

from . import ervaringen as ervaringen_demo
from . import handhaving as handhaving_demo
from . import leerroute
from . import ontzorgen as ontzorgen_demo
from . import partners as partners_demo
from . import traject as traject_demo
from .gemeenten import PER_CODE, ZAFFIER
from .organisatie import DEMO_DOMEIN
from .toewijzing import DossierOntwerp

_EVENT_KOLOMMEN = (
    "dossier_id",
    "soort",
    "datum",
    "geregistreerd_op",
    "bron",
    "actor_id",
    "bron_referentie",
    "gegevens",
    "toelichting",
)


@dataclass
class Schrijver:
    batch: int = 2_000
    gebruik_copy: bool = field(default_factory=lambda: connection.vendor == "postgresql")
    _wachtrij: list[tuple[DossierOntwerp, Dossier]] = field(default_factory=list)
    aantallen: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            ["inburgeraars", "gezinsrelaties", "dossiers", "events"], 0
        )
    )

    def voeg_toe(self, ontwerp: DossierOntwerp, dossier: Dossier) -> None:
        """Queue one dossier; call at household boundaries only (partners are linked by pk)."""
        self._wachtrij.append((ontwerp, dossier))

    def misschien_schrijven(self) -> None:
        if len(self._wachtrij) >= self.batch:
            self.schrijf()

    def schrijf(self) -> None:
        if not self._wachtrij:
            return
        with transaction.atomic():
            personen = []
            for ontwerp, dossier in self._wachtrij:
                ontwerp.persoon.inburgeraar.gemeente_id = dossier.gemeente_id
                personen.append(ontwerp.persoon.inburgeraar)
            Inburgeraar.objects.bulk_create(personen, batch_size=self.batch)
            relaties = [
                Gezinsrelatie(
                    inburgeraar=o.persoon.inburgeraar,
                    soort=soort,
                    naam=naam,
                    geboortedatum=geboren,
                    gerelateerde=ander.inburgeraar if ander else None,
                )
                for o, _ in self._wachtrij
                for soort, naam, geboren, ander in o.persoon.relaties
            ]
            Gezinsrelatie.objects.bulk_create(relaties, batch_size=self.batch)
            dossiers = []
            for ontwerp, dossier in self._wachtrij:
                dossier.inburgeraar = ontwerp.persoon.inburgeraar
                dossiers.append(dossier)
            Dossier.objects.bulk_create(dossiers, batch_size=self.batch)
            plannen = [(d.pk, o.route) for o, d in self._wachtrij if o.route is not None]
            if plannen:  # landelijk: placements first, their pks go into the facts
                self.tel(
                    "plaatsingen",
                    leerroute.schrijf_plaatsingen(plannen, self.batch, self.gebruik_copy),
                )
            rijen = [
                (
                    d.pk,
                    e.soort,
                    e.datum,
                    e.geregistreerd_op,
                    e.bron,
                    e.actor_id,
                    e.bron_referentie,
                    e.gegevens,
                    e.toelichting,
                )
                for o, d in self._wachtrij
                for e in o.events
            ]
            self._schrijf_events(rijen)
            if plannen:
                self.tel("uren", leerroute.schrijf_uren(plannen, self.batch, self.gebruik_copy))
        self.aantallen["inburgeraars"] += len(personen)
        self.aantallen["gezinsrelaties"] += len(relaties)
        self.aantallen["dossiers"] += len(dossiers)
        self.aantallen["events"] += len(rijen)
        self._wachtrij.clear()

    def tel(self, naam: str, aantal: int) -> None:
        self.aantallen[naam] = self.aantallen.get(naam, 0) + aantal

    def _schrijf_events(self, rijen: list[tuple[Any, ...]]) -> None:
        if self.gebruik_copy:
            tabel = DossierEvent._meta.db_table
            sql = f"COPY {tabel} ({', '.join(_EVENT_KOLOMMEN)}) FROM STDIN"
            with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
                for rij in rijen:
                    copy.write_row((*rij[:7], json.dumps(rij[7]), rij[8]))
            return
        DossierEvent.objects.bulk_create(
            [DossierEvent(**dict(zip(_EVENT_KOLOMMEN, rij, strict=True))) for rij in rijen],
            batch_size=self.batch,
        )


def verwijder_demodata() -> dict[str, int]:
    """Delete generated data in dependency order and return the counts.

    Generated people have a BSN in SYNTHETISCH_BSN_BEREIK (which contains the RvIG test range);
    generated users have an e-mail address at DEMO_DOMEIN. The event log and the access log
    are append-only, in Python and by database trigger; wiping synthetic data on a dev or demo
    database is the one explicit exception (`onveranderlijk.uitzondering(DEMO)`), and the
    triggers check that every event and access-log row deleted belongs to a dossier of a person
    in the synthetic BSN range, so this cannot remove real data. Events, and for speed the
    other bulk tables, are removed with `_raw_delete` (one DELETE statement, no signals, no
    cascade collection: the order below takes care of references).
    """
    db = connection.alias
    personen = Inburgeraar.objects.filter(bsn__range=SYNTHETISCHE_BSNS)
    dossiers = Dossier.objects.filter(inburgeraar__in=personen.values("pk"))
    gebruikers = Gebruiker.objects.filter(email__endswith=f"@{DEMO_DOMEIN}")
    aantallen = {}
    with uitzondering(DEMO):
        partners_demo.verwijder(dossiers.values("pk"))  # partner records, demo partners
        traject_demo.verwijder(dossiers.values("pk"))  # placements, hours, DUO deliveries
        leerroute.verwijder()  # the landelijk profile's contracts and providers
        aantallen["handhavingszaken"] = handhaving_demo.verwijder(dossiers.values("pk"))
        ontzorgen_demo.verwijder(dossiers.values("pk"))  # ontzorgen, batches, MB
        aantallen["overdrachten"] = verhuizing_demo.verwijder(dossiers.values("pk"))
        aantallen["examenbetalingen"] = verwijder_betalingen(dossiers)
        ervaringen_demo.verwijder_momenten(dossiers.values("pk"))  # portal questionnaire
        aantallen["inzagelog"] = Inzagelog.objects.filter(
            dossier__in=dossiers.values("pk")
        )._raw_delete(db)
        MijlpalenProjectie.objects.filter(dossier__in=dossiers.values("pk"))._raw_delete(db)
        MijlpalenStand.objects.filter(dossier__in=dossiers.values("pk"))._raw_delete(db)
        aantallen["events"] = DossierEvent.objects.filter(
            dossier__in=dossiers.values("pk")
        )._raw_delete(db)
        aantallen["gezinsrelaties"] = Gezinsrelatie.objects.filter(
            Q(inburgeraar__in=personen.values("pk")) | Q(gerelateerde__in=personen.values("pk"))
        )._raw_delete(db)
        Verwijdering.objects.filter(dossier__in=dossiers.values("pk"))._raw_delete(db)
        aantallen.update(_verwijder_records(dossiers))
        aantallen["dossiers"] = dossiers._raw_delete(db)
        aantallen["inburgeraars"] = personen._raw_delete(db)
        Gebruiker.gemeenten.through.objects.filter(
            gebruiker__in=gebruikers.values("pk")
        )._raw_delete(db)
        # What demo users did in the demo: their exports (the trigger checks the demo domain)
        # and import tasks; both refer to the user.
        Exportlog.objects.filter(gebruiker__in=gebruikers.values("pk"))._raw_delete(db)
        Importtaak.objects.filter(gebruiker__in=gebruikers.values("pk"))._raw_delete(db)
        # Letterheads the demo's beheerder saved (demo/contactpersoon.py): their history goes,
        # the letterhead stays, without the user.
        BriefhoofdWijziging.objects.filter(door__in=gebruikers.values("pk"))._raw_delete(db)
        Briefhoofd.objects.filter(bijgewerkt_door__in=gebruikers.values("pk")).update(
            bijgewerkt_door=None
        )
        aantallen["gebruikers"] = gebruikers.delete()[0]
        teams = Team.objects.filter(gemeente__cbs_code__in=list(PER_CODE), leden__isnull=True)
        aantallen["teams"] = teams.delete()[0]
        Samenwerkingsverband.objects.filter(naam=ZAFFIER).delete()
        leeg = Gemeente.objects.filter(
            cbs_code__in=list(PER_CODE),
            dossiers__isnull=True,
            gebruikers__isnull=True,
            teams__isnull=True,
        )
        ervaringen_demo.verwijder(leeg.values("pk"))  # the portal's anonymous answers
        aantallen["gemeenten"] = leeg.delete()[0]
    return aantallen


def _verwijder_records(dossiers) -> dict[str, int]:
    """The records behind the demo timelines (PIPs, intakes, letters, ... of every app with a
    reference to Dossier), leaves first: a pass that meets a protected reference is retried
    after the others."""
    from inburgering.pip.models import Bezwaar, PipVersie

    aantallen = {}
    pks = dossiers.values("pk")
    Bezwaar.objects.filter(versie__pip__dossier__in=pks).delete()
    aantallen["pip_versies"] = PipVersie.objects.filter(pip__dossier__in=pks).delete()[0]
    gedaan = {DossierEvent, Inzagelog, MijlpalenProjectie, Verwijdering}
    rest = [r for r in Dossier._meta.related_objects if r.related_model not in gedaan and r.field]
    for _ronde in range(len(rest) + 1):
        over = []
        for relatie in rest:
            rijen = relatie.related_model._base_manager.filter(**{f"{relatie.field.name}__in": pks})
            try:
                with transaction.atomic():
                    aantal = rijen.delete()[0]
            except ProtectedError:
                over.append(relatie)
                continue
            if aantal:
                aantallen[relatie.related_model._meta.model_name] = aantal
        if not over:
            break
        rest = over
    return aantallen

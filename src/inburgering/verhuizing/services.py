"""The transfer of a dossier after a move (Wi 2021 art. 35 lid 4; Besluit 5.3 lid 3).

* `start_overdracht`: the consulent records the move out. The package is built, the old dossier
  gets `overdracht_verzonden` and is closed (`verhuisd`); its person data stay with the old
  gemeente under its retention. Within this installation the package waits for the receiving
  gemeente; to another installation it is a file (`GEEXPORTEERD`).
* `na_vestiging_door_duo`: DUO reported the move (SS120/SS121, koppelingen closed the old
  dossier and opened the new one): the package is prepared for the new (signal) dossier.
* `accepteer`: a user of the receiving gemeente takes the package over: the new dossier (or
  the existing signal dossier) gets `overdracht_ontvangen` ("overgedragen vanuit gemeente X").
* `importeer`: a package file from another installation, validated, all or nothing.

Every change runs in one transaction; a refusal raises `OverdrachtFout` (or `OngeldigPakket`
with the list of problems) with Dutch messages."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering.accounts.models import Gebruiker, Gemeente, Rol
from inburgering.bsn import valideer_bsn
from inburgering.dossiers.models import Bron, Dossier, Inburgeraar
from inburgering.dossiers.services import (
    Nieuw,
    NieuwDossier,
    open_dossier,
    registreer,
    registreer_reeks,
)
from inburgering.dossiers.toestand import OngeldigeGebeurtenis
from inburgering.dossiers.workflow import Afsluitreden, Fase, Soort

from . import onderdelen, pakket
from .models import Overdracht, Status, Verhuisinstelling
from .pakket import OngeldigPakket


class OverdrachtFout(ValueError):
    """The transfer cannot be done; the message is Dutch and meant for the user."""


def notities_meegeven(gemeente: Gemeente) -> bool:
    instelling = Verhuisinstelling.objects.filter(gemeente=gemeente).first()
    return bool(instelling and instelling.notities_meegeven)


def uitgaande_overdracht(dossier: Dossier) -> Overdracht | None:
    return Overdracht.objects.filter(oud_dossier=dossier).first()


def ontvangen_overdracht(dossier: Dossier) -> Overdracht | None:
    return Overdracht.objects.filter(nieuw_dossier=dossier).first()


def start_overdracht(
    dossier: Dossier,
    *,
    naar_gemeente: Gemeente | None,
    inschrijving: dt.date,
    actor: Gebruiker | None,
    bron: str = Bron.GEBRUIKER,
) -> Overdracht:
    """Record the move out of `dossier` and build its package. `naar_gemeente` None: the new
    gemeente uses another installation (the package becomes a file to hand over)."""
    if dossier.fase in ("", Fase.AFGEROND):
        raise OverdrachtFout(_("Alleen een lopend dossier kan worden overgedragen."))
    if naar_gemeente is not None and naar_gemeente.pk == dossier.gemeente_id:
        raise OverdrachtFout(_("De nieuwe gemeente is dezelfde als de huidige gemeente."))
    if inschrijving > timezone.localdate():
        raise OverdrachtFout(
            _("De datum van inschrijving in de nieuwe gemeente ligt in de toekomst.")
        )
    if uitgaande_overdracht(dossier) is not None:
        raise OverdrachtFout(_("Dit dossier is al overgedragen."))
    with transaction.atomic():
        Dossier.objects.select_for_update().get(pk=dossier.pk)
        overdracht = _maak(dossier, naar_gemeente, inschrijving, actor)
        registreer_reeks(
            dossier,
            [
                _verzonden(overdracht),
                Nieuw(Soort.DOSSIER_AFGESLOTEN, inschrijving, {"reden": Afsluitreden.VERHUISD}),
            ],
            bron=bron,
            actor=actor,
        )
    return overdracht


def _maak(
    dossier: Dossier,
    naar_gemeente: Gemeente | None,
    inschrijving: dt.date,
    actor: Gebruiker | None,
    nieuw_dossier: Dossier | None = None,
) -> Overdracht:
    sleutel = uuid.uuid4()
    inhoud = pakket.bouw(
        dossier,
        overdracht_id=str(sleutel),
        naar_gemeente=naar_gemeente,
        inschrijving=inschrijving,
        notities=notities_meegeven(dossier.gemeente),
    )
    fouten = pakket.valideer(inhoud)
    if fouten:  # our own package must always be valid: a bug, not a user error
        raise AssertionError(f"Overdrachtspakket voldoet niet aan het schema: {fouten}")
    return Overdracht.objects.create(
        uuid=sleutel,
        status=Status.WACHT_OP_ACCEPTATIE if naar_gemeente else Status.GEEXPORTEERD,
        oud_dossier=dossier,
        nieuw_dossier=nieuw_dossier,
        van_gemeente=dossier.gemeente,
        naar_gemeente=naar_gemeente,
        van_gemeente_naam=dossier.gemeente.naam,
        naar_gemeente_naam=naar_gemeente.naam if naar_gemeente else "",
        inschrijving=inschrijving,
        pakket=inhoud,
        aangemaakt_door=actor,
    )


def _verzonden(overdracht: Overdracht) -> Nieuw:
    naar = overdracht.naar_gemeente
    return Nieuw(
        Soort.OVERDRACHT_VERZONDEN,
        timezone.localdate(),
        {
            "naar_gemeente": naar.naam if naar else "",
            "naar_gemeente_code": naar.cbs_code if naar else "",
            "overdracht": str(overdracht.uuid),
            "wijze": "direct" if naar else "bestand",
        },
    )


def na_vestiging_door_duo(sender: Any, dossier: Dossier, events: list[Any], **kwargs: Any) -> None:
    """Receiver of `dossier_bijgewerkt`: a dossier opened after DUO reported a move (SS120/121)
    whose old dossier is in this installation gets that dossier's package, waiting for the new
    gemeente to accept it. Cheap for every other write: only the events in memory are read."""
    if not any(e.soort == Soort.VESTIGING_NA_VERHUIZING and e.bron == Bron.DUO for e in events):
        return
    if any(e.soort == Soort.OVERDRACHT_ONTVANGEN for e in events):
        return
    if Overdracht.objects.filter(nieuw_dossier=dossier).exists():
        return
    al_verzonden = Overdracht.objects.filter(oud_dossier__isnull=False).values("oud_dossier_id")
    oud = (
        Dossier.objects.filter(
            inburgeraar__bsn=dossier.inburgeraar.bsn, afsluitreden=Afsluitreden.VERHUISD
        )
        .exclude(gemeente_id=dossier.gemeente_id)
        .exclude(pk__in=al_verzonden)
        .select_related("gemeente", "inburgeraar")
        .order_by("-pk")
        .first()
    )
    if oud is None:  # the old gemeente uses another installation: it sends a file
        return
    vestiging = next(e for e in events if e.soort == Soort.VESTIGING_NA_VERHUIZING)
    overdracht = _maak(oud, dossier.gemeente, vestiging.datum, None, nieuw_dossier=dossier)
    registreer_reeks(oud, [_verzonden(overdracht)], bron=Bron.SYSTEEM)


def wachtende_overdrachten(gemeente_ids: list[int]) -> Any:
    return (
        Overdracht.objects.filter(
            status=Status.WACHT_OP_ACCEPTATIE, naar_gemeente_id__in=gemeente_ids
        )
        .select_related("naar_gemeente", "van_gemeente")
        .order_by("aangemaakt_op", "id")
    )


def accepteer(
    overdracht: Overdracht, *, actor: Gebruiker, inschrijving: dt.date | None = None
) -> Dossier:
    """The receiving gemeente takes the package over (a user of `naar_gemeente`)."""
    gemeente = overdracht.naar_gemeente
    if gemeente is None or not actor.gemeenten.filter(pk=gemeente.pk).exists():
        raise OverdrachtFout(_("Deze overdracht is niet voor uw gemeente bestemd."))
    inschrijving = inschrijving or overdracht.inschrijving
    if inschrijving > timezone.localdate():
        raise OverdrachtFout(_("De datum van inschrijving ligt in de toekomst."))
    with transaction.atomic():
        locked = Overdracht.objects.select_for_update().get(pk=overdracht.pk)
        if locked.status != Status.WACHT_OP_ACCEPTATIE:
            raise OverdrachtFout(_("Deze overdracht is al afgehandeld."))
        try:
            dossier = _ontvang(
                locked.pakket, gemeente, actor, inschrijving, voorkeur=locked.nieuw_dossier
            )
        except (OngeldigeGebeurtenis, onderdelen.OngeldigOnderdeel) as fout:
            raise OverdrachtFout(str(fout)) from fout
        locked.status = Status.OVERGEDRAGEN
        locked.nieuw_dossier = dossier
        locked.inschrijving = inschrijving
        locked.afgerond_op = timezone.now()
        locked.afgerond_door = actor
        locked.save()
    overdracht.refresh_from_db()
    return dossier


def importeer(inhoud: bytes, *, gemeente: Gemeente, actor: Gebruiker) -> Overdracht:
    """Read a package file from another installation into `gemeente`: validated against the
    schema, then checked against this installation; refused as a whole with every problem
    (`OngeldigPakket.fouten`), or stored as a whole."""
    gelezen = pakket.lees(inhoud)
    fouten = _controleer_ontvangst(gelezen, gemeente)
    if fouten:
        raise OngeldigPakket(fouten)
    inschrijving = dt.date.fromisoformat(gelezen["inschrijving_nieuwe_gemeente"])
    try:
        with transaction.atomic():
            dossier = _ontvang(gelezen, gemeente, actor, inschrijving)
            return Overdracht.objects.create(
                uuid=uuid.UUID(gelezen["overdracht_id"]),
                status=Status.INGELEZEN,
                nieuw_dossier=dossier,
                naar_gemeente=gemeente,
                van_gemeente_naam=gelezen["van_gemeente"]["naam"],
                naar_gemeente_naam=gemeente.naam,
                inschrijving=inschrijving,
                pakket=gelezen,
                aangemaakt_door=actor,
                afgerond_op=timezone.now(),
                afgerond_door=actor,
            )
    except (OngeldigeGebeurtenis, onderdelen.OngeldigOnderdeel) as fout:
        raise OngeldigPakket([str(fout)]) from fout


def _controleer_ontvangst(gelezen: dict[str, Any], gemeente: Gemeente) -> list[str]:
    fouten = []
    if Overdracht.objects.filter(uuid=gelezen["overdracht_id"]).exists():
        fouten.append(
            _(
                "Dit pakket is al eerder ingelezen, of hoort bij een overdracht binnen deze "
                "installatie (die neemt u over via Verhuizingen)."
            )
        )
    naar = gelezen["naar_gemeente"]
    if naar is not None and naar["cbs_code"] != gemeente.cbs_code:
        fouten.append(
            _("naar_gemeente: het pakket is bestemd voor %(naar)s (%(code)s), niet voor %(hier)s.")
            % {"naar": naar["naam"], "code": naar["cbs_code"], "hier": gemeente.naam}
        )
    if gelezen["van_gemeente"]["cbs_code"] == gemeente.cbs_code:
        fouten.append(_("van_gemeente: het pakket komt uit deze gemeente zelf."))
    try:
        valideer_bsn(gelezen["persoon"]["bsn"])
    except ValidationError:
        fouten.append(_("persoon/bsn: dit is geen geldig BSN (elfproef)."))
    if dt.date.fromisoformat(gelezen["inschrijving_nieuwe_gemeente"]) > timezone.localdate():
        fouten.append(_("inschrijving_nieuwe_gemeente: de datum ligt in de toekomst."))
    return fouten


def _ontvang(
    inhoud: dict[str, Any],
    gemeente: Gemeente,
    actor: Gebruiker,
    inschrijving: dt.date,
    *,
    voorkeur: Dossier | None = None,
) -> Dossier:
    """Put the package on the receiving gemeente's dossier: the given signal dossier, else the
    person's running dossier in that gemeente, else a new dossier on the gemeente's own person
    record (ADR 0002: the record is built from the package, the lawful transfer)."""
    persoon = inhoud["persoon"]
    pip = inhoud["pip"]
    met_pip = bool(pip["aanwezig"])
    leerroute = (pip.get("leerroute") or "") if met_pip else ""
    gegevens = {
        "van_gemeente": inhoud["van_gemeente"]["naam"],
        "van_gemeente_code": inhoud["van_gemeente"]["cbs_code"],
        "overdracht": inhoud["overdracht_id"],
        "formaatversie": inhoud["versie"],
        "inschrijving": inschrijving.isoformat(),
        "kennisgeving": inhoud["dossier"].get("kennisgeving") or "",
        "pip_vorige_gemeente": met_pip,
        "leerroute": leerroute,
    }
    dossier = (
        voorkeur if voorkeur is not None and voorkeur.fase not in ("", Fase.AFGEROND) else None
    )
    if dossier is None:
        dossier = (
            Dossier.objects.filter(gemeente=gemeente, inburgeraar__bsn=persoon["bsn"])
            .exclude(fase__in=["", Fase.AFGEROND])
            .first()
        )
    if dossier is None:
        record = Inburgeraar.objects.filter(gemeente=gemeente, bsn=persoon["bsn"]).first()
        if record is None:
            record = _persoon(persoon)
        consulent = (
            actor
            if actor.rol == Rol.CONSULENT and actor.gemeenten.filter(pk=gemeente.pk).exists()
            else None
        )
        dossier = open_dossier(
            record,
            NieuwDossier(
                gemeente=gemeente,
                regime=inhoud["dossier"]["regime"],
                doelgroep=inhoud["dossier"]["doelgroep"],
                eerste_soort=Soort.VESTIGING_NA_VERHUIZING,
                eerste_datum=inschrijving,
                gegevens={"pip_vorige_gemeente": met_pip, "leerroute": leerroute},
            ),
            actor=actor,
            consulent=consulent,
        )
    registreer(
        dossier, Soort.OVERDRACHT_ONTVANGEN, timezone.localdate(), actor=actor, gegevens=gegevens
    )
    onderdelen.importeer_onderdelen(dossier, inhoud["onderdelen"])
    return dossier


def _persoon(persoon: dict[str, Any]) -> Inburgeraar:
    velden = {k: v for k, v in persoon.items() if k in pakket.PERSOON_VELDEN}
    if velden.get("geboortedatum"):
        velden["geboortedatum"] = dt.date.fromisoformat(velden["geboortedatum"])
    return Inburgeraar(
        **{k: ("" if v is None and k != "geboortedatum" else v) for k, v in velden.items()}
    )

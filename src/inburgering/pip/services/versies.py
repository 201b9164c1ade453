"""Later versions of a set PIP: schakelen, afschalen and other changes."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering.accounts.models import Gebruiker
from inburgering.dossiers.models import Dossier
from inburgering.dossiers.uitleg import regeltekst
from inburgering.intake.models import Leerroute

from ..models import (
    PipVersie,
    Reden,
    Status,
)
from ..statussen import PIP_STATUS
from .basis import (
    PipFout,
    concept_van,
    geregistreerde_voortgang,
    notitie,
    pip_van,
    toestand_van,
    vastgestelde_versie,
)
from .controle import afschaalregel, schakelregel


def nieuwe_versie(
    dossier: Dossier,
    *,
    reden: str,
    actor: Gebruiker,
    leerroute: str = "",
    feiten: dict | None = None,
    datum: dt.date | None = None,
) -> PipVersie:
    """A new draft from the current PIP. Schakelen and afschalen are checked against the rules
    now (on today's date, or `datum` when given) and again at vaststelling (on the
    dagtekening)."""
    feiten = dict(feiten or {})
    with transaction.atomic():
        Dossier.objects.select_for_update().get(pk=dossier.pk)
        pip = pip_van(dossier)
        huidig = vastgestelde_versie(pip)
        if huidig is None:
            raise PipFout(_("Er is nog geen vastgesteld PIP."))
        if concept_van(pip):
            raise PipFout(_("Er is al een conceptversie; werk die eerst af."))
        toestand = toestand_van(dossier)
        vandaag = datum or timezone.localdate()
        niveau = huidig.niveau
        if reden == Reden.SCHAKELEN:
            if not leerroute or leerroute == huidig.leerroute:
                raise PipFout(_("Kies de leerroute waarnaar wordt geschakeld."))
            if huidig.leerroute == Leerroute.ONDERWIJS:
                feiten["taalschakeltraject_gevolgd"] = True
            uitkomst = schakelregel(leerroute, huidig.leerroute, toestand, vandaag, feiten)
            if not uitkomst.waarde:
                raise PipFout(regeltekst(uitkomst.uitleg))
            niveau = {"z": "A2", "onderwijs": "B1"}.get(leerroute, "B1")
        elif reden == Reden.AFSCHALEN:
            # Besluit 5.5 lid 1: the NT2 hours attended. Recorded hours (the learning route's
            # registration) replace a typed number; the typed number only counts for a dossier
            # without recorded hours (migrated data, hours kept elsewhere).
            geregistreerd = geregistreerde_voortgang(dossier)
            if geregistreerd is not None:
                feiten["nt2_uren"] = int(geregistreerd.nt2_uren)
                feiten["nt2_uren_bron"] = geregistreerd.bron
            uitkomst = afschaalregel(huidig.leerroute, feiten)
            if not uitkomst.waarde:
                raise PipFout(regeltekst(uitkomst.uitleg))
            leerroute, niveau = huidig.leerroute, "A2"
        elif reden == Reden.WIJZIGING:
            leerroute = huidig.leerroute
        else:
            raise PipFout(_("Kies een reden voor de nieuwe versie."))
        nieuw = PipVersie.objects.get(pk=huidig.pk)
        nieuw.pk = None
        nieuw.versienummer = pip.versies.count() + 1
        PIP_STATUS.controleer(None, Status.CONCEPT, fout=PipFout)
        nieuw.status = Status.CONCEPT
        nieuw.reden = reden
        nieuw.leerroute = leerroute
        nieuw.niveau = niveau
        nieuw.regelfeiten = {**huidig.regelfeiten, **feiten}
        nieuw.dagtekening = vandaag
        nieuw.opgesteld_door = actor
        nieuw.bijgewerkt_door = actor
        nieuw.goedgekeurd_door = None
        nieuw.goedgekeurd_op = None
        nieuw.vastgesteld_door = None
        nieuw.versie = 1
        if leerroute == Leerroute.ONDERWIJS or feiten.get("taalschakeltraject_gevolgd"):
            nieuw.map_intensiteit = ""
        if leerroute != Leerroute.B1:
            nieuw.geschatte_intensiteit_uren = None
        nieuw.save()
        notitie(
            dossier,
            actor,
            "concept",
            _("PIP versie %(n)s opgesteld (concept): %(reden)s.")
            % {"n": nieuw.versienummer, "reden": nieuw.get_reden_display().lower()},
            datum=datum,
            versie=nieuw.versienummer,
        )
    return nieuw

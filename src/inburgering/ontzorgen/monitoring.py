"""The ontzorgen table on the monitoring dashboard (`monitoring.tabellen.registreer_tabel`):
how many households are in ontzorgen, started on time, ended after the six months with or
without voluntary continuation, and what was paid. From this app's own records, per selection
(gemeenten, cohort by the day the right to bijstand arose, peildatum)."""

from __future__ import annotations

from django.db.models import Min, Sum
from django.utils.translation import gettext as _

from inburgering import wet
from inburgering.monitoring.extractie import Selectie
from inburgering.monitoring.tabel import Tabel
from inburgering.wet.voorzieningen import eerste_van_maand

from .models import Betaling, Betalingstatus, Ontzorging


def tabel(sel: Selectie) -> Tabel:
    rijen = Ontzorging.objects.filter(
        dossier__gemeente_id__in=sel.gemeente_ids, recht_op_bijstand_vanaf__lte=sel.peildatum
    )
    if sel.van:
        rijen = rijen.filter(recht_op_bijstand_vanaf__gte=sel.van)
    if sel.tot:
        rijen = rijen.filter(recht_op_bijstand_vanaf__lte=sel.tot)
    if sel.doelgroep:
        rijen = rijen.filter(dossier__doelgroep=sel.doelgroep)
    if sel.consulent_id:
        rijen = rijen.filter(dossier__consulent_id=sel.consulent_id)
    eerste = dict(
        Betaling.objects.filter(ontzorging__in=rijen, status=Betalingstatus.BETAALD)
        .values("ontzorging_id")
        .annotate(m=Min("maand"))
        .values_list("ontzorging_id", "m")
    )
    gestart = lopend = op_tijd = zonder = met = 0
    for o in rijen.only("pk", "recht_op_bijstand_vanaf", "einde", "vrijwillig_tot", "beeindigd_op"):
        gestart += 1
        if (
            o.beeindigd_op is None
            and wet.ontzorgen_loopt(
                recht_op_bijstand_vanaf=o.recht_op_bijstand_vanaf,
                peildatum=sel.peildatum,
                vrijwillig_tot=o.vrijwillig_tot,
            ).waarde
        ):
            lopend += 1
        if eerste.get(o.pk) == eerste_van_maand(o.recht_op_bijstand_vanaf):
            op_tijd += 1
        if o.einde < sel.peildatum and (o.beeindigd_op is None or o.beeindigd_op >= o.einde):
            if o.vrijwillig_tot:
                met += 1
            else:
                zonder += 1
    kosten = (
        Betaling.objects.filter(ontzorging__in=rijen, status=Betalingstatus.BETAALD).aggregate(
            s=Sum("bedrag_cents")
        )["s"]
        or 0
    )
    tabel = Tabel(
        "ontzorgen",
        _("Financieel ontzorgen"),
        [_("Kenmerk"), _("Aantal")],
        [
            [_("Gestart (recht op bijstand)"), gestart],
            [_("In ontzorgen op de peildatum"), lopend],
            [_("Op tijd gestart (eerste betaling in de startmaand)"), op_tijd],
            [_("Na zes maanden beëindigd, zonder vrijwillige voortzetting"), zonder],
            [_("Na zes maanden vrijwillig voortgezet"), met],
            [_("Betaald in euro"), round(kosten / 100, 2)],
        ],
        _("Pw art. 56a: zes maanden vanaf de dag waarop het recht op bijstand ontstaat."),
    )
    # Its own population, stated like every table's (monitoring/definities.py): the filters
    # for population and cohort of the people tables do not apply to this administration.
    tabel.definities = [
        _("Peildatum: %(d)s.") % {"d": sel.peildatum.strftime("%d-%m-%Y")},
        _(
            "Populatie: huishoudens in financieel ontzorgen in de gekozen gemeenten (de "
            "administratie van ontzorgen) waarvan het recht op bijstand op of vóór de "
            "peildatum ontstond."
        ),
        _("Cohort: de dag waarop het recht op bijstand ontstaat (filter instroomperiode)."),
    ]
    return tabel

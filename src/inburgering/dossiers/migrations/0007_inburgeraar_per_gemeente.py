"""Person records per gemeente (docs/adr/0002-persoonsgegevens-per-gemeente.md).

Until now one Inburgeraar row per BSN was shared by every gemeente that ever had a dossier for
the person. Each row now belongs to one gemeente: the gemeente of the person's latest dossier
keeps the row; every other gemeente gets its own copy (with the family members), and its
dossiers point to that copy. A family link to a person of another gemeente points to that
person's record in the same gemeente when there is one, and is removed otherwise. Person rows
without any dossier cannot be placed in a gemeente and are shown nowhere; they are removed.
"""

import django.db.models.deletion

import inburgering.bsn
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

KOPIEER = [
    "bsn", "v_nummer", "voornamen", "voorvoegsel", "geslachtsnaam", "geboortedatum", "geslacht",
    "land_van_herkomst", "talen", "voorkeurstaal", "tolk_nodig", "telefoon", "email", "whatsapp",
    "post_straat", "post_postcode", "post_plaats",
]  # fmt: skip


def per_gemeente(apps, schema_editor):
    Inburgeraar = apps.get_model("dossiers", "Inburgeraar")
    Dossier = apps.get_model("dossiers", "Dossier")
    Gezinsrelatie = apps.get_model("dossiers", "Gezinsrelatie")

    Inburgeraar.objects.filter(dossiers__isnull=True).delete()
    laatste = Dossier.objects.filter(inburgeraar=OuterRef("pk")).order_by("-pk")
    Inburgeraar.objects.update(gemeente_id=Subquery(laatste.values("gemeente_id")[:1]))

    kopie = {}  # (original person pk, gemeente pk) -> that gemeente's record
    elders = (
        Dossier.objects.exclude(gemeente_id=models.F("inburgeraar__gemeente_id"))
        .select_related("inburgeraar")
        .order_by("pk")
    )
    for dossier in elders:
        sleutel = (dossier.inburgeraar_id, dossier.gemeente_id)
        if sleutel not in kopie:
            bron = dossier.inburgeraar
            nieuw = Inburgeraar.objects.create(
                gemeente_id=dossier.gemeente_id, **{v: getattr(bron, v) for v in KOPIEER}
            )
            for relatie in Gezinsrelatie.objects.filter(inburgeraar=bron):
                Gezinsrelatie.objects.create(
                    inburgeraar=nieuw,
                    soort=relatie.soort,
                    naam=relatie.naam,
                    geboortedatum=relatie.geboortedatum,
                    gerelateerde_id=relatie.gerelateerde_id,
                )
            kopie[sleutel] = nieuw
        Dossier.objects.filter(pk=dossier.pk).update(inburgeraar=kopie[sleutel])

    gemeente_van = dict(Inburgeraar.objects.values_list("pk", "gemeente_id"))
    for relatie in Gezinsrelatie.objects.filter(gerelateerde__isnull=False).select_related(
        "inburgeraar", "gerelateerde"
    ):
        gemeente = gemeente_van[relatie.inburgeraar_id]
        if gemeente_van[relatie.gerelateerde_id] == gemeente:
            continue
        zelfde = Inburgeraar.objects.filter(
            gemeente_id=gemeente, bsn=relatie.gerelateerde.bsn
        ).first()
        relatie.gerelateerde = zelfde
        relatie.save(update_fields=["gerelateerde"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_inzagelog_zonder_fk_controle"),
        ("dossiers", "0006_uitkomsten"),
    ]

    operations = [
        migrations.AlterField(
            model_name="inburgeraar",
            name="bsn",
            field=models.CharField(
                max_length=9,
                validators=[inburgering.bsn.valideer_bsn],
                verbose_name="BSN",
            ),
        ),
        migrations.AddField(
            model_name="inburgeraar",
            name="gemeente",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="inburgeraars",
                to="accounts.gemeente",
                verbose_name="gemeente",
            ),
        ),
        migrations.RunPython(per_gemeente, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="inburgeraar",
            name="gemeente",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="inburgeraars",
                to="accounts.gemeente",
                verbose_name="gemeente",
            ),
        ),
        migrations.AddConstraint(
            model_name="inburgeraar",
            constraint=models.UniqueConstraint(
                fields=("gemeente", "bsn"), name="een_inburgeraar_per_bsn_per_gemeente"
            ),
        ),
        migrations.AddIndex(
            model_name="inburgeraar",
            index=models.Index(fields=["bsn"], name="dossiers_inburgeraar_bsn"),
        ),
        migrations.AlterField(
            model_name="dossierevent",
            name="soort",
            field=models.CharField(
                choices=[
                    ("signaal_ontvangen", "Kennisgeving inburgeringsplicht ontvangen"),
                    ("coa_koppeling", "Gekoppeld door COA"),
                    ("huisvesting", "Ingeschreven in BRP (gehuisvest)"),
                    ("intake_gestart", "Brede intake gestart"),
                    ("intake_afgerond", "Brede intake afgerond"),
                    ("pip_vastgesteld", "PIP vastgesteld"),
                    ("aangemeld_leerroute", "Aangemeld bij cursusinstelling"),
                    ("leerroute_gestart", "Leerroute gestart"),
                    ("dossier_afgesloten", "Dossier afgesloten"),
                    ("doelgroep_vastgesteld", "Doelgroep vastgesteld"),
                    ("consulent_toegewezen", "Consulent toegewezen"),
                    ("lbt_afgenomen", "Leerbaarheidstoets afgenomen"),
                    ("contact", "Contactmoment"),
                    ("notitie", "Notitie"),
                    ("intrekking", "Eerdere registratie ingetrokken"),
                    ("vestiging_na_verhuizing", "Gevestigd in gemeente na verhuizing"),
                    ("termijn_duo", "Inburgeringstermijn volgens DUO"),
                    ("lbt_aangemeld", "Aangemeld voor de leerbaarheidstoets"),
                    ("examenresultaat", "Examenresultaat bekend"),
                    ("warme_overdracht", "Warme overdracht (driegesprek)"),
                    ("oproep_intake", "Oproep brede intake verstuurd"),
                    ("oproep_niet_gevolgd", "Niet verschenen of niet meegewerkt"),
                    ("waarschuwing", "Schriftelijke waarschuwing verstuurd"),
                    ("boete_voorgesteld", "Boete voorgesteld"),
                    ("intake_zonder_persoon", "Brede intake voltooid zonder betrokkene"),
                    ("wacht_op", "Wacht op"),
                    ("wachten_beeindigd", "Wachten beëindigd"),
                    ("pip_stap", "PIP bijgewerkt"),
                    ("lbt_ontheffing", "Ontheffing leerbaarheidstoets verleend"),
                    ("participatie_gemeten", "Participatie gemeten"),
                    ("kosten_geregistreerd", "Kosten geregistreerd"),
                    ("duale_activiteit_gestart", "Duale activiteit gestart"),
                    ("duale_activiteit_beeindigd", "Duale activiteit beëindigd"),
                    ("dubbele_inschrijving", "Ook ingeschreven door een andere gemeente"),
                ],
                max_length=30,
                verbose_name="gebeurtenis",
            ),
        ),
        migrations.AlterField(
            model_name="gezinsrelatie",
            name="gerelateerde",
            field=models.ForeignKey(
                blank=True,
                help_text="Als het gezinslid zelf inburgeraar is (in dezelfde gemeente).",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="dossiers.inburgeraar",
            ),
        ),
    ]

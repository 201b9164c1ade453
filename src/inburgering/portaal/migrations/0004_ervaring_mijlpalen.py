# The experience questionnaire at the dossier's milestones (issue 19 item 7). The answers of
# the earlier periodic questionnaire asked other questions (a mark and "know what to do") and
# are not comparable with the milestones' questions: they are removed.

import django.db.models.deletion
from django.db import migrations, models


def oude_antwoorden_weg(apps, schema_editor):
    apps.get_model("portaal", "Ervaring").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("dossiers", "0020_portaal_soorten"),
        ("portaal", "0003_vorige_inlog"),
    ]

    operations = [
        migrations.RunPython(oude_antwoorden_weg, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="ervaring", name="ervaring_cijfer_1_tot_5"),
        migrations.RemoveField(model_name="ervaring", name="cijfer"),
        migrations.RemoveField(model_name="ervaring", name="duidelijk"),
        migrations.RemoveField(model_name="ervaring", name="ingevuld_op"),
        migrations.RemoveField(model_name="portaalprofiel", name="ervaring_gegeven_op"),
        migrations.AddField(
            model_name="ervaring",
            name="mijlpaal",
            field=models.CharField(
                choices=[
                    ("intake", "Na de brede intake"),
                    ("route", "Zes maanden na de start van de leerroute"),
                    ("einde", "Aan het einde van de inburgering"),
                ],
                default="intake",
                max_length=10,
                verbose_name="mijlpaal",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="ervaring",
            name="brieven",
            field=models.CharField(
                blank=True,
                choices=[("ja", "Ja"), ("beetje", "Een beetje"), ("nee", "Nee")],
                max_length=10,
                verbose_name="brieven duidelijk",
            ),
        ),
        migrations.AddField(
            model_name="ervaring",
            name="contactpersoon",
            field=models.CharField(
                blank=True,
                choices=[("ja", "Ja"), ("beetje", "Een beetje"), ("nee", "Nee")],
                max_length=10,
                verbose_name="weet wie de contactpersoon is",
            ),
        ),
        migrations.AddField(
            model_name="ervaring",
            name="route",
            field=models.CharField(
                blank=True,
                choices=[("ja", "Ja"), ("beetje", "Een beetje"), ("nee", "Nee")],
                max_length=10,
                verbose_name="leerroute past",
            ),
        ),
        migrations.AddField(
            model_name="ervaring",
            name="maand",
            field=models.DateField(default="2026-01-01", verbose_name="maand"),
            preserve_default=False,
        ),
        migrations.AddIndex(
            model_name="ervaring",
            index=models.Index(fields=["gemeente", "mijlpaal"], name="portaal_erv_gemeent_2c9d44_idx"),
        ),
        migrations.CreateModel(
            name="Ervaringsmoment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "mijlpaal",
                    models.CharField(
                        choices=[
                            ("intake", "Na de brede intake"),
                            ("route", "Zes maanden na de start van de leerroute"),
                            ("einde", "Aan het einde van de inburgering"),
                        ],
                        max_length=10,
                        verbose_name="mijlpaal",
                    ),
                ),
                (
                    "overgeslagen",
                    models.BooleanField(default=False, verbose_name="overgeslagen"),
                ),
                (
                    "dossier",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="dossiers.dossier",
                    ),
                ),
            ],
            options={
                "verbose_name": "ervaringsmoment",
                "verbose_name_plural": "ervaringsmomenten",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("dossier", "mijlpaal"), name="ervaringsmoment_eens_per_mijlpaal"
                    )
                ],
            },
        ),
    ]

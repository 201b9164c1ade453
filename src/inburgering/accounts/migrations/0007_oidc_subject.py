"""`Gebruiker.oidc_subject`: the user's `sub` at the identity provider (accounts/oidc.py).

SQLite adds a unique column by rebuilding the table, and the export log's delete trigger (0006)
names `accounts_gebruiker` in its body, which SQLite refuses during the rename: the trigger is
dropped before and created again after, with 0006's own SQL, in the same migration."""

import importlib

from django.db import migrations, models

_0006 = importlib.import_module("inburgering.accounts.migrations.0006_exportlog_onveranderlijk")


def _sqlite(statements):
    def uitvoeren(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql, params=None)

    return uitvoeren


TRIGGER_WEG = ["DROP TRIGGER IF EXISTS exportlog_geen_delete"]
TRIGGER_TERUG = [sql for sql in _0006.SQLITE_VOORUIT if "exportlog_geen_delete" in sql]


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_exportlog_onveranderlijk")]

    operations = [
        migrations.RunPython(_sqlite(TRIGGER_WEG), _sqlite(TRIGGER_TERUG)),
        migrations.AddField(
            model_name="gebruiker",
            name="oidc_subject",
            field=models.CharField(
                blank=True,
                editable=False,
                max_length=255,
                null=True,
                unique=True,
                verbose_name="OIDC-subject",
            ),
        ),
        migrations.RunPython(_sqlite(TRIGGER_TERUG), _sqlite(TRIGGER_WEG)),
    ]

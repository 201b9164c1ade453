"""The configuration audit trail (`accounts_configuratiewijziging`) is append-only in the
database itself, like the access log (0005, 0006): UPDATE and DELETE are refused, whoever sends
them; on SQLite a DELETE passes only while `manage.py flush` empties the whole database
(`inburgering.sqlite`, mode `leegmaken`). No retention purge and no demo exception: the trail
names staff only. The SQL is written out so this migration stays what it was when it ran."""

from django.db import migrations

MELDING = (
    "Het wijzigingenlog (accounts_configuratiewijziging) is alleen-toevoegen: {op} geweigerd."
)

PG_VOORUIT = f"""
CREATE OR REPLACE FUNCTION inburgering_configuratiewijziging_alleen_toevoegen() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{MELDING.format(op="%")}', TG_OP USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER configuratiewijziging_alleen_toevoegen
    BEFORE UPDATE OR DELETE ON accounts_configuratiewijziging
    FOR EACH ROW EXECUTE FUNCTION inburgering_configuratiewijziging_alleen_toevoegen();
"""

PG_TERUG = """
DROP TRIGGER IF EXISTS configuratiewijziging_alleen_toevoegen ON accounts_configuratiewijziging;
DROP FUNCTION IF EXISTS inburgering_configuratiewijziging_alleen_toevoegen();
"""

SQLITE_VOORUIT = [
    f"""
CREATE TRIGGER configuratiewijziging_geen_update BEFORE UPDATE ON accounts_configuratiewijziging
BEGIN
    SELECT RAISE(ABORT, '{MELDING.format(op="UPDATE")}');
END
""",
    f"""
CREATE TRIGGER configuratiewijziging_geen_delete BEFORE DELETE ON accounts_configuratiewijziging
WHEN NOT EXISTS (SELECT 1 FROM dossiers_schrijfvergunning v WHERE v.modus = 'leegmaken')
BEGIN
    SELECT RAISE(ABORT, '{MELDING.format(op="DELETE")}');
END
""",
]

SQLITE_TERUG = [
    "DROP TRIGGER IF EXISTS configuratiewijziging_geen_update",
    "DROP TRIGGER IF EXISTS configuratiewijziging_geen_delete",
]


def vooruit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_VOORUIT, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_VOORUIT:
            schema_editor.execute(sql, params=None)


def terug(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_TERUG, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_TERUG:
            schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_configuratiewijziging"),
        ("dossiers", "0010_eventlog_onveranderlijk"),
    ]

    operations = [migrations.RunPython(vooruit, terug)]

"""The access log refuses UPDATE and DELETE in the database itself (triggers), except DELETE
inside `dossiers.onveranderlijk.uitzondering`: rows older than the retention period
(`manage.py opschonen`) and rows of synthetic demo dossiers (`demo_data --reset`). The SQL is
written out here so this migration stays what it was when it ran. SQLite: see the note in
dossiers 0008 about table rebuilds."""

from django.db import migrations

SYNTHETISCH = "990000000"  # bsn.SYNTHETISCH_BSN_BEREIK (to 999999999)

MELDING = (
    "Het inzagelog (accounts_inzagelog) is alleen-toevoegen: {op} geweigerd. Alleen manage.py "
    "opschonen verwijdert regels na de bewaartermijn."
)

DEMO_DOSSIER = f"""EXISTS (
    SELECT 1 FROM dossiers_dossier d JOIN dossiers_inburgeraar i ON i.id = d.inburgeraar_id
    WHERE d.id = OLD.dossier_id AND i.bsn BETWEEN '{SYNTHETISCH}' AND '999999999'
)"""

PG_VOORUIT = f"""
CREATE OR REPLACE FUNCTION inburgering_inzagelog_alleen_toevoegen() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    modus text := coalesce(current_setting('inburgering.opschonen', true), '');
    tot timestamptz := nullif(current_setting('inburgering.inzagelog_tot', true), '');
BEGIN
    IF TG_OP = 'DELETE' AND (
        (modus = 'opschonen' AND tot IS NOT NULL AND OLD.tijdstip < tot)
        OR (modus = 'demo' AND {DEMO_DOSSIER})
    ) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '{MELDING.format(op="%")}', TG_OP USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER inzagelog_alleen_toevoegen
    BEFORE UPDATE OR DELETE ON accounts_inzagelog
    FOR EACH ROW EXECUTE FUNCTION inburgering_inzagelog_alleen_toevoegen();
"""

PG_TERUG = """
DROP TRIGGER IF EXISTS inzagelog_alleen_toevoegen ON accounts_inzagelog;
DROP FUNCTION IF EXISTS inburgering_inzagelog_alleen_toevoegen();
"""

SQLITE_VOORUIT = [
    f"""
CREATE TRIGGER inzagelog_geen_update BEFORE UPDATE ON accounts_inzagelog
BEGIN
    SELECT RAISE(ABORT, '{MELDING.format(op="UPDATE")}');
END
""",
    f"""
CREATE TRIGGER inzagelog_geen_delete BEFORE DELETE ON accounts_inzagelog
WHEN NOT EXISTS (
    SELECT 1 FROM dossiers_schrijfvergunning v
    WHERE v.modus = 'leegmaken'
        OR (v.modus = 'opschonen' AND v.tot IS NOT NULL AND OLD.tijdstip < v.tot)
        OR (v.modus = 'demo' AND {DEMO_DOSSIER})
)
BEGIN
    SELECT RAISE(ABORT, '{MELDING.format(op="DELETE")}');
END
""",
]

SQLITE_TERUG = [
    "DROP TRIGGER IF EXISTS inzagelog_geen_update",
    "DROP TRIGGER IF EXISTS inzagelog_geen_delete",
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
        ("accounts", "0004_exportlog"),
        ("dossiers", "0010_eventlog_onveranderlijk"),
    ]

    operations = [migrations.RunPython(vooruit, terug)]

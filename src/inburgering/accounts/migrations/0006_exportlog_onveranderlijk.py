"""The export log is part of the access log: it refuses UPDATE and DELETE in the database
itself, like `accounts_inzagelog` (0005), except DELETE inside
`dossiers.onveranderlijk.uitzondering`: rows older than the retention period (`manage.py
opschonen`) and rows of demo users (`demo_data --reset`; e-mail at the demo domain). The SQL is
written out here so this migration stays what it was when it ran."""

from django.db import migrations

DEMO_DOMEIN = "%@demo.inburgering.invalid"  # demo.organisatie.DEMO_DOMEIN

MELDING = (
    "Het exportlog (accounts_exportlog) is alleen-toevoegen: {op} geweigerd. Alleen manage.py "
    "opschonen verwijdert regels na de bewaartermijn."
)

DEMO_GEBRUIKER = f"""EXISTS (
    SELECT 1 FROM accounts_gebruiker g WHERE g.id = OLD.gebruiker_id AND g.email LIKE '{DEMO_DOMEIN}'
)"""

PG_VOORUIT = f"""
CREATE OR REPLACE FUNCTION inburgering_exportlog_alleen_toevoegen() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    modus text := coalesce(current_setting('inburgering.opschonen', true), '');
    tot timestamptz := nullif(current_setting('inburgering.inzagelog_tot', true), '');
BEGIN
    IF TG_OP = 'DELETE' AND (
        (modus = 'opschonen' AND tot IS NOT NULL AND OLD.tijdstip < tot)
        OR (modus = 'demo' AND {DEMO_GEBRUIKER})
    ) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '{MELDING.format(op="%")}', TG_OP USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER exportlog_alleen_toevoegen
    BEFORE UPDATE OR DELETE ON accounts_exportlog
    FOR EACH ROW EXECUTE FUNCTION inburgering_exportlog_alleen_toevoegen();
"""

PG_TERUG = """
DROP TRIGGER IF EXISTS exportlog_alleen_toevoegen ON accounts_exportlog;
DROP FUNCTION IF EXISTS inburgering_exportlog_alleen_toevoegen();
"""

SQLITE_VOORUIT = [
    f"""
CREATE TRIGGER exportlog_geen_update BEFORE UPDATE ON accounts_exportlog
BEGIN
    SELECT RAISE(ABORT, '{MELDING.format(op="UPDATE")}');
END
""",
    f"""
CREATE TRIGGER exportlog_geen_delete BEFORE DELETE ON accounts_exportlog
WHEN NOT EXISTS (
    SELECT 1 FROM dossiers_schrijfvergunning v
    WHERE v.modus = 'leegmaken'
        OR (v.modus = 'opschonen' AND v.tot IS NOT NULL AND OLD.tijdstip < v.tot)
        OR (v.modus = 'demo' AND {DEMO_GEBRUIKER})
)
BEGIN
    SELECT RAISE(ABORT, '{MELDING.format(op="DELETE")}');
END
""",
]

SQLITE_TERUG = [
    "DROP TRIGGER IF EXISTS exportlog_geen_update",
    "DROP TRIGGER IF EXISTS exportlog_geen_delete",
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
    dependencies = [("accounts", "0005_inzagelog_onveranderlijk")]

    operations = [migrations.RunPython(vooruit, terug)]

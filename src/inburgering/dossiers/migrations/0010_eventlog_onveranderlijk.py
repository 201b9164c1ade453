"""The event log refuses UPDATE and DELETE in the database itself (triggers), except inside
`onveranderlijk.uitzondering` (see that module). The SQL is written out here, not imported, so
this migration stays what it was when it ran.

SQLite note: Django's SQLite schema editor rebuilds a table for most ALTERs and the triggers
go with the old table. A later migration that alters `dossiers_dossierevent` must create them
again (tests/dossiers/test_onveranderlijk.py fails when they are missing)."""

from django.db import migrations

SYNTHETISCH = "990000000"  # bsn.SYNTHETISCH_BSN_BEREIK (to 999999999), the demo range

MELDING = (
    "Het gebeurtenissenlog (dossiers_dossierevent) is alleen-toevoegen: {op} geweigerd. "
    "Leg een correctie of intrekking vast; alleen manage.py opschonen wist na de bewaartermijn "
    "de inhoud van gebeurtenissen."
)

PG_VOORUIT = f"""
CREATE OR REPLACE FUNCTION inburgering_dossierevent_alleen_toevoegen() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    modus text := coalesce(current_setting('inburgering.opschonen', true), '');
BEGIN
    IF TG_OP = 'UPDATE' AND modus = 'opschonen'
       AND NEW.id = OLD.id
       AND NEW.dossier_id = OLD.dossier_id
       AND NEW.soort = OLD.soort
       AND NEW.datum = OLD.datum
       AND NEW.geregistreerd_op = OLD.geregistreerd_op
       AND NEW.bron = OLD.bron
       AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
       AND NEW.bron_referentie = OLD.bron_referentie
       AND NEW.corrigeert_id IS NOT DISTINCT FROM OLD.corrigeert_id THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' AND modus = 'demo' AND EXISTS (
        SELECT 1 FROM dossiers_dossier d JOIN dossiers_inburgeraar i ON i.id = d.inburgeraar_id
        WHERE d.id = OLD.dossier_id AND i.bsn BETWEEN '{SYNTHETISCH}' AND '999999999'
    ) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '{MELDING.format(op="%")}', TG_OP USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER dossierevent_alleen_toevoegen
    BEFORE UPDATE OR DELETE ON dossiers_dossierevent
    FOR EACH ROW EXECUTE FUNCTION inburgering_dossierevent_alleen_toevoegen();
"""

PG_TERUG = """
DROP TRIGGER IF EXISTS dossierevent_alleen_toevoegen ON dossiers_dossierevent;
DROP FUNCTION IF EXISTS inburgering_dossierevent_alleen_toevoegen();
"""

_ONGEWIJZIGD = " OR ".join(
    f"NEW.{kolom} IS NOT OLD.{kolom}"
    for kolom in (
        "id",
        "dossier_id",
        "soort",
        "datum",
        "geregistreerd_op",
        "bron",
        "actor_id",
        "bron_referentie",
        "corrigeert_id",
    )
)

SQLITE_VOORUIT = [
    f"""
CREATE TRIGGER dossierevent_geen_update BEFORE UPDATE ON dossiers_dossierevent
WHEN NOT EXISTS (SELECT 1 FROM dossiers_schrijfvergunning WHERE modus = 'opschonen')
    OR {_ONGEWIJZIGD}
BEGIN
    SELECT RAISE(ABORT, '{MELDING.format(op="UPDATE")}');
END
""",
    f"""
CREATE TRIGGER dossierevent_geen_delete BEFORE DELETE ON dossiers_dossierevent
WHEN NOT EXISTS (SELECT 1 FROM dossiers_schrijfvergunning WHERE modus = 'leegmaken')
    AND NOT (
        EXISTS (SELECT 1 FROM dossiers_schrijfvergunning WHERE modus = 'demo')
        AND EXISTS (
            SELECT 1 FROM dossiers_dossier d
            JOIN dossiers_inburgeraar i ON i.id = d.inburgeraar_id
            WHERE d.id = OLD.dossier_id AND i.bsn BETWEEN '{SYNTHETISCH}' AND '999999999'
        )
    )
BEGIN
    SELECT RAISE(ABORT, '{MELDING.format(op="DELETE")}');
END
""",
]

SQLITE_TERUG = [
    "DROP TRIGGER IF EXISTS dossierevent_geen_update",
    "DROP TRIGGER IF EXISTS dossierevent_geen_delete",
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
    dependencies = [("dossiers", "0009_opschonen")]

    operations = [migrations.RunPython(vooruit, terug)]

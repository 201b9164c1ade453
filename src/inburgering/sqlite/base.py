"""Django's SQLite backend, with one change: `flush` may empty the append-only logs.

On SQLite the event log and the access log (with its export log) refuse DELETE by trigger
(migrations dossiers 0010, accounts 0005 and 0006). Emptying the whole database (`manage.py
flush`, and pytest-django after every transactional test, e.g. the browser tests) issues
`DELETE FROM` per table, which those triggers would refuse. PostgreSQL flushes with TRUNCATE,
which row triggers do not see; this backend gives SQLite the same rule: the flush statements
run inside one transaction that first writes the permission row `leegmaken` and removes it
again as its last statement. Nothing else changes.
"""

from django.db.backends.sqlite3 import base, operations

VERGUNNING = "dossiers_schrijfvergunning"
BESCHERMD = {
    "dossiers_dossierevent",
    "accounts_inzagelog",
    "accounts_exportlog",
    "accounts_configuratiewijziging",
}


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        tabellen = set(tables)
        if not tabellen & (BESCHERMD | {VERGUNNING}):
            return super().sql_flush(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        rest = [t for t in tables if t != VERGUNNING]
        sql = super().sql_flush(
            style, rest, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        tabel = self.quote_name(VERGUNNING)
        return [
            f"INSERT INTO {tabel} (modus) VALUES ('leegmaken');",  # noqa: S608
            *sql,
            f"DELETE FROM {tabel};",  # noqa: S608
        ]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

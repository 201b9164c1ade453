"""Signals of the dossier core, for apps that keep their own projections of the event log."""

from django.dispatch import Signal

#: Sent inside the transaction in which a dossier's event log grew (`services.registreer_reeks`)
#: or its projection was rebuilt (`services.herbereken`), with the dossier row locked.
#: Arguments: `dossier` (the locked row, projection updated), `events` (all its events) and,
#: when the log grew, `nieuw` (the events appended in this transaction).
dossier_bijgewerkt = Signal()

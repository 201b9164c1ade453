"""The PIP version's statuses as one table (see `inburgering.statusmachine`).

A draft is saved (concept), offered for approval, approved by a second person (four eyes, when
the gemeente asks for it), then set (vastgesteld); setting a newer version replaces the older.
Saving a draft that was offered or approved puts it back to concept: the approver saw another
text. Whether four eyes are required is a check before vaststelling (`services.controleer`),
not a pair in this table: without four eyes a concept is set directly.
"""

from inburgering.statusmachine import Statusmachine

from .models import Status

S = Status

PIP_STATUS = Statusmachine.uit_paren(
    Status,
    [
        (None, S.CONCEPT),  # opstellen, nieuwe versie
        (S.CONCEPT, S.CONCEPT),  # bewaren
        (S.TER_GOEDKEURING, S.CONCEPT),  # bewaren: het aanbod vervalt
        (S.GOEDGEKEURD, S.CONCEPT),  # bewaren: de goedkeuring vervalt
        (S.CONCEPT, S.TER_GOEDKEURING),  # aanbieden
        (S.TER_GOEDKEURING, S.GOEDGEKEURD),  # goedkeuren (vier ogen)
        (S.CONCEPT, S.VASTGESTELD),  # vaststellen (zonder vier ogen)
        (S.TER_GOEDKEURING, S.VASTGESTELD),  # vaststellen (zonder vier ogen)
        (S.GOEDGEKEURD, S.VASTGESTELD),  # vaststellen
        (S.VASTGESTELD, S.VERVANGEN),  # een nieuwere versie is vastgesteld
    ],
)

"""One-way hooks out of the learning route: apps that follow placements (the partners app: a
language school sees a dossier while it has a placement there) connect a receiver in their own
`AppConfig.ready`; traject never imports them.

`plaatsing_gewijzigd` is sent inside the service's transaction, after the placement is saved
with its new status (`plaats`, `wijzig_status`), with `plaatsing` and `datum` (the day of the
step). A receiver that raises rolls the whole step back, so its records follow the placement."""

from django.dispatch import Signal

plaatsing_gewijzigd = Signal()

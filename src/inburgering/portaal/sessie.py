"""The citizen's session (docs/adr/0025): separate from staff sessions, short, and ended
everywhere at once.

* Separate: a citizen's session has no Django user, so every staff page (LoginRequired
  middleware, the role checks) sends it to the staff login. Logging in as a citizen flushes
  whatever session the browser had (a staff session included); a staff login drops the
  citizen's keys (`signals.py`); a session holding both is refused here.
* Short: `PORTAAL_SESSIE_SECONDEN` (15 minutes) without a request ends it.
* Limited: `PORTAAL_PAGINA_LIMIET` pages per person per `PORTAAL_PAGINA_VENSTER` seconds (the
  login steps per IP: `PORTAAL_INLOG_LIMIET`).
* Everywhere: the session carries the profile's `sessieversie`; logging out raises it, which
  ends every other session of this person too.
* No BSN in the session: only the ids of the person record and the dossier.
* A parent reading a minor child's dossier (ADR 0039): the session keeps the child's dossier id
  next to the parent's own; every request asks `gezin.kinddossiers` again, so access ends the
  moment the rule no longer holds (the page then shows the parent's own dossier).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from inburgering.accounts.beveiliging import client_ip
from inburgering.dossiers.models import Dossier

from .gezin import kinddossiers
from .models import Portaalprofiel

SLEUTEL = "portaal_burger"


@dataclass(frozen=True)
class Burger:
    """The logged-in citizen: the dossier the portal shows (with its person), their profile,
    and, while they read a minor child's dossier (ADR 0039), their own dossier in `ouder`."""

    dossier: Dossier
    profiel: Portaalprofiel
    ouder: Dossier | None = None

    @property
    def persoon(self):
        """The person whose dossier is shown (the child's while reading along)."""
        return self.dossier.inburgeraar

    @property
    def meelezen(self) -> bool:
        """True while a parent reads their child's dossier: read-only."""
        return self.ouder is not None

    @property
    def eigen_dossier(self) -> Dossier:
        """The logged-in person's own dossier."""
        return self.ouder or self.dossier

    @property
    def ingelogd(self):
        """The logged-in person (the parent while reading along)."""
        return self.eigen_dossier.inburgeraar


def kies_kind(request: HttpRequest, dossier: Dossier | None) -> None:
    """Show this child's dossier from now on (None: the person's own again)."""
    gegevens = dict(request.session[SLEUTEL])
    if dossier is None:
        gegevens.pop("kind", None)
    else:
        gegevens["kind"] = dossier.pk
    request.session[SLEUTEL] = gegevens


def meld_aan(request: HttpRequest, dossier: Dossier, profiel: Portaalprofiel) -> None:
    """Start a fresh citizen session (a new session key, nothing of a previous session)."""
    request.session.flush()
    request.session[SLEUTEL] = {
        "persoon": dossier.inburgeraar_id,
        "dossier": dossier.pk,
        "versie": profiel.sessieversie,
        "laatst": time.time(),
    }
    request.session.set_expiry(settings.PORTAAL_SESSIE_SECONDEN)


def burger_van(request: HttpRequest) -> Burger | None:
    """The citizen of this session, or None (no citizen session, idle too long, logged out
    elsewhere, or a staff user in the same session)."""
    gegevens: dict[str, Any] | None = request.session.get(SLEUTEL)
    if not gegevens:
        return None
    if SESSION_KEY in request.session:
        return None
    if time.time() - float(gegevens.get("laatst", 0)) > settings.PORTAAL_SESSIE_SECONDEN:
        request.session.flush()
        return None
    dossier = (
        Dossier.objects.select_related("inburgeraar", "gemeente", "consulent")
        .filter(pk=gegevens["dossier"], inburgeraar_id=gegevens["persoon"])
        .first()
    )
    profiel = Portaalprofiel.objects.filter(inburgeraar_id=gegevens["persoon"]).first()
    if dossier is None or profiel is None or profiel.sessieversie != gegevens.get("versie"):
        request.session.flush()
        return None
    gegevens["laatst"] = time.time()
    kind = None
    if gegevens.get("kind") is not None:
        kind = next((d for d in kinddossiers(dossier) if d.pk == gegevens["kind"]), None)
        if kind is None:
            gegevens.pop("kind")
    request.session[SLEUTEL] = gegevens
    request.session.set_expiry(settings.PORTAAL_SESSIE_SECONDEN)
    if kind is not None:
        return Burger(kind, profiel, ouder=dossier)
    return Burger(dossier, profiel)


def burger_vereist(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A portal page: only with a citizen session, else to the portal's start page."""

    @login_not_required
    @functools.wraps(view)
    def omhulsel(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        burger = burger_van(request)
        if burger is None:
            return HttpResponseRedirect(reverse("portaal:start"))
        if te_veel_verzoeken(burger):
            antwoord = render(request, "portaal/te_druk.html", {"burger": burger}, status=429)
            antwoord["Retry-After"] = str(settings.PORTAAL_PAGINA_VENSTER)
            return antwoord
        request.burger = burger  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return omhulsel


def _tel(sleutel: str, venster: int) -> int:
    cache.add(sleutel, 0, venster)
    try:
        return cache.incr(sleutel)
    except ValueError:
        cache.set(sleutel, 1, venster)
        return 1


def te_veel_verzoeken(burger: Burger) -> bool:
    """Counts one portal page for this person (every session of theirs together); True once
    `PORTAAL_PAGINA_LIMIET` per `PORTAAL_PAGINA_VENSTER` seconds is passed."""
    venster = settings.PORTAAL_PAGINA_VENSTER
    sleutel = f"portaal-pagina:{burger.profiel.pk}:{int(time.time() // venster)}"
    return _tel(sleutel, venster) > settings.PORTAAL_PAGINA_LIMIET


def te_veel_pogingen(request: HttpRequest) -> bool:
    """Counts one login step (start or return) for this client IP; True once the limit
    `PORTAAL_INLOG_LIMIET` per `PORTAAL_INLOG_VENSTER` seconds is passed."""
    venster = int(time.time() // settings.PORTAAL_INLOG_VENSTER)
    sleutel = f"portaal-inlog:{client_ip(request)}:{venster}"
    return _tel(sleutel, settings.PORTAAL_INLOG_VENSTER) > settings.PORTAAL_INLOG_LIMIET

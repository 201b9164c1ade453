"""Gemeenten, Zaffier, teams and users of the synthetic data.

Named demo users (documented in docs/performance.md and the command's help) get their password
through `set_password`. Generated colleagues get the same password hash, computed once, because
hashing ~1,500 passwords would take minutes. Every generated user has an e-mail address at
`DEMO_DOMEIN`; `--reset` uses that to find them.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from inburgering.accounts.models import Gebruiker, Gemeente, Rol, Samenwerkingsverband, Team

from .gemeenten import BUCH, DEVENTER, PER_CODE, UTRECHT, ZAFFIER, ZAFFIER_TEAM_GEMEENTE
from .kalibratie import CASELOAD_NORM
from .namen import MEDEWERKER_ACHTERNAMEN, MEDEWERKER_VOORNAMEN

WACHTWOORD = "Inburgering-demo-2026"  # documented demo password, never production
DEMO_DOMEIN = "demo.inburgering.invalid"
TEAMNAMEN = (
    "Team Noord",
    "Team Zuid",
    "Team Oost",
    "Team West",
    "Team Centrum",
    "Team Jongeren",
    "Team Gezinsmigranten",
    "Team Statushouders",
)


@dataclass(frozen=True)
class Medewerker:
    id: int
    naam: str


@dataclass
class Organisatie:
    gemeenten: dict[str, Gemeente]
    #: consulenten who work for a gemeente (for the regional service: the shared pool)
    pools: dict[str, list[Medewerker]] = field(default_factory=dict)
    #: per gemeente: (consulent, number of open dossiers this consulent must get)
    vaste_caseload: dict[str, tuple[Medewerker, int]] = field(default_factory=dict)
    gebruikers: dict[str, Gebruiker] = field(default_factory=dict)


def maak_organisatie(
    rng: random.Random, aantallen: dict[str, int], open_aandeel: float, vaste_caseload: int
) -> Organisatie:
    """Gemeenten for every code in `aantallen` (dossiers per gemeente), teams and users."""
    gemeenten = {code: _gemeente(code) for code in sorted(aantallen)}
    org = Organisatie(gemeenten)
    zaffier = [g for code, g in gemeenten.items() if code in BUCH]
    if zaffier:
        verband, _ = Samenwerkingsverband.objects.get_or_create(naam=ZAFFIER)
        verband.gemeenten.add(*zaffier)
    wachtwoord_hash = make_password(WACHTWOORD)
    _named_users(org)
    for code, gemeente in gemeenten.items():
        if code in BUCH and code != ZAFFIER_TEAM_GEMEENTE:
            continue  # the Zaffier staff are made once, for all four gemeenten
        werkgebied = [gemeenten[c] for c in BUCH if c in gemeenten] if code in BUCH else [gemeente]
        verwacht_open = sum(aantallen[g.cbs_code] for g in werkgebied) * open_aandeel
        _consulenten(org, rng, gemeente, werkgebied, verwacht_open, wachtwoord_hash)
    vast = org.gebruikers.get("consulent")
    if vast is not None and UTRECHT in gemeenten:
        org.vaste_caseload[UTRECHT] = (Medewerker(vast.pk, vast.weergavenaam), vaste_caseload)
    return org


def synthetisch_oin(cbs_code: str) -> str:
    """A 20-digit OIN in the municipal shape (00000001 + number + 0000) for demo and benchmark
    gemeenten, so the DUO simulator can address them. Not a real registered OIN."""
    return f"00000001{int(cbs_code):08d}0000"


def _gemeente(code: str) -> Gemeente:
    gemeente, _ = Gemeente.objects.get_or_create(
        cbs_code=code, defaults={"naam": PER_CODE[code].naam, "oin": synthetisch_oin(code)}
    )
    return gemeente


def _team(gemeente: Gemeente, naam: str) -> Team:
    return Team.objects.get_or_create(gemeente=gemeente, naam=naam)[0]


def _named_users(org: Organisatie) -> None:
    g = org.gemeenten
    utrecht, deventer = g.get(UTRECHT), g.get(DEVENTER)
    buch = [g[c] for c in BUCH if c in g]
    demo = [x for x in (utrecht, deventer, *buch) if x is not None]
    noord = _team(utrecht, "Team Noord") if utrecht else None
    zaffier = _team(g[ZAFFIER_TEAM_GEMEENTE], "Zaffier") if ZAFFIER_TEAM_GEMEENTE in g else None
    specs = [
        ("consulent", "Sanne", "de Jong", Rol.CONSULENT, [utrecht], noord),
        ("consulent2", "Youssef", "El Amrani", Rol.CONSULENT, [utrecht], noord),
        ("teamleider", "Marieke", "Verhoeven", Rol.TEAMLEIDER, [utrecht], noord),
        ("zaffier", "Kees", "Schouten", Rol.CONSULENT, buch, zaffier),
        # Deventer works with four eyes (demo/naspelen.py VIER_OGEN): she approves PIPs.
        ("teamleider2", "Anouk", "Hendriks", Rol.TEAMLEIDER, [deventer], None),
        ("kwaliteit", "Ingrid", "Bos", Rol.KWALITEIT, [utrecht, deventer], None),
        ("privacy", "Pieter", "Langeveld", Rol.PRIVACY, demo, None),
        ("beheerder", "Fatma", "Yilmaz", Rol.BEHEERDER, list(g.values()), None),
    ]
    for username, voornaam, achternaam, rol, werkgebied, team in specs:
        werkgebied = [x for x in werkgebied if x is not None]
        if not werkgebied:
            continue
        user = Gebruiker(
            username=username,
            first_name=voornaam,
            last_name=achternaam,
            rol=rol,
            team=team,
            email=f"{username}@{DEMO_DOMEIN}",
            is_staff=rol == Rol.BEHEERDER,
            is_superuser=rol == Rol.BEHEERDER,
        )
        user.set_password(WACHTWOORD)
        user.save()
        user.gemeenten.set(werkgebied)
        org.gebruikers[username] = user
        if rol == Rol.CONSULENT:
            for gemeente in werkgebied:
                org.pools.setdefault(gemeente.cbs_code, []).append(
                    Medewerker(user.pk, user.weergavenaam)
                )


def _consulenten(
    org: Organisatie,
    rng: random.Random,
    gemeente: Gemeente,
    werkgebied: list[Gemeente],
    verwacht_open: float,
    wachtwoord_hash: str,
) -> None:
    """Staff the gemeente at the caseload norm: at least two consulenten, teams of about five."""
    bestaand = len(org.pools.get(gemeente.cbs_code, []))
    aantal = max(2, math.ceil(verwacht_open / CASELOAD_NORM)) - bestaand
    if gemeente.cbs_code == UTRECHT:
        aantal = max(aantal, 2)
    if gemeente.cbs_code in BUCH:
        teams = [_team(gemeente, "Zaffier")]
    elif gemeente.cbs_code == UTRECHT:
        teams = [_team(gemeente, n) for n in TEAMNAMEN[: max(2, math.ceil((aantal + 2) / 5))]]
    else:
        n_teams = math.ceil(aantal / 6)
        namen = TEAMNAMEN[:n_teams] if n_teams > 1 else ("Team Inburgering",)
        teams = [_team(gemeente, n) for n in namen]
    nieuw = []
    for i in range(1, aantal + 1):
        user = Gebruiker(
            username=f"{gemeente.cbs_code}-consulent-{i:02d}",
            first_name=rng.choice(MEDEWERKER_VOORNAMEN),
            last_name=rng.choice(MEDEWERKER_ACHTERNAMEN),
            email=f"{gemeente.cbs_code}-consulent-{i:02d}@{DEMO_DOMEIN}",
            rol=Rol.CONSULENT,
            team=teams[i % len(teams)],
            password=wachtwoord_hash,
        )
        nieuw.append(user)
    Gebruiker.objects.bulk_create(nieuw)
    koppelingen = [
        Gebruiker.gemeenten.through(gebruiker_id=user.pk, gemeente_id=g.pk)
        for user in nieuw
        for g in werkgebied
    ]
    Gebruiker.gemeenten.through.objects.bulk_create(koppelingen)
    for user in nieuw:
        for g in werkgebied:
            org.pools.setdefault(g.cbs_code, []).append(Medewerker(user.pk, user.weergavenaam))

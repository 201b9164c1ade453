"""Synthetic people: BSNs that pass the elfproef, names per origin, contact details, households."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass, field

from inburgering.dossiers.models import Doelgroep, Geslacht, Inburgeraar

from .namen import HERKOMST, HERKOMST_GEWICHT, STRATEN, Herkomst

#: Origins where a wife usually takes her husband's surname (others keep their own).
GEDEELDE_ACHTERNAAM = frozenset({"UA", "PH", "IN", "BR"})
_GEWICHTEN_BSN = (9, 8, 7, 6, 5, 4, 3, 2)


def bsn_met_controlecijfer(prefix: int) -> str | None:
    """The one BSN with these first 8 digits that passes the elfproef, or None (check digit 10)."""
    cijfers = f"{prefix:08d}"
    totaal = sum(int(c) * w for c, w in zip(cijfers, _GEWICHTEN_BSN, strict=True))
    laatste = totaal % 11
    return None if laatste == 10 else cijfers + str(laatste)


class BsnPool:
    """Hands out unique, elfproef-valid BSNs from `bereik` in a seeded random order."""

    def __init__(self, bereik: range, rng: random.Random) -> None:
        prefixen = range(bereik.start // 10, (bereik.stop - 1) // 10 + 1)
        volgorde = list(prefixen)
        rng.shuffle(volgorde)
        self._prefixen = iter(volgorde)
        self._bereik = bereik

    def volgende(self) -> str:
        for prefix in self._prefixen:
            bsn = bsn_met_controlecijfer(prefix)
            if bsn is not None and int(bsn) in self._bereik:
                return bsn
        raise RuntimeError("Het BSN-bereik voor synthetische gegevens is op.")


def kies_herkomst(rng: random.Random, doelgroep: str) -> Herkomst:
    gewichten = HERKOMST_GEWICHT[doelgroep]
    return HERKOMST[rng.choices(list(gewichten), weights=list(gewichten.values()))[0]]


def geboortedatum(
    rng: random.Random, peildatum: dt.date, min_jaar: int, max_jaar: int, modus: int
) -> dt.date:
    """A birth date giving an age between min and max (triangular, peak at `modus`) on peildatum."""
    leeftijd = rng.triangular(min_jaar, max_jaar + 0.99, modus)
    return peildatum - dt.timedelta(days=int(leeftijd * 365.25))


def _ascii(tekst: str) -> str:
    plat = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode()
    return "".join(c for c in plat.lower() if c.isalnum())


@dataclass
class Adres:
    plaats: str
    postcode_begin: int  # first two digits of the postcode area


@dataclass
class NieuwePersoon:
    inburgeraar: Inburgeraar
    herkomst: Herkomst
    relaties: list[tuple[str, str, dt.date | None, NieuwePersoon | None]] = field(
        default_factory=list
    )  # (soort, naam, geboortedatum, gerelateerde)


def maak_persoon(
    rng: random.Random,
    herkomst: Herkomst,
    *,
    bsn: str,
    geslacht: str,
    geboren: dt.date,
    doelgroep: str,
    adres: Adres | None,
    achternaam: str | None = None,
) -> NieuwePersoon:
    voornamen = rng.choice(herkomst.mannen if geslacht == Geslacht.MAN else herkomst.vrouwen)
    if rng.random() < 0.25:
        tweede = rng.choice(herkomst.mannen if geslacht == Geslacht.MAN else herkomst.vrouwen)
        if tweede != voornamen:
            voornamen = f"{voornamen} {tweede}"
    achternaam = achternaam or rng.choice(herkomst.achternamen)
    talen = list(herkomst.talen[: rng.randint(1, len(herkomst.talen))])
    if rng.random() < 0.3:
        talen.append("en")
    telefoon = f"06-{rng.randint(10_000_000, 99_999_999)}" if rng.random() < 0.95 else ""
    persoon = Inburgeraar(
        bsn=bsn,
        v_nummer=str(rng.randint(10**9, 10**10 - 1))
        if doelgroep == Doelgroep.ASIELSTATUSHOUDER
        else "",
        voornamen=voornamen,
        geslachtsnaam=achternaam,
        geboortedatum=geboren,
        geslacht=geslacht,
        land_van_herkomst=herkomst.land,
        talen=list(dict.fromkeys(talen)),
        voorkeurstaal=talen[0],
        tolk_nodig=rng.random() < herkomst.tolk_kans,
        telefoon=telefoon,
        whatsapp=telefoon if telefoon and rng.random() < 0.65 else "",
        email=f"{_ascii(voornamen.split()[0])}.{_ascii(achternaam)}{rng.randint(1, 99)}@example.org"
        if rng.random() < 0.45
        else "",
    )
    if adres is not None:
        persoon.post_straat = f"{rng.choice(STRATEN)} {rng.randint(1, 180)}"
        letters = "".join(rng.choice("ABCDEGHJKLMNPRSTVWXZ") for _ in range(2))
        persoon.post_postcode = f"{adres.postcode_begin}{rng.randint(10, 99)} {letters}"
        persoon.post_plaats = adres.plaats
    return NieuwePersoon(persoon, herkomst)


def naam_kind(
    rng: random.Random, herkomst: Herkomst, vader_voornaam: str, vader_achternaam: str
) -> tuple[str, str]:
    """(first name, geslachtsnaam) of a child; the geslacht is drawn."""
    geslacht = rng.choice([Geslacht.MAN, Geslacht.VROUW])
    voornaam = rng.choice(herkomst.mannen if geslacht == Geslacht.MAN else herkomst.vrouwen)
    if herkomst.gezinsnaam == "voornaam_vader":
        return voornaam, vader_voornaam.split()[0]
    return voornaam, vader_achternaam


def kinderen(
    rng: random.Random,
    herkomst: Herkomst,
    vader: tuple[str, str],
    ouder_geboren: dt.date,
    peildatum: dt.date,
    vandaag: dt.date,
    aantal: int,
) -> list[tuple[str, dt.date]]:
    """Children's full names and birth dates (`vader` = father's first name and surname):
    born after the younger parent turned 19, at most 17 years before `peildatum`, not in future."""
    resultaat = []
    vroegst = max(
        ouder_geboren + dt.timedelta(days=19 * 365), peildatum - dt.timedelta(days=17 * 365)
    )
    laatst = min(vandaag, peildatum + dt.timedelta(days=400))
    for _ in range(aantal):
        if laatst <= vroegst:
            break
        geboren = vroegst + dt.timedelta(days=rng.randint(0, (laatst - vroegst).days))
        voornaam, achternaam = naam_kind(rng, herkomst, *vader)
        if any(naam.startswith(f"{voornaam} ") for naam, _ in resultaat):
            continue  # siblings do not share a first name
        resultaat.append((f"{voornaam} {achternaam}", geboren))
    return sorted(resultaat, key=lambda kind: kind[1])

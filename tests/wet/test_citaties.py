"""Every citation in the package names an existing article (and lid/onderdeel) in the
official texts, every rule is registered consistently, and docs/rules.md is up to date."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

import inburgering.wet as wet
from inburgering.wet import REGELS, Grondslag, alle_grondslagen
from inburgering.wet.docs import genereer
from inburgering.wet.grondslag import BI2021, PW, WI2021

REPO = Path(__file__).resolve().parents[2]
WETTEN_DIR = Path(os.environ.get("WETTEN_DIR", REPO.parent / "shared" / "reference" / "wetten"))
LID_KOP = re.compile(r"(?:\A|\n\n)(\d+)\.?[ \t]+\S")


def _leden(tekst: str) -> list[tuple[int, str]]:
    """Numbered leden ("1 De ...", "2. Het ...") as (number, text) in sequence from 1."""
    koppen = [(int(m.group(1)), m.start(1)) for m in LID_KOP.finditer(tekst)]
    gevonden: list[tuple[int, int]] = []
    for nummer, positie in koppen:
        if nummer == len(gevonden) + 1:
            gevonden.append((nummer, positie))
    return [
        (nummer, tekst[pos : gevonden[i + 1][1] if i + 1 < len(gevonden) else len(tekst)])
        for i, (nummer, pos) in enumerate(gevonden)
    ]


@pytest.fixture(scope="module")
def teksten() -> dict[str, dict[str, str]]:
    if not WETTEN_DIR.is_dir():
        pytest.skip(f"official texts not found at {WETTEN_DIR} (set WETTEN_DIR)")
    resultaat: dict[str, dict[str, str]] = {}
    for bestand in sorted(WETTEN_DIR.glob("*.yaml")):
        data = yaml.safe_load(bestand.read_text(encoding="utf-8"))
        artikelen = resultaat.setdefault(data["bwb_id"], {})
        for artikel in data["articles"]:
            artikelen[str(artikel["number"])] = artikel["text"]
    return resultaat


def _alle_citaties() -> set[Grondslag]:
    citaties = set(alle_grondslagen())
    for info in REGELS.values():
        citaties.update(info.grondslagen)
    return citaties


def _controleer(g: Grondslag, teksten: dict[str, dict[str, str]]) -> str | None:
    artikelen = teksten.get(g.bwb_id)
    if artikelen is None:
        return f"{g}: no official text for {g.bwb_id}"
    if g.artikel not in artikelen:
        return f"{g}: article {g.artikel} does not exist"
    tekst = artikelen[g.artikel]
    leden = _leden(tekst)
    if g.lid is not None and g.lid > len(leden):
        return f"{g}: article has only {len(leden)} numbered leden"
    if g.onderdeel is not None:
        bereik = leden[g.lid - 1][1] if g.lid is not None else tekst
        if not re.search(rf"(?m)^\s*-?\s*{re.escape(g.onderdeel)}\.\s", bereik):
            return f"{g}: onderdeel {g.onderdeel} not found"
    return None


def test_alle_wetten_aanwezig(teksten):
    assert {WI2021, BI2021, PW} <= set(teksten)


def test_elke_citatie_bestaat_in_de_officiele_tekst(teksten):
    citaties = _alle_citaties()
    assert len(citaties) > 50  # the walk really found the package's citations
    fouten = [f for g in sorted(citaties, key=str) if (f := _controleer(g, teksten))]
    assert fouten == []


@pytest.mark.parametrize(
    ("citatie", "verwacht"),
    [
        ((BI2021, "5.3", 7), "only 6 numbered leden"),
        ((BI2021, "5.99"), "does not exist"),
        ((WI2021, "27", 1), "only 0 numbered leden"),
        ((WI2021, "14", 6, "c"), "onderdeel c not found"),
        ((PW, "56a", 3), "only 2 numbered leden"),
    ],
)
def test_controle_vangt_fouten(teksten, citatie, verwacht):
    # the checker itself must be able to fail; remove the probe from the global set again
    from inburgering.wet import grondslag as module

    grondslag = Grondslag(*citatie)
    try:
        assert verwacht in (_controleer(grondslag, teksten) or "")
    finally:
        module._BEKEND.discard(grondslag)


def test_lid_telling_klopt_met_de_tekst(teksten):
    assert len(_leden(teksten[BI2021]["5.3"])) == 6
    assert len(_leden(teksten[BI2021]["7.1"])) == 6
    assert len(_leden(teksten[WI2021]["14"])) == 7
    assert len(_leden(teksten[PW]["56a"])) == 2


def test_grondslag_str_formaat():
    assert str(Grondslag(BI2021, "5.3", 1)) == "BWBR0045555 art. 5.3 lid 1"
    assert str(Grondslag(WI2021, "27")) == "BWBR0044770 art. 27"
    assert str(Grondslag(WI2021, "14", 6, "a")) == "BWBR0044770 art. 14 lid 6 onder a"
    with pytest.raises(ValueError):
        Grondslag("BWBR0000000", "1")


def test_elke_regel_is_publiek_en_gedocumenteerd():
    for naam, info in REGELS.items():
        assert getattr(wet, naam) is info.functie, naam
        assert naam in wet.__all__
        assert info.beschrijving, naam
        for keuze in info.beleidskeuzes:
            assert hasattr(wet.STANDAARD, keuze), (naam, keuze)
        if info.bron.value in ("wet", "wet+praktijk"):
            assert info.grondslagen, naam


def test_uitkomst_grondslagen_vallen_onder_de_regel(voorbeelduitkomsten):
    for uitkomst in voorbeelduitkomsten:
        info = REGELS[uitkomst.regel]
        assert set(uitkomst.grondslagen) <= set(info.grondslagen), uitkomst.regel
        assert uitkomst.uitleg.endswith("."), uitkomst.uitleg


def test_rules_md_is_actueel():
    bestand = REPO / "docs" / "rules.md"
    assert bestand.read_text(encoding="utf-8") == genereer(), (
        "docs/rules.md is out of date: run python scripts/generate_rules_doc.py"
    )


def test_rules_md_noemt_elke_regel_en_optie():
    tekst = genereer()
    for naam in REGELS:
        assert f"### `{naam}`" in tekst
    for veld in wet.Beleidskeuzes.__dataclass_fields__:
        assert f"| `{veld}` |" in tekst


def test_pakket_importeert_geen_django():
    import ast

    bron = REPO / "src" / "inburgering" / "wet"
    bestanden = sorted(bron.glob("*.py"))
    assert len(bestanden) >= 10
    for bestand in bestanden:
        for knoop in ast.walk(ast.parse(bestand.read_text(encoding="utf-8"))):
            if isinstance(knoop, ast.Import):
                namen = [a.name for a in knoop.names]
            elif isinstance(knoop, ast.ImportFrom):
                namen = [knoop.module or ""]
            else:
                continue
            assert not any(n.split(".")[0] in {"django", "rest_framework"} for n in namen), bestand

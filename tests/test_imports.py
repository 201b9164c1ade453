"""Imports go one way: no cycle between modules of `inburgering`, and no module imports (or reads
through a module it imported) another module's private names (`_x`).

The import graph is read with `ast` from the source, module-level AND function-level imports
alike: an import inside a function that only hides a cycle is still a cycle. A cycle is a
strongly connected component of more than one module; the test lists each one.
"""

from __future__ import annotations

import ast
from pathlib import Path

BRON = Path(__file__).resolve().parents[1] / "src"
PAKKET = "inburgering"

#: Between apps the layers are accounts → dossiers → intake → pip → koppelingen → monitoring.
#: App-to-app imports that point the other way would close cycles between apps; none is left
#: (issue 13): the BSN check is `inburgering/bsn.py` below all apps, `dossiers_voor` lives in
#: `dossiers/toegang.py`, the AVG access request in `privacy/` above all apps, and the dossier
#: core reaches the apps above it only through registries filled in their AppConfig.ready
#: (retention `bewaren.registreer_opschoning`, bulk actions `bulk.registreer_actie`, caseload
#: panels `panelen.registreer_paneel`). A new back-import fails; if one must stay, list it here
#: with the reason.
TERUGWIJZENDE_APP_IMPORTS: set[tuple[str, str]] = set()

#: Cycles that remain, each as the sorted set of its modules. Empty is the goal: a new cycle, or
#: a known one that grows, fails the test; one that is gone must be removed from this list.
TOEGESTANE_CYCLI: list[frozenset[str]] = []


def modules() -> dict[str, Path]:
    gevonden = {}
    for pad in (BRON / PAKKET).rglob("*.py"):
        if "migrations" in pad.parts:
            continue
        delen = list(pad.relative_to(BRON).with_suffix("").parts)
        if delen[-1] == "__init__":
            delen.pop()
        gevonden[".".join(delen)] = pad
    return gevonden


def _basis(module: str, pad: Path, knoop: ast.ImportFrom) -> str:
    """The absolute module an ImportFrom reads from."""
    if not knoop.level:
        return knoop.module or ""
    pakket = module.split(".") if pad.name == "__init__.py" else module.split(".")[:-1]
    pakket = pakket[: len(pakket) - (knoop.level - 1)]
    return ".".join([*pakket, *([knoop.module] if knoop.module else [])])


def imports(module: str, pad: Path, bekend: set[str]) -> tuple[set[str], list[str]]:
    """The project modules `module` imports, and the private names it imports from others."""
    doelen: set[str] = set()
    privaat: list[str] = []
    #: Local names bound to a project module (`from . import indicatoren as ind`).
    modulenamen: set[str] = set()
    boom = ast.parse(pad.read_text(), str(pad))
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Import):
            for alias in knoop.names:
                if alias.name.startswith(PAKKET):
                    doelen.add(_dichtstbijzijnde(alias.name, bekend))
                    if alias.asname:
                        modulenamen.add(alias.asname)
        elif isinstance(knoop, ast.ImportFrom):
            basis = _basis(module, pad, knoop)
            if not basis.startswith(PAKKET):
                continue
            for alias in knoop.names:
                volledig = f"{basis}.{alias.name}"
                if volledig in bekend:  # a submodule: `from . import services`
                    doelen.add(volledig)
                    modulenamen.add(alias.asname or alias.name)
                else:
                    doelen.add(_dichtstbijzijnde(basis, bekend))
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    privaat.append(f"{module}: from {basis} import {alias.name}")
    for knoop in ast.walk(boom):  # `ind._events(...)`: a private name read through the module
        if (
            isinstance(knoop, ast.Attribute)
            and isinstance(knoop.value, ast.Name)
            and knoop.value.id in modulenamen
            and knoop.attr.startswith("_")
            and not knoop.attr.startswith("__")
        ):
            privaat.append(f"{module}: {knoop.value.id}.{knoop.attr}")
    doelen.discard(module)
    return doelen, privaat


def _dichtstbijzijnde(naam: str, bekend: set[str]) -> str:
    while naam and naam not in bekend:
        naam = naam.rpartition(".")[0]
    return naam


def graaf() -> tuple[dict[str, set[str]], list[str]]:
    alle = modules()
    bekend = set(alle)
    randen, privaat = {}, []
    for module, pad in alle.items():
        randen[module], eigen = imports(module, pad, bekend)
        privaat += eigen
    return randen, privaat


def cycli(randen: dict[str, set[str]]) -> list[frozenset[str]]:
    """Strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    laag: dict[str, int] = {}
    stapel: list[str] = []
    op_stapel: set[str] = set()
    gevonden: list[frozenset[str]] = []
    teller = 0
    for start in sorted(randen):
        if start in index:
            continue
        werk = [(start, iter(sorted(randen[start])))]
        index[start] = laag[start] = teller
        teller += 1
        stapel.append(start)
        op_stapel.add(start)
        while werk:
            knoop, buren = werk[-1]
            for buur in buren:
                if buur not in randen:
                    continue
                if buur not in index:
                    index[buur] = laag[buur] = teller
                    teller += 1
                    stapel.append(buur)
                    op_stapel.add(buur)
                    werk.append((buur, iter(sorted(randen[buur]))))
                    break
                if buur in op_stapel:
                    laag[knoop] = min(laag[knoop], index[buur])
            else:
                werk.pop()
                if werk:
                    laag[werk[-1][0]] = min(laag[werk[-1][0]], laag[knoop])
                if laag[knoop] == index[knoop]:
                    component = set()
                    while True:
                        lid = stapel.pop()
                        op_stapel.discard(lid)
                        component.add(lid)
                        if lid == knoop:
                            break
                    if len(component) > 1:
                        gevonden.append(frozenset(component))
    return gevonden


def _toon(component: frozenset[str], randen: dict[str, set[str]]) -> str:
    regels = [
        f"    {van} -> {naar}"
        for van in sorted(component)
        for naar in sorted(randen[van] & component)
    ]
    return "cycle of " + ", ".join(sorted(component)) + ":\n" + "\n".join(regels)


def test_no_import_cycles_between_modules():
    randen, _privaat = graaf()
    nieuw = [c for c in cycli(randen) if c not in TOEGESTANE_CYCLI]
    assert not nieuw, "\n\n".join(_toon(c, randen) for c in nieuw)


def test_the_allow_list_holds_only_cycles_that_still_exist():
    randen, _privaat = graaf()
    bestaand = set(cycli(randen))
    assert [c for c in TOEGESTANE_CYCLI if c not in bestaand] == []


def test_no_private_names_imported_from_another_module():
    _randen, privaat = graaf()
    assert privaat == []


def app_graaf(randen: dict[str, set[str]]) -> dict[str, set[str]]:
    """The imports between apps (`inburgering.<app>...`), from the module graph."""

    def app(module: str) -> str:
        return module.split(".")[1] if "." in module else module

    apps: dict[str, set[str]] = {}
    for van, naar_set in randen.items():
        apps.setdefault(app(van), set())
        for naar in naar_set:
            if app(van) != app(naar):
                apps[app(van)].add(app(naar))
                apps.setdefault(app(naar), set())
    return apps


def test_no_new_import_cycles_between_apps():
    randen, _privaat = graaf()
    apps = app_graaf(randen)
    zonder = {
        van: {naar for naar in naar_set if (van, naar) not in TERUGWIJZENDE_APP_IMPORTS}
        for van, naar_set in apps.items()
    }
    gevonden = cycli(zonder)
    assert not gevonden, "\n\n".join(_toon(c, zonder) for c in gevonden)


def test_the_app_allow_list_holds_only_imports_that_still_exist():
    randen, _privaat = graaf()
    apps = app_graaf(randen)
    verdwenen = {(van, naar) for van, naar in TERUGWIJZENDE_APP_IMPORTS if naar not in apps[van]}
    assert verdwenen == set()


def test_the_cycle_finder_finds_a_cycle():
    randen = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycli(randen) == [frozenset({"a", "b", "c"})]

"""The transfer package (Wi 2021 art. 35 lid 4): what travels with the person to the new
gemeente, as JSON in a versioned format with a JSON Schema (`schema/overdracht.schema.json`,
copied to docs/verhuizing/). What travels and what does not, and why: docs/adr/0024.

`bouw` reads the old dossier and returns the package; `valideer` checks a package against the
schema and returns Dutch messages, one per problem, with the place in the file."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from inburgering.dossiers import deadlines
from inburgering.dossiers.models import Dossier
from inburgering.dossiers.toestand import DossierToestand, bereken_toestand, geldige_events
from inburgering.dossiers.workflow import Soort
from inburgering.examens.models import ExamenBetaling
from inburgering.pip.models import Pip, Status
from inburgering.traject.models import Plaatsing

from . import onderdelen

FORMAAT = "inburgering-overdracht"
#: Major.minor. A reader accepts every minor version of its major (fields may be added inside
#: sections, never removed or changed in meaning); a new major is refused.
VERSIE = "1.0"
SCHEMA_PAD = Path(__file__).parent / "schema" / "overdracht.schema.json"
GRONDSLAG = "Wet inburgering 2021, art. 35 lid 4"

#: Contact-like events summarised under `contact` (date, kind, channel; their text only when
#: the sending gemeente allows notes).
CONTACTSOORTEN = (Soort.CONTACT, Soort.WARME_OVERDRACHT, Soort.NOTITIE)
PIP_VELDEN = (
    "versienummer",
    "status",
    "reden",
    "leerroute",
    "niveau",
    "intensiteit_uren_per_week",
    "geschatte_intensiteit_uren",
    "ondersteuning_en_begeleiding",
    "pvt_intensiteit",
    "map_intensiteit",
    "vve_afspraken",
    "aantal_voortgangsgesprekken",
    "zroute_examens",
    "bijstand",
    "participatiewet_beschikkingen",
    "lbt_haalbaar",
    "lbt_afwijking_redenen",
    "lbt_afwijking_toelichting",
    "dagtekening",
)
PERSOON_VELDEN = (
    "bsn",
    "v_nummer",
    "voornamen",
    "voorvoegsel",
    "geslachtsnaam",
    "geboortedatum",
    "geboortedatum_onvolledig",
    "geslacht",
    "land_van_herkomst",
    "voorkeurstaal",
    "tolk_nodig",
)


def _json(waarde: Any) -> Any:
    if isinstance(waarde, dt.datetime):
        return waarde.isoformat()
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    if isinstance(waarde, Decimal):
        return str(waarde)
    return waarde


def _gemeente(gemeente: Any) -> dict[str, str] | None:
    return {"naam": gemeente.naam, "cbs_code": gemeente.cbs_code} if gemeente else None


def pip_aanwezig(toestand: DossierToestand) -> bool:
    """Whether a PIP was set for the person (Besluit 5.3 lid 3: "voor wie het persoonlijk plan
    is opgesteld"): a PIP set in this gemeente, or one that came along from an earlier move and
    has not been replaced here yet. A draft does not count (documented choice, ADR 0024)."""
    return toestand.eerste_pip_dagtekening is not None or toestand.pip_vorige_gemeente


def bouw(
    dossier: Dossier,
    *,
    overdracht_id: str,
    naar_gemeente: Any,
    inschrijving: dt.date,
    notities: bool,
) -> dict[str, Any]:
    """The package for `dossier` (the old one), read as it is now."""
    events = geldige_events(dossier.events.all())
    toestand = bereken_toestand(events)
    persoon = dossier.inburgeraar
    return {
        "formaat": FORMAAT,
        "versie": VERSIE,
        "overdracht_id": overdracht_id,
        "aangemaakt_op": timezone.now().isoformat(timespec="seconds"),
        "grondslag": GRONDSLAG,
        "van_gemeente": _gemeente(dossier.gemeente),
        "naar_gemeente": _gemeente(naar_gemeente),
        "inschrijving_nieuwe_gemeente": inschrijving.isoformat(),
        "notities_meegegeven": notities,
        "persoon": {veld: _json(getattr(persoon, veld)) for veld in PERSOON_VELDEN},
        "dossier": _dossier(dossier, toestand),
        "pip": {
            "aanwezig": pip_aanwezig(toestand),
            "leerroute": toestand.leerroute or None,
            "versies": _pip_versies(dossier),
        },
        "plaatsingen": _plaatsingen(dossier),
        "examens": {
            "resultaten": [
                {
                    "datum": e.datum.isoformat(),
                    **{
                        k: e.gegevens.get(k) or None
                        for k in ("onderdeel", "resultaat", "niveau", "examendatum")
                    },
                }
                for e in events
                if e.soort == Soort.EXAMENRESULTAAT
            ],
            "betalingen": [
                {
                    "onderdeel": b.onderdeel,
                    "datum": b.datum.isoformat(),
                    "bedrag_cents": b.bedrag_cents,
                    "factuurreferentie": b.factuurreferentie,
                }
                for b in ExamenBetaling.objects.filter(dossier=dossier).order_by("datum", "id")
            ],
        },
        "brieven": [
            {
                "datum": e.datum.isoformat(),
                "kenmerk": e.gegevens.get("kenmerk", ""),
                "kanaal": e.gegevens.get("kanaal", ""),
                "onderwerp": e.gegevens.get("onderwerp", ""),
            }
            for e in events
            if e.soort == Soort.BRIEF_VERZONDEN
        ],
        "contact": _contact(events, notities),
        "termijnen": _termijnen(toestand),
        "onderdelen": onderdelen.exporteer_onderdelen(dossier),
    }


def _dossier(dossier: Dossier, t: DossierToestand) -> dict[str, Any]:
    return {
        "regime": dossier.regime,
        "doelgroep": t.doelgroep or dossier.doelgroep,
        "fase": t.fase.value if t.fase else "",
        "kennisgeving": _json(t.kennisgeving_datum),
        "koppeling": _json(t.koppeling_datum),
        "brp_inschrijving": _json(t.brp_inschrijving_datum),
        "intake_gestart": _json(t.intake_gestart),
        "intake_afgerond": _json(t.intake_afgerond),
        "lbt_datum": _json(t.lbt_datum),
        "lbt_score": t.lbt_score,
        "eerste_pip_dagtekening": _json(t.eerste_pip_dagtekening),
        "pip_dagtekening": _json(t.pip_dagtekening),
        "leerroute_gestart": _json(t.leerroute_gestart),
        "termijn_duo_start": _json(t.termijn_duo_start),
        "termijn_duo_einde": _json(t.termijn_duo_einde),
    }


def _pip_versies(dossier: Dossier) -> list[dict[str, Any]]:
    pip = Pip.objects.filter(dossier=dossier).first()
    if pip is None:
        return []
    return [
        {veld: _json(getattr(v, veld)) for veld in PIP_VELDEN}
        for v in pip.versies.order_by("versienummer")
    ]


def _plaatsingen(dossier: Dossier) -> list[dict[str, Any]]:
    rijen = []
    qs = Plaatsing.objects.filter(dossier=dossier).select_related("contract__product__aanbieder")
    for p in qs.order_by("aangemeld_op", "id"):
        product = p.contract.product
        rijen.append(
            {
                "aanbieder": product.aanbieder.naam,
                "instellingsnummer": product.aanbieder.instellingsnummer or "",
                "product": product.naam,
                "productsoort": product.soort,
                "status": p.status,
                "aangemeld_op": _json(p.aangemeld_op),
                "gestart_op": _json(p.gestart_op),
                "beeindigd_op": _json(p.beeindigd_op),
                "uren_per_week": p.uren_per_week,
                "uren": [
                    {
                        "periode_begin": u.periode_begin.isoformat(),
                        "periode_einde": u.periode_einde.isoformat(),
                        "aangeboden": str(u.aangeboden),
                        "aanwezig": str(u.aanwezig),
                        "correctie": u.correctie,
                    }
                    for u in p.uren.order_by("periode_begin", "id")
                ],
            }
        )
    return rijen


def _contact(events: list[Any], notities: bool) -> dict[str, Any]:
    momenten = [e for e in events if e.soort in CONTACTSOORTEN]
    per_kanaal: dict[str, int] = {}
    for e in momenten:
        kanaal = e.gegevens.get("kanaal") or "onbekend"
        per_kanaal[kanaal] = per_kanaal.get(kanaal, 0) + 1
    return {
        "aantal": len(momenten),
        "eerste": momenten[0].datum.isoformat() if momenten else None,
        "laatste": momenten[-1].datum.isoformat() if momenten else None,
        "per_kanaal": dict(sorted(per_kanaal.items())),
        "momenten": [
            {
                "datum": e.datum.isoformat(),
                "soort": str(e.soort),
                "kanaal": e.gegevens.get("kanaal", ""),
                # Free text only when the sending gemeente allows it (Verhuisinstelling).
                "tekst": _tekst(e) if notities else None,
            }
            for e in momenten
        ],
    }


def _tekst(event: Any) -> str:
    delen = [event.gegevens.get("onderwerp", ""), event.toelichting]
    return "\n".join(d for d in delen if d)


def _termijnen(t: DossierToestand) -> list[dict[str, Any]]:
    """The deadlines still running in the old dossier, with their basis, as information: the
    new gemeente computes its own (Besluit 5.3 lid 3) from its registration date."""
    rijen = []
    pip = deadlines.pip_deadline(t)
    if pip is not None and pip.waarde.uiterlijk:
        rijen.append(
            {
                "soort": "pip",
                "datum": pip.waarde.uiterlijk.isoformat(),
                "grondslag": deadlines.grondslag_tekst(pip),
                "uitleg": pip.uitleg,
            }
        )
    termijn = deadlines.inburgeringstermijn(t)
    if termijn is not None:
        rijen.append(
            {
                "soort": "inburgeringstermijn",
                "datum": termijn.waarde.einde.isoformat(),
                "grondslag": deadlines.grondslag_tekst(termijn),
                "uitleg": termijn.uitleg,
            }
        )
    if t.termijn_duo_einde:
        rijen.append(
            {
                "soort": "inburgeringstermijn_duo",
                "datum": t.termijn_duo_einde.isoformat(),
                "grondslag": "DUO",
                "uitleg": "",
            }
        )
    return rijen


# --- reading a package ------------------------------------------------------------------------


@cache
def schema() -> dict[str, Any]:
    resultaat: dict[str, Any] = json.loads(SCHEMA_PAD.read_text(encoding="utf-8"))
    return resultaat


def als_bytes(pakket: dict[str, Any]) -> bytes:
    return json.dumps(pakket, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


class OngeldigPakket(ValueError):
    """The file is not a package this installation reads; `fouten` are Dutch, one a problem."""

    def __init__(self, fouten: list[str]) -> None:
        super().__init__("; ".join(fouten))
        self.fouten = fouten


def lees(inhoud: bytes) -> dict[str, Any]:
    """Parse and validate a package file; raises OngeldigPakket with every problem found."""
    try:
        pakket = json.loads(inhoud.decode("utf-8"))
    except UnicodeDecodeError:
        raise OngeldigPakket([_("Het bestand is geen tekst in UTF-8.")]) from None
    except json.JSONDecodeError as fout:
        raise OngeldigPakket(
            [
                _("Het bestand is geen geldige JSON (regel %(regel)s, kolom %(kolom)s).")
                % {"regel": fout.lineno, "kolom": fout.colno}
            ]
        ) from None
    fouten = valideer(pakket)
    if fouten:
        raise OngeldigPakket(fouten)
    return pakket  # type: ignore[no-any-return]


def valideer(pakket: Any) -> list[str]:
    """Dutch messages for every way `pakket` breaks the schema, in file order; [] if valid."""
    if isinstance(pakket, dict) and isinstance(pakket.get("versie"), str):
        major = pakket["versie"].split(".")[0]
        if major != VERSIE.split(".")[0]:
            return [
                _(
                    "Versie %(versie)s van het overdrachtsformaat wordt niet ondersteund; "
                    "deze installatie leest versie %(major)s.x."
                )
                % {"versie": pakket["versie"], "major": VERSIE.split(".")[0]}
            ]
    validator = Draft202012Validator(schema(), format_checker=FormatChecker())
    fouten = sorted(validator.iter_errors(pakket), key=lambda f: [str(p) for p in f.path])
    return [_melding(f) for f in fouten]


_TYPEN = {
    "string": "tekst",
    "integer": "een geheel getal",
    "number": "een getal",
    "boolean": "true of false",
    "object": "een object",
    "array": "een lijst",
    "null": "leeg (null)",
}


def _type(waarde: Any) -> str:
    namen = waarde if isinstance(waarde, list) else [waarde]
    return _(" of ").join(_TYPEN.get(n, n) for n in namen)


def _melding(fout: ValidationError) -> str:
    pad = "/".join(str(p) for p in fout.absolute_path) or _("(hoofdniveau)")
    waarde = fout.instance
    soort = fout.validator
    if soort == "required":
        ontbreekt = [v for v in fout.validator_value if v not in (waarde or {})]
        return _("%(pad)s: het veld '%(veld)s' ontbreekt.") % {
            "pad": pad,
            "veld": "', '".join(ontbreekt),
        }
    if soort == "additionalProperties":
        bekend = set(fout.schema.get("properties", {}))
        extra = sorted(k for k in waarde if k not in bekend)
        return _("%(pad)s: onbekend veld '%(veld)s'.") % {"pad": pad, "veld": "', '".join(extra)}
    if soort == "type":
        return _("%(pad)s: verwacht %(type)s, gevonden %(waarde)s.") % {
            "pad": pad,
            "type": _type(fout.validator_value),
            "waarde": json.dumps(waarde, ensure_ascii=False)[:60],
        }
    if soort == "format":
        return _("%(pad)s: '%(waarde)s' is geen geldige datum of tijd (%(vorm)s).") % {
            "pad": pad,
            "waarde": str(waarde)[:40],
            "vorm": fout.validator_value,
        }
    if soort == "pattern":
        return _("%(pad)s: '%(waarde)s' heeft niet de juiste vorm.") % {
            "pad": pad,
            "waarde": str(waarde)[:40],
        }
    if soort in ("enum", "const"):
        toegestaan = fout.validator_value if soort == "enum" else [fout.validator_value]
        return _("%(pad)s: '%(waarde)s' is geen toegestane waarde (toegestaan: %(lijst)s).") % {
            "pad": pad,
            "waarde": str(waarde)[:40],
            "lijst": ", ".join(str(t) for t in toegestaan),
        }
    return _("%(pad)s: ongeldige waarde (%(regel)s).") % {"pad": pad, "regel": soort}


def gemeente_code(pakket: dict[str, Any], kant: str) -> str:
    gemeente = pakket.get(kant) or {}
    return str(gemeente.get("cbs_code", ""))


def vastgesteld(status: str) -> bool:
    return status in (Status.VASTGESTELD, Status.VERVANGEN)

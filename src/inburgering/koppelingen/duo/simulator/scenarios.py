"""Scenarios: change what the simulated DUO knows, and produce DUO's notifications about it.

Each scenario returns the notifications (headers + body) DUO would send; the caller delivers
them (`verstuur`) to our Notificatie endpoint, over HTTP or in-process.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .app import Simulator, vandaag

#: RvIG's test BSN range, then the synthetic 99-block (large waves, benchmark); handed out from
#: the top down.
TEST_BSN_BEREIK = range(999_990_000, 1_000_000_000)
SYNTHETISCH_BSN_BEREIK = range(990_000_000, 999_990_000)
VOORNAMEN = ["Amal", "Yonas", "Samira", "Ahmad", "Lina", "Tesfay", "Nour", "Omar", "Hiba"]
ACHTERNAMEN = ["Haddad", "Tesfamariam", "Rahimi", "Al-Khatib", "Kahsay", "Mansour", "Yusuf"]


def elfproef(bsn: str) -> bool:
    gewichten = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(c) * g for c, g in zip(bsn, gewichten, strict=True)) % 11 == 0


@dataclass
class Notificatie:
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def inhoud(self) -> bytes:
        return json.dumps(self.body).encode()


class Scenarios:
    def __init__(self, simulator: Simulator):
        self.sim = simulator
        self._kandidaten = (
            str(n) for n in itertools.chain(reversed(TEST_BSN_BEREIK),
                                            reversed(SYNTHETISCH_BSN_BEREIK))
        )  # fmt: skip

    def registreer_gemeente(self, oin: str, cbs_code: str) -> None:
        with self.sim.opslag.transactie() as staat:
            staat["gemeenten"][oin] = cbs_code

    def notificatie(self, gebeurtenis_id: str, bsn: str, doel_oin: str) -> Notificatie:
        return Notificatie(
            headers={"bron": self.sim.duo_oin, "doel": doel_oin, "berichtId": str(uuid.uuid4()),
                     "Content-Type": "application/json"},
            body={"registratieDatumTijd": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                  "bsn": bsn, "gebeurtenisId": gebeurtenis_id},
        )  # fmt: skip

    def _vrij_bsn(self, staat: dict, bezet: Callable[[str], bool] | None = None) -> str:
        for bsn in self._kandidaten:
            if elfproef(bsn) and bsn not in staat["personen"] and not (bezet and bezet(bsn)):
                return bsn
        raise RuntimeError("Geen test-BSN meer vrij.")

    def _cbs(self, staat: dict, oin: str) -> str:
        if oin not in staat["gemeenten"]:
            raise ValueError("Gemeente (OIN) is niet bij de simulator geregistreerd.")
        return staat["gemeenten"][oin]

    # --- scenarios ----------------------------------------------------------------------------

    def nieuwe_statushouder(
        self, gemeente_oin: str, *, bsn: str | None = None, gebeurtenis: str = "SS101",
        doelgroep: str = "Asielstatushouder", bezet: Callable[[str], bool] | None = None,
    ) -> Notificatie:  # fmt: skip
        """A new asylum status holder for the gemeente (SS101)."""
        with self.sim.opslag.transactie() as staat:
            bsn = bsn or self._vrij_bsn(staat, bezet)
            nummer = len(staat["personen"])
            vandaag_ = vandaag().isoformat()
            staat["personen"][bsn] = {
                "gemeente": self._cbs(staat, gemeente_oin),
                "vestigingsdatum": vandaag_,
                "inburgeringsplicht": {
                    "indicatorInburgeringsplicht": True, "begindatum": vandaag_,
                    "datumKennisgevingInburgeringsplicht": vandaag_,
                },
                "doelgroep": {"indeling": doelgroep, "begindatum": vandaag_,
                              "gedetailleerdeDoelgroep": doelgroep if doelgroep ==
                              "Asielstatushouder" else "Overig"},
                "pip": None,
                "brp": {
                    "voornamen": VOORNAMEN[nummer % len(VOORNAMEN)],
                    "geslachtsnaam": f"{ACHTERNAMEN[nummer % len(ACHTERNAMEN)]}{nummer}",
                    "geboortedatum": (dt.date(1985, 1, 1) + dt.timedelta(days=97 * nummer
                                      % 9000)).isoformat(),
                    "geslacht": "MV"[nummer % 2], "landVanHerkomst": "SY",
                },
            }  # fmt: skip
        return self.notificatie(gebeurtenis, bsn, gemeente_oin)

    def golf(self, gemeente_oin: str, aantal: int = 50, **kwargs) -> list[Notificatie]:
        """A wave of `aantal` new asylum status holders on one day."""
        return [self.nieuwe_statushouder(gemeente_oin, **kwargs) for _ in range(aantal)]

    def verkeerde_wet_correctie(self, bsn: str, gemeente_oin: str) -> Notificatie:
        """DUO signalled the person under the wrong law: the WI2021 plicht never existed.
        DUO withdraws it (SS110) and its plicht API no longer shows a begindatum."""
        with self.sim.opslag.transactie() as staat:
            persoon = staat["personen"][bsn]
            persoon["inburgeringsplicht"] = {
                "indicatorInburgeringsplicht": False, "redenGeenInburgeringsplicht": "Overig",
                "wijzigingsdatum": vandaag().isoformat(),
            }  # fmt: skip
        return self.notificatie("SS110", bsn, gemeente_oin)

    def lbt_resultaat(
        self, bsn: str, gemeente_oin: str, *, score: str = "27,50", haalbaar: bool = True
    ) -> list[Notificatie]:
        """Registered for the LBT (SS137), then the result is known (SS131)."""
        with self.sim.opslag.transactie() as staat:
            persoon = staat["personen"][bsn]
            persoon["lbt_examennummer"] = f"LBT{bsn[-6:]}"
            persoon.setdefault("lbt_resultaten", []).append({
                "resultaat": "B1-route haalbaar" if haalbaar else "B1-route niet haalbaar",
                "behaaldeScore": score, "benodigdeScore": "25,00",
                "datumAfname": vandaag().isoformat(),
            })  # fmt: skip
        return [
            self.notificatie("SS137", bsn, gemeente_oin),
            self.notificatie("SS131", bsn, gemeente_oin),
        ]

    def termijn_start(self, bsn: str, gemeente_oin: str, *, jaren: int = 3) -> Notificatie:
        """The inburgeringstermijn starts (SS102): the day after the PIP's dagtekening
        (or today without a PIP), for `jaren` years."""
        with self.sim.opslag.transactie() as staat:
            persoon = staat["personen"][bsn]
            pip = (persoon.get("pip") or {}).get("pip")
            start = (
                dt.date.fromisoformat(pip["dagtekeningPip"]) + dt.timedelta(days=1)
                if pip else vandaag()
            )  # fmt: skip
            start = min(start, vandaag())
            einde = start.replace(year=start.year + jaren) - dt.timedelta(days=1)
            persoon["termijn"] = {"startdatum": start.isoformat(), "einddatum": einde.isoformat()}
        return self.notificatie("SS102", bsn, gemeente_oin)

    def examenresultaat(
        self,
        bsn: str,
        gemeente_oin: str,
        *,
        onderdeel: str = "KNM",
        resultaat: str = "Geslaagd",
        examendatum: dt.date | None = None,
        niveau: str = "B1",
        reden_geen_resultaat: str = "",
    ) -> Notificatie:
        """An exam result is known (SS199). `niveau` is left out for KNM (it has none);
        `reden_geen_resultaat` only goes with resultaat "Geen"."""
        with self.sim.opslag.transactie() as staat:
            persoon = staat["personen"][bsn]
            resultaat_ = {"examendatum": (examendatum or vandaag()).isoformat(),
                          "resultaat": resultaat, "onderdeel": onderdeel}  # fmt: skip
            if onderdeel != "KNM" and niveau:
                resultaat_["niveau"] = niveau
            if resultaat == "Geen" and reden_geen_resultaat:
                resultaat_["redenGeenResultaat"] = reden_geen_resultaat
            persoon.setdefault("examens", []).append(resultaat_)
        return self.notificatie("SS199", bsn, gemeente_oin)

    def verhuizing(self, bsn: str, naar_oin: str) -> Notificatie:
        """The person moves to another gemeente: SS121 with a PIP, else SS120."""
        with self.sim.opslag.transactie() as staat:
            persoon = staat["personen"][bsn]
            persoon["vorige_gemeente"] = persoon["gemeente"]
            persoon["gemeente"] = self._cbs(staat, naar_oin)
            persoon["vestigingsdatum"] = vandaag().isoformat()
            met_pip = bool(persoon.get("pip"))
        return self.notificatie("SS121" if met_pip else "SS120", bsn, naar_oin)

    def plicht_voldaan(self, bsn: str, gemeente_oin: str) -> Notificatie:
        with self.sim.opslag.transactie() as staat:
            plicht = staat["personen"][bsn]["inburgeringsplicht"]
            plicht.update(indicatorInburgeringsplicht=False, einddatum=vandaag().isoformat(),
                          redenGeenInburgeringsplicht="Inburgeringsplicht voldaan")  # fmt: skip
        return self.notificatie("SS106", bsn, gemeente_oin)


def verstuur(
    notificaties: list[Notificatie], post: Callable[[dict[str, str], bytes], int]
) -> list[int]:
    """Deliver notifications with `post(headers, body) -> status`; returns the statuses."""
    return [post(n.headers, n.inhoud) for n in notificaties]

"""Calibration constants of the synthetic data, each with its source.

`praktijk.md` is /work/shared/reference/praktijk.md (digest of the practice reports); its line
numbers are given as `praktijk.md:L88`. Where a figure is an extrapolation or an assumption of
ours, the comment says so.
"""

from __future__ import annotations

#: LBT score band x route, DUO 16-11-2023, eight municipalities, N=2,320 (praktijk.md:L88-L90,
#: seed 004:L4068-4132). Columns: B1-route, onderwijsroute, Z-route, route unknown.
LBT_BAND_ROUTE: dict[str, tuple[int, int, int, int]] = {
    "<20": (58, 6, 220, 57),
    "20-27": (124, 18, 110, 61),
    "28-30": (127, 12, 19, 32),
    ">30": (1076, 171, 16, 213),
}
#: Inclusive score range (0-40) of each band.
LBT_BAND_SCORES: dict[str, tuple[int, int]] = {
    "<20": (4, 19),
    "20-27": (20, 27),
    "28-30": (28, 30),
    ">30": (31, 40),
}
#: Route codes as the GebeurtenisForm stores them in the PIP event (`gegevens["leerroute"]`).
ROUTES = ("b1", "onderwijs", "z")

#: Dossiers per cohort (year of DUO's kennisgeving) as (asylum, family/other).
#: 2022 and 2023: CBS SWI cohorts (praktijk.md:L93): 26k with 19k asylum; 36k with 22k asylum.
#: 2024-2026: our extrapolation. The taakstelling stayed high after 2023 (praktijk.md:L92) while
#: asylum permits fell somewhat; we assume 32k (20k asylum), 29k (17k), and for 2026 up to today
#: 24k (14k). "wi2013" are old-law clients (praktijk.md:L63) still open in the same caseloads.
#: The total is exactly 150,000; `--dossiers` scales every cell proportionally.
COHORTEN: dict[str, tuple[int, int]] = {
    "wi2013": (2_000, 1_000),
    "2022": (19_000, 7_000),
    "2023": (22_000, 14_000),
    "2024": (20_000, 12_000),
    "2025": (17_000, 12_000),
    "2026": (14_000, 10_000),
}

#: DUO counts per gemeente on 8-12-2023 (praktijk.md:L94-L95). Used as the relative weight of these
#: gemeenten against their population; other gemeenten get a population-based weight.
DUO_AANTALLEN_2023 = {
    "0344": 1472, "0855": 585, "0150": 484, "0164": 299, "0957": 201, "0197": 60, "0716": 45,
}  # fmt: skip
#: BUCH (Bergen NH, Uitgeest, Castricum, Heiloo) together: 204 (praktijk.md:L94).
BUCH_AANTAL_2023 = 204

#: Open dossiers wanted in Utrecht at 150K (the benchmark's "1,500-dossier gemeente").
#: Pro rata to the DUO count Utrecht would have ~3,500 dossiers over five cohorts; we pin it so
#: the gemeente view has ~1,500 open dossiers (our choice, for the benchmark target).
UTRECHT_OPEN_DOEL = 1_500

#: Open dossiers per consulent (fte): 45-50 Roermond to 95-120 Zaffier, Deventer 70-80
#: (praktijk.md:L55). We staff every gemeente at this norm.
CASELOAD_NORM = 85
#: The named demo consulent's open caseload (the benchmark's "consulent with ~80 dossiers").
CONSULENT_CASELOAD = 80

# --- Timeline durations, in days (assumptions calibrated on praktijk.md) -------------------------
#: Koppeling -> BRP registration: "should take ~12 weeks; in practice much longer"
#: (praktijk.md:L17-L18). Log-normal with median 20 weeks, clipped to 4 weeks .. 18 months.
HUISVESTING_MEDIAAN = 140
HUISVESTING_SIGMA = 0.45
#: Early start (intake while still in the azc): "only 2 of 8 municipalities" (praktijk.md:L19-L21).
VROEGE_START_KANS = 0.12
#: Housing -> first intake conversation (assumption): 1-6 weeks.
INTAKE_NA_HUISVESTING = (5, 42)
#: The brede intake takes 1-4 conversations (praktijk.md:L24-L28): 1.5-8 weeks.
INTAKE_DUUR = (10, 56)
#: Share of dossiers with an LBT result (the LBT is mandatory but not everyone takes it yet).
LBT_KANS = 0.88
#: Consulenten deliberately delay the PIP (praktijk.md:L33-L34): up to 6 weeks after the intake.
#: With the durations above about a quarter of the PIPs meets the 10-week deadline ("mostly
#: missed", praktijk.md:L73); the measured share is in docs/performance.md.
PIP_NA_INTAKE = (3, 45)
#: Registration at the school -> start: "usually 1-3 months, up to 6" (praktijk.md:L36-L37).
WACHTTIJD_START = (21, 180)
#: Share of new PIP versions (schakelen/afschalen) during the route (assumption).
SCHAKEL_KANS = 0.08
#: Years from route start to voldaan per route (assumption; the termijn is 3 years from the PIP,
#: extensions are common).
ROUTE_JAREN = {"b1": (1.4, 3.6), "onderwijs": (1.8, 4.0), "z": (2.2, 3.8)}
#: Early closure per year of an open dossier, by reason (assumption).
AFSLUIT_PER_JAAR = {
    "verhuisd": 0.035,
    "vertrokken": 0.008,
    "vrijstelling": 0.010,
    "ontheffing": 0.008,
    "plicht_vervallen": 0.005,
    "overleden": 0.001,
}
#: Family migrants often do not show up at the intake (praktijk.md:L61-L62): 2-26 weeks.
GEZIN_INTAKE_NA_SIGNAAL = (14, 180)

#: Contact channels and their weight; WhatsApp is an informal channel in practice (praktijk.md:L82).
KANALEN = {
    "telefoon": 34, "whatsapp": 20, "gesprek": 20, "huisbezoek": 8, "email": 8, "brief": 5,
    "video": 5,
}  # fmt: skip
#: Days between contacts before the PIP and during the route (monthly in Roermond, twice a year
#: in Tilburg: praktijk.md:L38-L39).
CONTACT_INTERVAL_VOOR_PIP = (10, 60)
CONTACT_INTERVAL_ROUTE = (30, 150)
#: Share of dossiers where contact lapses (for the "no contact for N weeks" signal).
CONTACT_VERWATERT_KANS = 0.15
#: Share of dossiers whose consulent changes once (staff turnover, praktijk.md:L80).
WISSEL_KANS = 0.2

"""The rules' explanations and citations as the pages show them.

The rules package (`inburgering.wet`) is pure and speaks Dutch: each outcome carries one Dutch
sentence and its citations as `Grondslag` values (`BWBR0044770 art. 11 lid 1`). This module is
the presentation layer on top (docs/adr/0019-uitleg-en-woorden-in-de-presentatie.md):

* a citation reads "Wet inburgering 2021, art. 11 lid 1" and links to the article on
  wetten.overheid.nl (its JCI address, which always opens the version in force);
* where the rule marks its source as practice (`Bron`), words instead of "[wet+praktijk]";
* in English, the explanation sentences are translated by the phrase table below; a sentence it
  does not cover stays Dutch and is marked `lang="nl"`, so a screen reader reads it as Dutch and
  nobody reads a half-translated sentence as the rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise, lazy
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from inburgering.wet.grondslag import Bron, Grondslag

WETTEN_OVERHEID = "https://wetten.overheid.nl/jci1.3:c:{bwb}&artikel={artikel}"


def citaat(grondslag: Grondslag) -> str:
    """ "Wet inburgering 2021, art. 11 lid 1" (with "onder a" for an onderdeel)."""
    tekst = f"{grondslag.wet}, art. {grondslag.artikel}"
    if grondslag.lid is not None:
        tekst += f" lid {grondslag.lid}"
    if grondslag.onderdeel is not None:
        tekst += f" onder {grondslag.onderdeel}"
    return tekst


def bwb_url(grondslag: Grondslag) -> str:
    """The article on wetten.overheid.nl (JCI 1.3 address of the version in force)."""
    url = WETTEN_OVERHEID.format(bwb=grondslag.bwb_id, artikel=grondslag.artikel)
    if grondslag.lid is not None:
        url += f"&lid={grondslag.lid}"
    return url


def citaten(grondslagen: Iterable[Grondslag]) -> str:
    return "; ".join(citaat(g) for g in grondslagen)


def bron_woorden(bron: Bron | str | None) -> str:
    """Words for a rule that is not (only) statute; nothing for statute."""
    if bron == Bron.PRAKTIJK:
        return _("uitvoeringspraktijk (geen wettekst)")
    if bron == Bron.WET_EN_PRAKTIJK:
        return _("wet, aangevuld met de uitvoeringspraktijk")
    if bron == Bron.OPEN:
        return _("niet bevestigd: een instelling van de gemeente")
    return ""


@dataclass(frozen=True)
class Tekst:
    tekst: str
    taal: str  # "nl" or "en"


_D = r"(\d{2}-\d{2}-\d{4})"
_G = r"(\d+(?:\.\d+)?)"  # hours may have a fraction
_N = _G
_ROUTE = r"(de B1-route|de onderwijsroute|de Z-route)"
_ROUTES = {"de B1-route": "the B1 route", "de onderwijsroute": "the education route",
           "de Z-route": "the Z route"}  # fmt: skip


_ONDERWERPEN = {
    "dit PIP": "this PIP",
    "het verwijderen van dit PIP": "the removal of this PIP",
    "de datum eindgesprek MAP": "the date of the MAP final interview",
    "de datum ondertekening PVT": "the date the participation statement was signed",
    "dit inburgeringsaanbod": "this integration offer",
    "de datum afronding Z-route": "the date the Z route was completed",
    "de uren participatieactiviteiten": "the hours of participation activities",
}
#: The eight MAP themes (Besluit 3.2 lid 1 onder a-h, `wet.uren.MAP_THEMAS`).
_MAP_THEMAS = {
    "beroepenoriëntatie": "career orientation",
    "werknemerscompetenties": "employee competences",
    "realistisch beroepsbeeld": "a realistic picture of occupations",
    "beroepskansen": "job prospects",
    "beroepscompetenties verwerven": "acquiring occupational competences",
    "netwerk opbouwen": "building a network",
    "werk vinden": "finding work",
    "werkcultuur": "work culture",
}
_MAP_THEMA = "(" + "|".join(re.escape(t) for t in _MAP_THEMAS) + ")"


def _map_open(m: re.Match[str]) -> str:
    namen = [_MAP_THEMAS[t] for t in m[1].split(", ")]
    return "open: " + ", ".join(namen)


_DOELEN = {
    "een cursus": "a course",
    "een taalschakeltraject": "a language bridging programme",
    "alfabetiseringsonderwijs": "literacy education",
    "het inburgeringsexamen": "the integration exam",
}
_DOEL = "(" + "|".join(_DOELEN) + ")"
_E = r"(€ \d{1,3}(?:\.\d{3})*(?:,\d{2})?)"


def _e(bedrag: str) -> str:
    """ "€ 2.400,50" -> "€ 2,400.50" (English number format)."""
    return bedrag.replace(".", "#").replace(",", ".").replace("#", ",")


_OMSTANDIGHEDEN = {
    "de omstandigheden zeer uitzonderlijk en onvoorzien zijn": "the circumstances are highly "
    "exceptional and unforeseen",
    "ze niet aan de inburgeringsplichtige te wijten zijn": "they are not the person's fault",
    "vasthouden aan de plicht tot een zeer schrijnende situatie leidt": "upholding the "
    "requirement leads to a very distressing situation",
}
_OMSTANDIGHEID = "(" + "|".join(_OMSTANDIGHEDEN) + ")"

_ONDERWERP = "(" + "|".join(re.escape(o) for o in _ONDERWERPEN) + ")"
_ONDERWERP_HOOFD = "(" + "|".join(re.escape(o[0].upper() + o[1:]) for o in _ONDERWERPEN) + ")"


def _niet(m: re.Match[str], groep: int) -> str:
    return "not " if m[groep] else ""


#: Dutch fragments of the explanations (wet/) and their English (a text, or a function of the
#: match where a word inside the sentence changes).
#: A fragment matches whole; what is left over after all of them decides whether the
#: sentence was fully translated.
_Vertaling = str | Callable[[re.Match[str]], str]
_PAREN: list[tuple[str, _Vertaling]] = [
    (
        rf"Het PIP moet uiterlijk op {_D} zijn vastgesteld: ",
        r"The PIP must be adopted by \1: ",
    ),
    (
        rf"10 weken na de kennisgeving van DUO op {_D}",
        r"10 weeks after DUO's notification of \1",
    ),
    (
        rf"10 weken na de inschrijving in de BRP van de huisvestingsgemeente op {_D}, omdat "
        r"die inschrijving na de kennisgeving van DUO lag",
        r"10 weeks after the registration in the BRP of the housing municipality on \1, "
        r"because that registration came after DUO's notification",
    ),
    (
        rf"10 weken na de inschrijving in de nieuwe gemeente op {_D}, met dezelfde leerroute "
        r"als eerder vastgesteld",
        r"10 weeks after the registration in the new municipality on \1, with the learning "
        r"route set before",
    ),
    (
        rf"2 weken na ontvangst op {_D} van de informatie van een derde waarop de gemeente "
        r"wachtte",
        r"2 weeks after the municipality received, on \1, the information from a third "
        r"party it was waiting for",
    ),
    (
        rf"; omdat {_D} geen werkdag is, schuift de termijn op grond van de Algemene "
        rf"termijnenwet door naar {_D}",
        r"; because \1 is not a working day, the General Time Limits Act (Algemene "
        r"termijnenwet) moves the deadline to \2",
    ),
    (
        r"De termijn voor het PIP loopt nog niet: de inburgeringsplichtige is nog niet "
        r"ingeschreven in de gemeente waar hij als statushouder wordt gehuisvest\.",
        "The PIP deadline has not started: the person is not yet registered in the "
        "municipality where they are housed as a status holder.",
    ),
    (
        r"De gemeente wacht op informatie van een derde zonder welke het PIP redelijkerwijs "
        r"niet kan worden vastgesteld; de termijn is 2 weken na ontvangst daarvan\.",
        "The municipality is waiting for information from a third party without which "
        "the PIP cannot reasonably be adopted; the deadline is 2 weeks after it arrives.",
    ),
    (
        rf"De inburgeringstermijn loopt van {_D} \(de dag na de dagtekening van het eerste "
        rf"PIP\) tot en met {_D}",
        r"The integration period runs from \1 (the day after the date of the first PIP) "
        r"up to and including \2",
    ),
    (
        rf"De inburgeringstermijn loopt van {_D} \(de dag na de dagtekening van het eerste "
        rf"PIP\) tot {_D}",
        r"The integration period runs from \1 (the day after the date of the first PIP) "
        r"until \2",
    ),
    (
        r"; een opnieuw vastgesteld PIP verschuift de aanvang niet",
        "; a PIP adopted again does not move the start",
    ),
    (r", verlengd met (\d+) dagen onderbreking", r", extended by \1 days of interruption"),
    (
        r"; de verhuizing verandert deze termijn niet, want in de vorige gemeente was nog geen "
        r"PIP vastgesteld",
        "; the move does not change this deadline, because no PIP had been adopted in the "
        "previous municipality",
    ),
    # wet/lbt.py
    (
        rf"Met {_N} van de {_N} punten en de op {_D} geldende cesuur van {_N} is de B1-route "
        r"volgens de leerbaarheidstoets haalbaar; dit is een advies waarvan het college "
        r"gemotiveerd in het PIP kan afwijken\.",
        r"With \1 of \2 points and the cut-off of \4 in force on \3, the learnability test "
        r"finds the B1 route feasible; this is advice the municipality may depart from in "
        r"the PIP, giving reasons.",
    ),
    (
        rf"Met {_N} van de {_N} punten en de op {_D} geldende cesuur van {_N} is de B1-route "
        r"volgens de leerbaarheidstoets niet haalbaar; dit is een advies waarvan het college "
        r"gemotiveerd in het PIP kan afwijken\.",
        r"With \1 of \2 points and the cut-off of \4 in force on \3, the learnability test "
        r"finds the B1 route not feasible; this is advice the municipality may depart from "
        r"in the PIP, giving reasons.",
    ),
    (
        r"De wijziging van de cesuur op 12 april 2023 verandert niets aan deze uitkomst\.",
        "The change of the cut-off on 12 April 2023 does not change this outcome.",
    ),
    (
        rf"Deze score was bij de oude cesuur 'niet haalbaar' en is bij de cesuur van {_N} "
        r"'haalbaar'; heroverweeg de leerroute\.",
        r"This score was 'not feasible' under the old cut-off and is 'feasible' under the "
        r"cut-off of \1; reconsider the learning route.",
    ),
    (
        rf"De ontheffing van de leerbaarheidstoets geldt pas vanaf {_D}\.",
        r"The exemption from the learnability test applies only from \1.",
    ),
    (
        r"Er is geen grond voor ontheffing van de leerbaarheidstoets\.",
        "There are no grounds for an exemption from the learnability test.",
    ),
    (
        r"Het college verleent ontheffing van de leerbaarheidstoets\.",
        "The municipality grants an exemption from the learnability test.",
    ),
    (
        r"De B1-route was volgens de leerbaarheidstoets (niet )?haalbaar; de gekozen leerroute "
        r"volgt die uitkomst\.",
        lambda m: (
            f"The learnability test found the B1 route {_niet(m, 1)}feasible; the "
            "chosen learning route follows that outcome."
        ),
    ),
    (
        r"De B1-route was volgens de leerbaarheidstoets (niet )?haalbaar; de gekozen leerroute "
        r"wijkt daarvan af\. Leg de redenen vast in het PIP\.",
        lambda m: (
            f"The learnability test found the B1 route {_niet(m, 1)}feasible; the "
            "chosen learning route departs from it. Record the reasons in the PIP."
        ),
    ),
    (
        r"Er is geen uitkomst van de leerbaarheidstoets; de leerroute wijkt daar niet van af\.",
        "There is no learnability test outcome; the learning route does not depart from it.",
    ),
    # wet/intake.py
    (r"De brede intake is volledig\.", "The broad intake is complete."),
    (r"De brede intake is nog niet volledig: ", "The broad intake is not complete yet: "),
    (
        r"Stuur een schriftelijke waarschuwing en een herhaalde oproep met een nieuwe "
        r"termijn\.",
        "Send a written warning and a repeated summons with a new deadline.",
    ),
    (
        rf"Leg een boete van € {_N} op en stel in de boetebeschikking een nieuwe termijn van "
        r"ten hoogste twee maanden\.",
        r"Impose a fine of € \1 and set, in the fine decision, a new deadline of at most "
        r"two months.",
    ),
    (
        rf"Leg opnieuw een boete van € {_N} op en voltooi de brede intake zonder de "
        r"inburgeringsplichtige\.",
        r"Impose a fine of € \1 again and complete the broad intake without the person.",
    ),
    (
        r"de inburgeringsplichtige is niet gewezen op het recht de gesprekken alleen te "
        r"voeren",
        "the person has not been told of the right to hold the conversations alone",
    ),
    (
        r"de relevante informatie is niet schriftelijk vastgelegd",
        "the relevant information has not been recorded in writing",
    ),
    (
        r"de leerbaarheidstoets \(of ontheffing daarvan\)",
        "the learnability test (or an exemption from it)",
    ),
    (
        r"gevolgd onderwijs en werkervaring in het land van herkomst",
        "education and work experience in the country of origin",
    ),
    (
        r"persoonlijke omstandigheden, waaronder gezondheid",
        "personal circumstances, including health",
    ),
    (r"het taalniveau", "the language level"),
    (r"de mogelijkheden tot arbeidsparticipatie", "the possibilities for work"),
    (r"de mate van zelfredzaamheid", "the degree of self-reliance"),
    # wet/pip.py: what the PIP lacks, what follows a route decision
    (r"Het PIP bevat alle verplichte onderdelen\.", "The PIP contains every required part."),
    (r"In het PIP ontbreekt nog: ", "The PIP still lacks: "),
    (r"de ondersteuning en begeleiding", "the support and guidance"),
    (r"de intensiteit van PVT en MAP", "the intensity of the PVT and the MAP"),
    (
        r"de afspraken over voor- of vroegschoolse educatie van het kind",
        "the arrangements for the child's early childhood education",
    ),
    (r"de intensiteit van de leerroute", "the intensity of the learning route"),
    (r"het aantal voortgangsgesprekken", "the number of progress meetings"),
    (
        r"welke A2-examens en/of het examen KNM worden afgelegd \(de inburgeringsplichtige "
        r"wenst dat en het college acht hem daartoe in staat\)",
        "which A2 exams and/or the KNM exam will be taken (the person wishes so and the "
        "municipality considers them able to)",
    ),
    (
        r"de beschikkingen op grond van de Participatiewet \(waaronder ontzorgen\)",
        "the decisions under the Participation Act (including financial unburdening)",
    ),
    (
        r"de motivering van de afwijking van de leerbaarheidstoets",
        "the reasons for departing from the learnability test",
    ),
    (
        r"Het PIP volgt het besluit over de leerroute en het examenniveau\.",
        "The PIP follows the decision on the learning route and the exam level.",
    ),
    (
        r"Het college past het PIP aan het besluit aan: ",
        "The municipality adapts the PIP to the decision: ",
    ),
    (
        rf"de leerroute \({_ROUTE} in plaats van {_ROUTE}\)",
        lambda m: f"the learning route ({_ROUTES[m[1]]} instead of {_ROUTES[m[2]]})",
    ),
    (
        r"de onderdelen die op A2 worden geëxamineerd \(([A-Z, ]+|geen)\)",
        lambda m: f"the parts examined at A2 ({'none' if m[1] == 'geen' else m[1]})",
    ),
    (
        r"de mogelijkheden voor voor- of vroegschoolse educatie van het kind",
        "the possibilities for the child's early childhood education",
    ),
    (r"de leerroute", "the learning route"),
    # wet/examens.py
    (
        r"In de B1-route legt de inburgeringsplichtige de vier taalonderdelen af op niveau "
        r"(A2|B1) en het examen KNM\.",
        r"In the B1 route the person takes the four language parts at level \1 and the KNM "
        r"exam.",
    ),
    (
        r"In de onderwijsroute is het taalschakeltraject het doel; wordt dat niet behaald, dan "
        r"telt het inburgeringsexamen op B1 met KNM\.",
        "In the education route the language bridging programme is the goal; if it is not "
        "achieved, the integration exam at B1 with KNM counts.",
    ),
    (
        r"In de Z-route zijn examens niet verplicht; het PIP legt vast welke worden "
        r"afgelegd: (de A2-taalexamens en KNM|de A2-taalexamens|KNM|geen)\.",
        lambda m: (
            "In the Z route exams are not required; the PIP records which are taken: "
            + {
                "de A2-taalexamens en KNM": "the A2 language exams and KNM",
                "de A2-taalexamens": "the A2 language exams",
                "KNM": "KNM",
                "geen": "none",
            }[m[1]]
            + "."
        ),
    ),
    (
        rf"{_N} van de {_N} geplande examenonderdelen behaald\.",
        r"\1 of the \2 planned exam parts passed.",
    ),
    # wet/aanwezigheid.py
    (
        r"Er zijn nog geen aangeboden uren geregistreerd\.",
        "No offered hours have been registered yet.",
    ),
    (
        rf"{_G} van {_G} aangeboden uren gevolgd \({_G}%\)\.",
        r"\1 of \2 offered hours attended (\3%).",
    ),
    (
        r"Geen aangeboden uren in de laatste vier weken: geen verzuimsignaal\.",
        "No hours offered in the last four weeks: no absence signal.",
    ),
    (
        rf"Aanwezigheid in de laatste vier weken {_G}%, (niet )?onder de norm van {_G}%\.",
        lambda m: (
            f"Attendance in the last four weeks {m[1]}%, "
            f"{'not ' if m[2] else ''}below the norm of {m[3]}%."
        ),
    ),
    (
        rf"(Wachttijd tot de start|Wacht nu): {_N} dagen \({_N} weken\); de norm is {_N} "
        r"weken(, overschreden)?\.",
        lambda m: (
            ("Waiting time until the start" if m[1].startswith("Wachttijd") else "Waiting now")
            + f": {m[2]} days ({m[3]} weeks); the norm is {m[4]} weeks"
            + (", exceeded." if m[5] else ".")
        ),
    ),
    (
        rf"{_G} van 600 cursusuren NT2 gevolgd; afschalen kan worden overwogen\.",
        r"\1 of 600 NT2 course hours attended; lowering the level to A2 can be considered.",
    ),
    (
        rf"{_G} van 600 cursusuren NT2 gevolgd; nog {_G} te gaan voordat afschalen kan worden "
        r"overwogen\.",
        r"\1 of 600 NT2 course hours attended; \2 more before lowering the level to A2 can "
        r"be considered.",
    ),
    (
        rf"Z-route: {_G} van {_N} cursusuren"
        rf"(?:, {_G} van {_N} uur participatieactiviteiten)?\.",
        lambda m: (
            f"Z route: {m[1]} of {m[2]} course hours"
            + (f", {m[3]} of {m[4]} hours of participation activities" if m[3] else "")
            + "."
        ),
    ),
    # wet/uren.py, wet/routes.py (map_verplicht)
    (
        rf"De Z-route vraagt nog {_N} cursusuren en {_N} uur aan participatie-activiteiten, "
        r"plus een eindgesprek met het college\.",
        r"The Z route still asks \1 course hours and \2 hours of participation activities, "
        r"plus a final interview with the municipality.",
    ),
    (
        rf"De Z-route vraagt voor gezinsmigranten en overige migranten nog {_N} cursusuren en "
        r"een eindgesprek\.",
        r"For family and other migrants the Z route still asks \1 course hours and a final "
        r"interview.",
    ),
    (
        rf"Het participatieverklaringstraject vraagt nog minimaal {_N} uur\.",
        r"The participation statement programme still asks at least \1 hours.",
    ),
    (
        r"Het participatieverklaringstraject is afgerond\.",
        "The participation statement programme is completed.",
    ),
    (
        r"Het participatieverklaringstraject is niet afgerond: ",
        "The participation statement programme is not completed: ",
    ),
    (
        rf"{_G} van de minimaal {_N} uur gevolgd",
        r"\1 of the minimum \2 hours attended",
    ),
    (
        r"de participatieverklaring is niet ondertekend",
        "the participation statement has not been signed",
    ),
    (
        r"geen activiteit of excursie over de kernwaarden",
        "no activity or excursion about the core values",
    ),
    (
        rf"De MAP vraagt volgens de ingestelde norm nog {_N} uur\.",
        r"Under the configured norm the MAP still asks \1 hours.",
    ),
    (
        r"Er is geen urennorm voor de MAP ingesteld\.",
        "No hours norm has been configured for the MAP.",
    ),
    (
        r"De MAP geldt niet voor wie het taalschakeltraject volgt of heeft afgerond\.",
        "The MAP does not apply to someone following or having completed the language "
        "bridging programme.",
    ),
    (
        r"De module Arbeidsmarkt en Participatie is onderdeel van de inburgeringsplicht\.",
        "The Labour Market and Participation module (MAP) is part of the integration requirement.",
    ),
    (
        rf"Na verlenging met {_N} maanden eindigt de inburgeringstermijn op {_D}\.",
        r"After an extension of \1 months the integration period ends on \2.",
    ),
    # wet/termijnen.py: extension, window, the law that applies
    (
        rf"Een aanvraag tot verlenging kan van {_D} tot en met {_D} worden ingediend\.",
        r"An extension can be applied for from \1 up to and including \2.",
    ),
    (
        rf"De aanvraag van {_D} is op tijd ingediend; DUO beslist uiterlijk {_D}\.",
        r"The application of \1 was made in time; DUO decides by \2.",
    ),
    (
        rf"De aanvraag van {_D} is te laat: de termijn is op {_D} verstreken en kan niet meer "
        r"worden verlengd\.",
        r"The application of \1 is too late: the period ended on \2 and can no longer be "
        r"extended.",
    ),
    (
        rf"De aanvraag van {_D} is te vroeg: indienen kan pas vanaf {_D}\.",
        r"The application of \1 is too early: it can be made from \2.",
    ),
    (
        rf"Er is sprake van aanzienlijke inspanningen: DUO verlengt de termijn met {_N} "
        r"maanden\.",
        r"There are considerable efforts: DUO extends the period by \1 months.",
    ),
    (
        r"Geen verlenging wegens aanzienlijke inspanningen, want ",
        "No extension for considerable efforts, because ",
    ),
    (
        rf"{_N} van de {_N} taalonderdelen behaald, minimaal {_N} nodig",
        r"\1 of the \2 language parts passed, at least \3 needed",
    ),
    (
        r"de inburgeringsplichtige volgt niet de B1-route",
        "the person does not follow the B1 route",
    ),
    (
        r"de module Arbeidsmarkt en Participatie is niet afgerond",
        "the Labour Market and Participation module is not completed",
    ),
    (
        r"het examenniveau in het PIP ligt onder A2",
        "the exam level in the PIP is below A2",
    ),
    (r"het onderdeel KNM is niet behaald", "the KNM part has not been passed"),
    (
        rf"DUO kan de termijn in een bijzonder geval ambtshalve verlengen; de beschikking kan "
        rf"vanaf {_D} worden gegeven\.",
        r"DUO may extend the period of its own motion in a special case; the decision can be "
        r"given from \1.",
    ),
    (
        r"DUO kan de termijn voor een categorie inburgeringsplichtigen ambtshalve verlengen, "
        r"met een duur die bij ministeriële regeling is bepaald\.",
        "DUO may extend the period of its own motion for a category of persons, for a "
        "duration set by ministerial regulation.",
    ),
    (
        rf"Een ambtshalve verlenging met dagtekening {_D} is mogelijk\.",
        r"An extension of DUO's own motion dated \1 is possible.",
    ),
    (
        rf"Een ambtshalve verlenging met dagtekening {_D} is te vroeg: de beschikking kan pas "
        rf"vanaf {_D} worden gegeven\.",
        r"An extension of DUO's own motion dated \1 is too early: the decision can be given "
        r"from \2.",
    ),
    (
        r"Er is geen grond voor verlenging omdat het overschrijden niet verwijtbaar is\.",
        "There are no grounds for an extension because exceeding the period is not the "
        "person's fault.",
    ),
    (
        r"Grond voor verlenging zonder verwijt: ",
        "Grounds for an extension without fault: ",
    ),
    (
        r"de gemeente heeft het inburgeringsaanbod niet geleverd",
        "the municipality has not provided the integration offer",
    ),
    (
        r"; de gemeente meldt het uitblijven van het aanbod aan DUO\.",
        "; the municipality reports the missing offer to DUO.",
    ),
    (
        r"de inburgeringsplichtige volgt een niet-vrijstellende opleiding",
        "the person follows a non-exempting course of education",
    ),
    (
        r"Op deze inburgeringsplichtige blijft de oude Wet inburgering \(2013\) van "
        r"toepassing\.",
        "The old Civic Integration Act (2013) continues to apply to this person.",
    ),
    (
        r"Op deze inburgeringsplichtige is de Wet inburgering 2021 van toepassing\.",
        "The Civic Integration Act 2021 applies to this person.",
    ),
    # wet/intake.py brede_intake_en_pip
    (
        r"Op deze inburgeringsplichtige blijft de oude Wet inburgering \(2013\) van "
        r"toepassing: de gemeente neemt geen brede intake of leerbaarheidstoets af en stelt "
        r"geen PIP vast\.",
        "The old Civic Integration Act (2013) continues to apply to this person: the "
        "municipality holds no broad intake or learnability test and sets no PIP.",
    ),
    (
        r"De gemeente neemt de brede intake af, met de leerbaarheidstoets, en stelt het PIP "
        r"vast\.",
        "The municipality holds the broad intake, with the learnability test, and sets the PIP.",
    ),
    # wet/routes.py
    (
        rf"Schakelen van {_ROUTE} naar {_ROUTE} mag ",
        lambda m: f"Switching from {_ROUTES[m[1]]} to {_ROUTES[m[2]]} is allowed ",
    ),
    (
        rf"Schakelen van {_ROUTE} naar {_ROUTE} mag niet meer: de termijn van anderhalf jaar "
        rf"eindigde op {_D}\.",
        lambda m: (
            f"Switching from {_ROUTES[m[1]]} to {_ROUTES[m[2]]} is no longer allowed: "
            f"the period of eighteen months ended on {m[3]}."
        ),
    ),
    (
        rf"tot en met {_D} \(anderhalf jaar na de aanvang van de termijn\)\.",
        r"up to and including \1 (eighteen months after the start of the period).",
    ),
    (
        r"na afloop van de niet-vrijstellende opleiding\.",
        "after the non-exempting course of education has ended.",
    ),
    (
        r"in dit bijzondere geval buiten de termijn van anderhalf jaar\.",
        "in this special case outside the period of eighteen months.",
    ),
    (r"gedurende het hele inburgeringstraject\.", "during the whole integration process."),
    (
        r"Examenpogingen en behaalde onderdelen van het inburgeringsexamen gelden ook in de "
        r"onderwijsroute\.",
        "Exam attempts and passed parts of the integration exam also count in the education route.",
    ),
    (
        rf"Gevolgde cursusuren Nederlands en KNM gaan af van de norm van {_N} cursusuren van "
        r"de Z-route\.",
        r"Course hours of Dutch and KNM attended are deducted from the norm of \1 course "
        r"hours of the Z route.",
    ),
    (
        r"Gevolgde cursusuren tellen mee bij de intensiteit van de B1-route",
        "Course hours attended count towards the intensity of the B1 route",
    ),
    (
        r", en examenpogingen en behaalde onderdelen uit de onderwijsroute gelden voor het "
        r"inburgeringsexamen\.",
        ", and exam attempts and passed parts from the education route count for the "
        "integration exam.",
    ),
    (
        r"Voor schakelen van de Z-route naar de onderwijsroute regelt het Besluit geen "
        r"overdracht\.",
        "For switching from the Z route to the education route the Decree provides no transfer.",
    ),
    (
        r"Afschalen kan niet: de inburgeringsplichtige heeft zich in de lessen onvoldoende "
        r"ingespannen\.",
        "Lowering the level is not possible: the person has not made enough effort in the lessons.",
    ),
    (
        rf"Afschalen kan nog niet: {_G} van de 600 cursusuren NT2 zijn gevolgd\.",
        r"Lowering the level is not possible yet: \1 of the 600 NT2 course hours have been "
        r"attended.",
    ),
    (
        rf"Afschalen naar A2 is mogelijk: {_G} cursusuren NT2 gevolgd met voldoende "
        r"inspanning\.",
        r"Lowering the level to A2 is possible: \1 NT2 course hours attended with enough "
        r"effort.",
    ),
    (
        r"Afschalen naar A2 kan alleen in de B1-route\.",
        "Lowering the level to A2 is only possible in the B1 route.",
    ),
    # wet/uren.py: the MAP (Besluit 3.2)
    (
        r"De MAP is afgerond: alle acht thema's gevolgd en het eindgesprek gevoerd\.",
        "The MAP is completed: all eight themes followed and the final interview held.",
    ),
    (rf"MAP: {_N} van de 8 thema's gevolgd", r"MAP: \1 of the 8 themes followed"),
    (rf"open: ({_MAP_THEMA}(?:, {_MAP_THEMA})*)", _map_open),
    (r"het eindgesprek moet nog plaatsvinden", "the final interview is still to be held"),
    # wet/duo_validatie.py
    (
        rf"DUO zal {_ONDERWERP} weigeren: {_N} regel\(s\) geschonden\.",
        lambda m: f"DUO will refuse {_ONDERWERPEN[m[1]]}: {m[2]} rule(s) broken.",
    ),
    (
        rf"{_ONDERWERP_HOOFD} voldoet aan de validatieregels van DUO\.",
        lambda m: (
            f"{_ONDERWERPEN[m[1][0].lower() + m[1][1:]].capitalize()} meets DUO's validation rules."
        ),
    ),
    (r"DUO legt niveau (A1|A2|B1) vast\.", r"DUO records level \1."),
    (r"Er wordt geen niveau vastgelegd\.", "No level is recorded."),
    (
        r"Zonder opgegeven niveau legt DUO niveau B1 vast\.",
        "Without a level given, DUO records level B1.",
    ),
    # wet/plicht.py
    (
        r"De inburgeringsplicht is nog niet voldaan: ",
        "The integration requirement has not been met yet: ",
    ),
    (
        r"de onderwijsroute is niet behaald en (het examenonderdeel \w+|de examenonderdelen "
        r"[A-Z, ]+) ook niet",
        lambda m: (
            "the education route has not been achieved and neither "
            + (
                f"has the exam part {m[1].split()[-1]}"
                if m[1].startswith("het")
                else f"have the exam parts {m[1].removeprefix('de examenonderdelen ')}"
            )
        ),
    ),
    (
        r"de zelfredzaamheidsroute is niet behaald",
        "the self-reliance route (Z route) has not been achieved",
    ),
    (
        r"het examenonderdeel (\w+) is niet behaald",
        r"the exam part \1 has not been passed",
    ),
    (
        r"de examenonderdelen ([A-Z, ]+) zijn niet behaald",
        r"the exam parts \1 have not been passed",
    ),
    (
        r"het participatieverklaringstraject is niet afgerond",
        "the participation statement programme is not completed",
    ),
    (
        r"De inburgeringsplicht is voldaan via de onderwijsroute; de inburgeringsplichtige "
        r"ontvangt een diploma\.",
        "The integration requirement has been met through the education route; the person "
        "receives a diploma.",
    ),
    (
        r"De inburgeringsplicht is voldaan via de zelfredzaamheidsroute; de "
        r"inburgeringsplichtige ontvangt een certificaat\.",
        "The integration requirement has been met through the self-reliance route (Z "
        "route); the person receives a certificate.",
    ),
    (
        r"De inburgeringsplicht is voldaan via het inburgeringsexamen \(onderwijsroute niet "
        r"behaald, artikel 8, vierde lid\); de inburgeringsplichtige ontvangt een diploma\.",
        "The integration requirement has been met through the integration exam (education "
        "route not achieved, article 8, fourth paragraph); the person receives a diploma.",
    ),
    (
        r"De inburgeringsplicht is voldaan via het inburgeringsexamen; de "
        r"inburgeringsplichtige ontvangt een diploma\.",
        "The integration requirement has been met through the integration exam; the person "
        "receives a diploma.",
    ),
    (
        rf"De inburgeringsplicht geldt als niet geëindigd: de onderbreking van {_D} tot en met "
        rf"{_D} \({_N} dagen\) duurde ten hoogste een jaar en verlengt de termijn\.",
        r"The integration requirement counts as not ended: the interruption from \1 up to "
        r"and including \2 (\3 days) lasted at most a year and extends the period.",
    ),
    (
        rf"De inburgeringsplicht is geëindigd: de onderbreking van {_N} dagen had geen reden "
        r"als bedoeld in artikel 2\.1, tweede lid, van het Besluit\.",
        r"The integration requirement has ended: the interruption of \1 days had no reason "
        r"as meant in article 2.1, second paragraph, of the Decree.",
    ),
    (
        rf"De inburgeringsplicht is geëindigd: de onderbreking van {_D} tot en met {_D} "
        r"duurde langer dan een jaar\.",
        r"The integration requirement has ended: the interruption from \1 up to and "
        r"including \2 lasted longer than a year.",
    ),
    (
        rf"De inburgeringsplicht is op {_D} geëindigd, tenzij de inburgeringsplichtige binnen "
        r"een jaar opnieuw inburgeringsplichtig wordt na een onderbreking als bedoeld in "
        r"artikel 2\.1, tweede lid, van het Besluit\.",
        r"The integration requirement ended on \1, unless the person becomes subject to it "
        r"again within a year after an interruption as meant in article 2.1, second "
        r"paragraph, of the Decree.",
    ),
    (
        r"De inburgeringsplicht loopt door: direct aansluitend is rechtmatig verblijf "
        r"verkregen op grond van artikel 8, onder g of h, Vw 2000\.",
        "The integration requirement continues: lawful residence under article 8, (g) or "
        "(h), of the Aliens Act 2000 followed directly.",
    ),
    (
        r"De inburgeringsplicht loopt zonder onderbreking door\.",
        "The integration requirement continues without interruption.",
    ),
    # wet/boetes.py, wet/handhaving.py: fines
    (
        rf"Gedurende de inburgeringstermijn bedragen alle gemeentelijke boetes samen ten "
        rf"hoogste {_E}\.",
        lambda m: (
            "During the integration period all municipal fines together amount to at "
            f"most {_e(m[1])}."
        ),
    ),
    (
        rf"Gedurende een nieuwe termijn van {_N} maanden bedragen alle gemeentelijke boetes "
        rf"samen ten hoogste {_E}\.",
        lambda m: (
            f"During a new period of {m[1]} months all municipal fines together amount "
            f"to at most {_e(m[2])}."
        ),
    ),
    (
        r"Geen boete wegens de brede intake \(artikel 22\): ",
        "No fine for the broad intake (article 22): ",
    ),
    (
        rf"Voorstel: boete wegens de brede intake \(artikel 22\) van {_E}",
        lambda m: f"Proposal: fine for the broad intake (article 22) of {_e(m[1])}",
    ),
    (
        rf"(Geen boete|Voorstel: boete) wegens artikel 23 \(constatering {_D}, {_N}% van {_E}, "
        rf"{_N} eerdere overtreding\(en\) in 12 maanden\)",
        lambda m: (
            ("No fine" if m[1] == "Geen boete" else "Proposal: fine")
            + f" under article 23 (found on {m[2]}, {m[3]}% of {_e(m[4])}, {m[5]} earlier "
            "violation(s) in 12 months)"
        ),
    ),
    (rf"^ van {_E}", lambda m: f" of {_e(m[1])}"),
    (
        rf", afgetopt op het plafond van {_E}\.",
        lambda m: f", capped at the ceiling of {_e(m[1])}.",
    ),
    (
        r"de bijstand is voor dezelfde gedraging al verlaagd",
        "social assistance has already been reduced for the same conduct",
    ),
    (
        r"voor een asielstatushouder ontbreekt de vastgelegde individuele beoordeling",
        "for an asylum permit holder the recorded individual assessment is missing",
    ),
    (
        r"de individuele beoordeling acht een boete niet passend",
        "the individual assessment finds a fine not appropriate",
    ),
    (r"het boeteplafond is bereikt", "the fine ceiling has been reached"),
    (
        r"DUO legt € 340 boete op als PVT of MAP niet binnen de termijn is afgerond, met een "
        r"nieuwe termijn van ten hoogste twee jaar\.",
        "DUO imposes a fine of € 340 if the PVT or MAP is not completed within the period, "
        "with a new period of at most two years.",
    ),
    (
        r"DUO legt ten hoogste € 1\.000 boete op als de leerroute niet binnen de termijn is "
        r"behaald, afhankelijk van uren, examenpogingen en behaalde examens\.",
        "DUO imposes a fine of at most € 1,000 if the learning route is not achieved within "
        "the period, depending on hours, exam attempts and exams passed.",
    ),
    (
        rf"Als (de leerroute niet op tijd is behaald|het participatieverklaringstraject of de "
        rf"module Arbeidsmarkt en Participatie niet op tijd is afgerond), kan DUO "
        rf"(sinds|vanaf) {_D} een boete van (ten hoogste )?{_E} opleggen",
        lambda m: (
            (
                "If the learning route is not achieved in time"
                if m[1].startswith("de leerroute")
                else "If the participation statement programme or the Labour Market and "
                "Participation module is not completed in time"
            )
            + f", DUO {'has been able to' if m[2] == 'sinds' else 'can'} impose a fine of "
            + f"{'at most ' if m[4] else ''}{_e(m[5])} "
            + ("since" if m[2] == "sinds" else "from")
            + f" {m[3]}"
        ),
    ),
    (
        r" met een nieuwe termijn van ten hoogste twee jaar",
        " with a new period of at most two years",
    ),
    (r", en daarna iedere twee jaar opnieuw", ", and again every two years after that"),
    (
        r"; voor een asielstatushouder na een individuele beoordeling",
        "; for an asylum permit holder after an individual assessment",
    ),
    (
        r"Geen boete van DUO op grond van artikel (24|25): ",
        r"No fine from DUO under article \1: ",
    ),
    (r"de leerroute is behaald", "the learning route has been achieved"),
    (
        r"het participatieverklaringstraject en de module Arbeidsmarkt en Participatie zijn "
        r"afgerond",
        "the participation statement programme and the Labour Market and Participation "
        "module are completed",
    ),
    (
        r"de verblijfsvergunning is niet verlengd of ingetrokken",
        "the residence permit has not been extended or has been withdrawn",
    ),
    (
        r"Voor een houder van een asielvergunning is een vastgelegde individuele beoordeling "
        r"nodig voordat een boete wordt voorgenomen \(HvJ EU C-158/23\)\.",
        "For an asylum permit holder a recorded individual assessment is needed before a "
        "fine is proposed (CJEU C-158/23).",
    ),
    (
        r"Voor deze doelgroep is geen aparte individuele beoordeling vereist\.",
        "For this target group no separate individual assessment is required.",
    ),
    (r"Een voornemen tot een boete is mogelijk\.", "A notice of intent to fine is possible."),
    (r"Geen voornemen: ", "No notice of intent: "),
    (
        r"Geen boete: de bijstand is voor dezelfde gedraging al verlaagd op grond van "
        r"artikel 18 of 18b Participatiewet \(artikel 27 Wet inburgering 2021\)\.",
        "No fine: social assistance has already been reduced for the same conduct under "
        "article 18 or 18b of the Participation Act (article 27 Civic Integration Act 2021).",
    ),
    (
        r"Een voornemen tot een boete voor een houder van een asielvergunning vraagt eerst "
        r"een vastgelegde individuele beoordeling \(artikel 22 en 23 Wet inburgering 2021; "
        r"HvJ EU C-158/23\)\.",
        "A notice of intent to fine an asylum permit holder first needs a recorded "
        "individual assessment (articles 22 and 23 Civic Integration Act 2021; CJEU "
        "C-158/23).",
    ),
    (
        r"De individuele beoordeling acht een boete niet passend; een voornemen is dan niet "
        r"mogelijk \(HvJ EU C-158/23\)\.",
        "The individual assessment finds a fine not appropriate; a notice of intent is then "
        "not possible (CJEU C-158/23).",
    ),
    (
        rf"De inburgeraar kan tot en met {_D} een zienswijze geven, schriftelijk of mondeling "
        r"\(artikel 4:8 en 5:53 Awb\)\.",
        r"The person can give their view, in writing or orally, up to and including \1 "
        r"(articles 4:8 and 5:53 General Administrative Law Act).",
    ),
    (
        r"De zienswijze is ontvangen; het college kan beslissen\.",
        "The view has been received; the municipality can decide.",
    ),
    (
        rf"De zienswijzetermijn is op {_D} geëindigd; het college kan beslissen\.",
        r"The period for a view ended on \1; the municipality can decide.",
    ),
    (
        rf"Nog geen beschikking: de zienswijzetermijn loopt tot en met {_D} en er is geen "
        r"zienswijze ontvangen \(artikel 4:8 en 5:53 Awb\)\.",
        r"No decision yet: the period for a view runs up to and including \1 and no view "
        r"has been received (articles 4:8 and 5:53 General Administrative Law Act).",
    ),
    (
        rf"Opgelegd {_E} van ten hoogste {_E}; (?:het plafond is bereikt|nog {_E} ruimte)\.",
        lambda m: (
            f"Imposed {_e(m[1])} of at most {_e(m[2])}; "
            + (f"{_e(m[3])} left." if m[3] else "the ceiling has been reached.")
        ),
    ),
    (r"Dit bedrag kan niet worden opgelegd: ", "This amount cannot be imposed: "),
    (
        r"Een boete is een bedrag groter dan nul; kies anders 'geen boete' met een reden\.",
        "A fine is an amount above zero; otherwise choose 'no fine' with a reason.",
    ),
    (
        rf"Een boete op grond van artikel (22|23) is ten hoogste {_E} \(artikel 26, eerste "
        r"lid, Wet inburgering 2021\)\.",
        lambda m: (
            f"A fine under article {m[1]} is at most {_e(m[2])} (article 26, first "
            "paragraph, Civic Integration Act 2021)."
        ),
    ),
    (
        rf"Met deze boete komt het totaal boven het plafond van {_E} in deze termijn; er is "
        rf"nog {_E} ruimte \(artikel 7\.1, vijfde lid, Besluit inburgering 2021\)\.",
        lambda m: (
            f"With this fine the total exceeds the ceiling of {_e(m[1])} in this "
            f"period; {_e(m[2])} is left (article 7.1, fifth paragraph, Civic Integration "
            "Decree 2021)."
        ),
    ),
    (
        rf"Het bedrag van {_E} kan worden opgelegd\.",
        lambda m: f"The amount of {_e(m[1])} can be imposed.",
    ),
    (
        r"Op het bezwaar of beroep is beslist; de boete is onherroepelijk\.",
        "The objection or appeal has been decided; the fine is final.",
    ),
    (
        r"Er loopt bezwaar of beroep; de boete is nog niet onherroepelijk\.",
        "An objection or appeal is pending; the fine is not final yet.",
    ),
    (
        rf"De bezwaartermijn is op {_D} geëindigd zonder bezwaar; de boete is "
        r"onherroepelijk\.",
        r"The objection period ended on \1 without an objection; the fine is final.",
    ),
    (
        rf"De bezwaartermijn loopt tot en met {_D}; de boete is nog niet onherroepelijk\.",
        r"The objection period runs up to and including \1; the fine is not final yet.",
    ),
    # wet/plicht.py: who is subject, exemptions
    (r"Niet inburgeringsplichtig: ", "Not subject to the integration requirement: "),
    (
        r"het verblijfsrecht valt niet onder artikel 8, onder a of c, Vw 2000",
        "the right of residence does not fall under article 8, (a) or (c), Aliens Act 2000",
    ),
    (
        rf"bij het verkrijgen van verblijf op {_D} was hij jonger dan 16 jaar \(16 op {_D}\)",
        r"when residence was obtained on \1 the person was younger than 16 (16 on \2)",
    ),
    (
        r"hij had de pensioengerechtigde leeftijd al bereikt",
        "the person had already reached pensionable age",
    ),
    (
        r"hij verblijft hier voor een tijdelijk doel en is geen geestelijk bedienaar",
        "the person stays here for a temporary purpose and is not a minister of religion",
    ),
    (
        r"onderdaan van de EU, de EER of Zwitserland",
        "a national of the EU, the EEA or Switzerland",
    ),
    (
        r"familielid met vrij verkeer van een EU-, EER- of Zwitserse onderdaan",
        "a family member with free movement of an EU, EEA or Swiss national",
    ),
    (
        r"heeft elders in de EU/EER aan een inburgeringsvereiste voor langdurig ingezetenen "
        r"voldaan",
        "has met an integration requirement for long-term residents elsewhere in the EU/EEA",
    ),
    (
        r"een verdrag of besluit van een volkenrechtelijke organisatie staat de plicht in de "
        r"weg",
        "a treaty or a decision of an international organisation precludes the requirement",
    ),
    (
        rf"Inburgeringsplichtig vanaf {_D}, de dag waarop verblijf is verkregen\.",
        r"Subject to the integration requirement from \1, the day residence was obtained.",
    ),
    (
        rf"Inburgeringsplichtig vanaf {_D}, de dag van het besluit over het verblijf: de "
        r"plicht ontstaat niet met terugwerkende kracht\.",
        r"Subject to the integration requirement from \1, the day of the decision on "
        r"residence: the requirement does not arise retroactively.",
    ),
    (
        r"Er is geen grond voor vrijstelling van de inburgeringsplicht\.",
        "There are no grounds for exemption from the integration requirement.",
    ),
    (
        r"Grond voor vrijstelling van de inburgeringsplicht: ",
        "Grounds for exemption from the integration requirement: ",
    ),
    (
        r"ten minste acht jaar leerplichtig of kwalificatieplichtig",
        "subject to compulsory education or qualification for at least eight years",
    ),
    (
        r"een aangewezen diploma, certificaat of ander document",
        "a designated diploma, certificate or other document",
    ),
    (
        r"nu leerplichtig of kwalificatieplichtig",
        "now subject to compulsory education or qualification",
    ),
    (
        r"volgt een opleiding die tot een aangewezen diploma leidt",
        "follows a course leading to a designated diploma",
    ),
    (
        r"voldoende ingeburgerd \(10 jaar ingezetene, 5 jaar werk, B1 spreken en luisteren\)",
        "sufficiently integrated (10 years resident, 5 years of work, B1 speaking and listening)",
    ),
    (
        r"Geen volledige vrijstelling; wel vrijgesteld van (het examenonderdeel \w+|de "
        r"examenonderdelen [A-Z, ]+) op grond van een aangewezen document\.",
        lambda m: (
            "No full exemption; exempted from "
            + re.sub(
                r"^(het examenonderdeel|de examenonderdelen) ",
                lambda d: (
                    {
                        "het examenonderdeel": "the exam part",
                        "de examenonderdelen": "the exam parts",
                    }[d[1]]
                    + " "
                ),
                m[1],
            )
            + " on the basis of a designated document."
        ),
    ),
    (r"Geen grond voor ontheffing: ", "No grounds for exemption: "),
    (
        r"er is geen deskundigenverklaring van een door DUO aangewezen arts",
        "there is no expert statement from a doctor designated by DUO",
    ),
    (
        r"de belemmering staat niet voor vijf jaar na de aanvraag aan de plicht in de weg",
        "the impediment does not prevent meeting the requirement for five years after the "
        "application",
    ),
    (
        r"er is geen onderdeel genoemd waaraan de inburgeringsplichtige blijvend niet kan "
        r"voldoen",
        "no part has been named that the person permanently cannot meet",
    ),
    (
        r"Grond voor gehele ontheffing van de inburgeringsplicht\.",
        "Grounds for a full exemption from the integration requirement.",
    ),
    (rf" ?DUO beslist uiterlijk {_D}\.", r" DUO decides by \1."),
    (
        r"Grond voor gedeeltelijke ontheffing voor: ((?:[A-Z]+|het participatiegedeelte van "
        r"de zelfredzaamheidsroute)(?:, (?:[A-Z]+|het participatiegedeelte van de "
        r"zelfredzaamheidsroute))*); PVT en MAP blijven verplicht\.",
        lambda m: (
            "Grounds for a partial exemption for: "
            + m[1].replace(
                "het participatiegedeelte van de zelfredzaamheidsroute",
                "the participation part of the Z route",
            )
            + "; the PVT and the MAP remain required."
        ),
    ),
    (
        r"Er is grond voor gehele ontheffing wegens bijzondere omstandigheden",
        "There are grounds for a full exemption because of special circumstances",
    ),
    (
        rf"niet vastgesteld is dat {_OMSTANDIGHEID}(?: en {_OMSTANDIGHEID})?(?: en "
        rf"{_OMSTANDIGHEID})?",
        lambda m: (
            "it has not been established that "
            + " and ".join(_OMSTANDIGHEDEN[g] for g in m.groups() if g)
        ),
    ),
    (
        r"bij de aanvraag hoort een advies van het college, dat nog ontbreekt",
        "the application needs advice from the municipality, which is still missing",
    ),
    (
        r"DUO beslist ambtshalve; het college adviseert waar dat van toepassing is",
        "DUO decides of its own motion; the municipality advises where applicable",
    ),
    (rf"DUO beslist uiterlijk {_D}", r"DUO decides by \1"),
    (
        rf"DUO vroeg op {_D} om het advies van het college over de ontheffing; het advies gaat "
        rf"uiterlijk {_D} terug naar DUO, zodat DUO binnen acht weken kan beslissen\.",
        r"DUO asked on \1 for the municipality's advice on the exemption; the advice goes "
        r"back to DUO by \2, so that DUO can decide within eight weeks.",
    ),
    # wet/voorzieningen.py, wet/bewaartermijnen.py
    (
        r"Deze inburgeringsplichtige hoort bij de asielstatushouders\.",
        "This person belongs to the asylum permit holders.",
    ),
    (
        r"Deze inburgeringsplichtige hoort bij de gezinsmigranten en overige migranten\.",
        "This person belongs to the family and other migrants.",
    ),
    (
        r"Maatschappelijke begeleiding geldt alleen voor asielstatushouders\.",
        "Social guidance applies only to asylum permit holders.",
    ),
    (
        r"Maatschappelijke begeleiding begint zodra de inburgeringsplichtige in de BRP van de "
        r"gemeente is ingeschreven\.",
        "Social guidance starts as soon as the person is registered in the municipality's BRP.",
    ),
    (
        rf"Maatschappelijke begeleiding begint op {_D}, de dag van inschrijving in de BRP\.",
        r"Social guidance starts on \1, the day of registration in the BRP.",
    ),
    (
        r"Financieel ontzorgen geldt alleen voor inburgeringsplichtigen onder de Wet "
        r"inburgering 2021 met een verblijfsvergunning asiel voor bepaalde tijd die bijstand "
        r"ontvangen\.",
        "Financial unburdening applies only to persons under the Civic Integration Act 2021 "
        "with a fixed-term asylum residence permit who receive social assistance.",
    ),
    (
        r"Financieel ontzorgen begint op de dag dat het recht op bijstand ontstaat; er is nog "
        r"geen bijstand\.",
        "Financial unburdening starts on the day the right to social assistance arises; there "
        "is no social assistance yet.",
    ),
    (
        rf"De gemeente betaalt van {_D} tot en met {_D} huur, gas, water, stroom en "
        r"zorgverzekering uit de bijstand; de vorm mag op maat, de plicht blijft\.",
        r"From \1 up to and including \2 the municipality pays rent, gas, water, electricity "
        r"and health insurance from the social assistance; the form may be tailored, the "
        r"duty remains.",
    ),
    (
        rf"Het ontzorgen begint pas op {_D}, de dag waarop het recht op bijstand ontstaat\.",
        r"Unburdening starts only on \1, the day the right to social assistance arises.",
    ),
    (
        rf"{_D} valt binnen de zes maanden ontzorgen \(tot en met {_D}\)\.",
        r"\1 falls within the six months of unburdening (up to and including \2).",
    ),
    (
        rf"De zes maanden eindigden op {_D}; de inburgeraar heeft gekozen voor vrijwillige "
        rf"voortzetting tot en met {_D}\.",
        r"The six months ended on \1; the person chose to continue voluntarily up to and "
        r"including \2.",
    ),
    (
        rf"De zes maanden ontzorgen eindigden op {_D}\.",
        r"The six months of unburdening ended on \1.",
    ),
    (r"Betaling voor (\d{2}-\d{4}) is toegestaan\.", r"Payment for \1 is allowed."),
    (r"Betaling geweigerd: ", "Payment refused: "),
    (r"Het bedrag moet groter zijn dan € 0\.", "The amount must be more than € 0."),
    (
        rf"(\d{{2}}-\d{{4}}) ligt voor het begin van het ontzorgen \({_D}\)\.",
        r"\1 is before the start of unburdening (\2).",
    ),
    (
        rf"(\d{{2}}-\d{{4}}) ligt na de zes maanden ontzorgen \(tot en met {_D}\) en er is "
        r"geen vrijwillige voortzetting voor die maand vastgelegd\.",
        r"\1 is after the six months of unburdening (up to and including \2) and no "
        r"voluntary continuation has been recorded for that month.",
    ),
    (
        r"De gemeente biedt de cursus aan en betaalt de eerste twee examenpogingen per "
        r"onderdeel\.",
        "The municipality offers the course and pays the first two exam attempts per part.",
    ),
    (
        r"De inburgeringsplichtige betaalt cursus en examens zelf en kan daarvoor bij DUO een "
        r"lening tot € 10\.000 aanvragen, in de onderwijsroute ook voor een erkend "
        r"taalschakeltraject\.",
        "The person pays for the course and exams and can apply to DUO for a loan of up to "
        "€ 10,000, in the education route also for a recognised language bridging "
        "programme.",
    ),
    (
        rf"Een lening van DUO voor {_DOEL} van ten hoogste € 10\.000 is mogelijk\.",
        lambda m: f"A DUO loan for {_DOELEN[m[1]]} of at most € 10,000 is possible.",
    ),
    (
        rf"Geen lening van DUO voor {_DOEL}: ",
        lambda m: f"No DUO loan for {_DOELEN[m[1]]}: ",
    ),
    (
        r"een asielstatushouder krijgt het inburgeringsaanbod van de gemeente en heeft geen "
        r"aanspraak op de lening",
        "an asylum permit holder receives the municipality's integration offer and has no "
        "claim to the loan",
    ),
    (
        r"de persoon is niet langer inburgeringsplichtig",
        "the person is no longer subject to the integration requirement",
    ),
    (
        rf"meer dan zes jaar na het verstrijken van de termijn \(tot en met {_D}\)",
        r"more than six years after the period ended (up to and including \1)",
    ),
    (r"buiten de \(verlengde of nieuwe\) termijn", "outside the (extended or new) period"),
    (
        r"een taalschakeltraject alleen in de onderwijsroute",
        "a language bridging programme only in the education route",
    ),
    (
        r"het taalschakeltraject is niet erkend",
        "the language bridging programme is not recognised",
    ),
    (
        r"alfabetiseringsonderwijs staat niet als verplichting in het PIP",
        "literacy education is not an obligation in the PIP",
    ),
    (
        r"de cursusinstelling heeft geen keurmerk of certificaat",
        "the course provider has no quality mark or certificate",
    ),
    (
        r"de examens in de Z-route zijn niet het inburgeringsexamen",
        "the exams in the Z route are not the integration exam",
    ),
    (
        r"een lening uit het vorige Besluit inburgering is nog niet afgelost",
        "a loan under the previous Civic Integration Decree has not been repaid yet",
    ),
    (
        rf"De betrokkene is overleden: verwijder de gegevens per {_D}\.",
        r"The person has died: delete the data as of \1.",
    ),
    (
        r"De leninggegevens blijven bewaard tot vijf jaar nadat de lening is voldaan of "
        r"kwijtgescholden\.",
        "The loan data are kept until five years after the loan is repaid or remitted.",
    ),
    (
        rf"Verwijder de leninggegevens uiterlijk op {_D}, vijf jaar na het einde van de "
        r"lening\.",
        r"Delete the loan data by \1, five years after the end of the loan.",
    ),
    (
        r"De inburgeringsplicht loopt nog; de bewaartermijn begint pas als die eindigt\.",
        "The integration requirement is still running; the retention period starts only "
        "when it ends.",
    ),
    (
        rf"Verwijder deze gegevens uiterlijk op {_D}, {_N} jaar na het einde van de "
        r"inburgeringsplicht\.",
        r"Delete these data by \1, \2 years after the end of the integration requirement.",
    ),
    # further list items of wet/termijnen.py
    (
        rf"minder dan 450 uur taal- en KNM-lessen gevolgd \({_G}\)",
        r"fewer than 450 hours of language and KNM lessons attended (\1)",
    ),
    (
        r"niet alle taallessen en KNM-lessen gevolgd \(buiten geoorloofd verzuim\)",
        "not all language and KNM lessons attended (apart from permitted absence)",
    ),
    (
        r"een omstandigheid maakte deelname onmogelijk",
        "a circumstance made participation impossible",
    ),
]
_ENGELS: list[tuple[re.Pattern[str], _Vertaling]] = [(re.compile(p), e) for p, e in _PAREN]

#: Longest fragment first: a whole sentence wins over a list item inside it.
_ENGELS.sort(key=lambda paar: -len(paar[0].pattern))


def in_taal(uitleg: str) -> Tekst:
    """The explanation in the active language where the phrase table covers all of it."""
    if not (get_language() or "nl").startswith("en") or not uitleg:
        return Tekst(uitleg, "nl")
    engels = rest = uitleg
    for patroon, vervanging in _ENGELS:
        engels = patroon.sub(vervanging, engels)
        rest = patroon.sub("", rest)
    if re.sub(r"[\s.;:,]", "", rest):
        return Tekst(uitleg, "nl")
    return Tekst(engels, "en")


def _in_actieve_taal(uitleg: str) -> str:
    return in_taal(uitleg).tekst


#: A rule's sentence inside a service error (``raise PipFout(regeltekst(uitkomst.uitleg))``):
#: a lazy string that goes through the phrase table when it is shown, in the language active
#: then, as `{% uitlegtekst %}` does on the pages. The exception is raised in one request and
#: shown as text (messages, form errors), so the message follows the reader's language.
regeltekst = lazy(_in_actieve_taal, str)


def regeltekst_met(uitleg: str, *verder: object) -> Promise:
    """A rule's sentence followed by further (gettext) sentences, each in the active language
    when shown; e.g. ``regeltekst_met(uitkomst.uitleg, gettext_lazy("Stel eerst ..."))``."""
    return format_lazy(" ".join(["{}"] * (1 + len(verder))), regeltekst(uitleg), *verder)

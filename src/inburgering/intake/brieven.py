"""Letters in plain Dutch (B1), from the gemeente's own template or the built-in text."""

from __future__ import annotations

import datetime as dt

from django.template import Context, Template
from django.utils import timezone

from inburgering.accounts.models import Gebruiker
from inburgering.brieven import services as brieven
from inburgering.brieven.verzonden import Verzondenbrief
from inburgering.dossiers.models import Dossier
from inburgering.dossiers.workflow import Soort
from inburgering.wet import zienswijzetermijn

from .models import Brief, BriefSjabloon, Briefsoort, Kanaal

STANDAARD: dict[str, tuple[str, str]] = {
    Briefsoort.UITNODIGING_INTAKE: (
        "Uitnodiging voor een gesprek over uw inburgering",
        """Beste {{ naam }},

U moet inburgeren. Daarom nodigen wij u uit voor een gesprek: de brede intake.
We praten over uw opleiding, uw werk, uw gezondheid en wat u wilt leren.
U maakt ook een korte toets: de leerbaarheidstoets.

Maak een afspraak tussen {{ periode_van }} en {{ periode_tot }}.
Neem hiervoor contact op met uw consulent {{ consulent }}.

U mag de gesprekken alleen voeren, zonder partner of familie erbij.

Komt u niet? Dan krijgt u eerst een waarschuwing. Komt u daarna weer niet,
dan kunt u een boete krijgen van € 250 (artikel 22 Wet inburgering 2021).

Met vriendelijke groet,

{{ consulent }}
Gemeente {{ gemeente }}""",
    ),
    Briefsoort.WAARSCHUWING: (
        "Waarschuwing: u bent niet gekomen voor de brede intake",
        """Beste {{ naam }},

Wij hebben u uitgenodigd voor de brede intake. U bent niet gekomen, of u heeft
niet meegewerkt. Dit is een waarschuwing.

Wij nodigen u opnieuw uit. Maak een afspraak tussen {{ periode_van }} en {{ periode_tot }}.
Neem hiervoor contact op met uw consulent {{ consulent }}.

Komt u weer niet? Dan kunt u een boete krijgen van € 250
(artikel 22 Wet inburgering 2021).

Met vriendelijke groet,

{{ consulent }}
Gemeente {{ gemeente }}""",
    ),
    Briefsoort.BOETEVOORNEMEN: (
        "Wij willen u een boete geven",
        """Beste {{ naam }},

U bent opnieuw niet gekomen voor de brede intake, of u heeft niet meegewerkt.
Daarom willen wij u een boete geven van {{ bedrag }} (artikel 22 Wet inburgering 2021).

Bent u het hier niet mee eens? Vertel ons binnen 2 weken waarom. Dat mag op papier
of in een gesprek met uw consulent {{ consulent }}.

U krijgt nog één kans. Maak een afspraak tussen {{ periode_van }} en {{ periode_tot }}.

Met vriendelijke groet,

{{ consulent }}
Gemeente {{ gemeente }}""",
    ),
    Briefsoort.HERINNERING_AFSPRAAK: (
        "Herinnering: u heeft een afspraak",
        """Beste {{ naam }},

U heeft een afspraak met de gemeente {{ gemeente }}.

Wanneer: {{ datum }}
{{ afspraak }}

Kunt u niet komen? Neem dan zo snel mogelijk contact op met uw consulent {{ consulent }}.

Met vriendelijke groet,

{{ consulent }}
Gemeente {{ gemeente }}""",
    ),
    Briefsoort.INTAKE_ZONDER_PERSOON: (
        "Wij hebben de brede intake zonder u afgerond",
        """Beste {{ naam }},

Wij hebben u drie keer uitgenodigd voor de brede intake. U bent niet gekomen,
of u heeft niet meegewerkt. Daarom hebben wij de brede intake zonder u afgerond
(artikel 14 Wet inburgering 2021). Wij maken nu uw persoonlijk plan inburgering
en participatie (PIP). U krijgt dit plan van ons.

Met vriendelijke groet,

{{ consulent }}
Gemeente {{ gemeente }}""",
    ),
}


def _datum(waarde: dt.date | None) -> str:
    return waarde.strftime("%d-%m-%Y") if waarde else ""


def maak_brief(
    dossier: Dossier,
    soort: Briefsoort,
    *,
    kanaal: str = Kanaal.POST,
    actor: Gebruiker | None,
    periode_van: dt.date | None = None,
    periode_tot: dt.date | None = None,
    bedrag_cents: int | None = None,
    datum: str = "",
    afspraak: str = "",
) -> Brief:
    """Render and store the letter. The caller decides in which transaction."""
    sjabloon = BriefSjabloon.objects.filter(gemeente=dossier.gemeente_id, soort=soort).first()
    onderwerp, tekst = (sjabloon.onderwerp, sjabloon.tekst) if sjabloon else STANDAARD[soort]
    consulent = dossier.consulent or actor
    context = Context(
        {
            "naam": dossier.inburgeraar.naam,
            "gemeente": dossier.gemeente.naam,
            "consulent": consulent.weergavenaam if consulent else "",
            "periode_van": _datum(periode_van),
            "periode_tot": _datum(periode_tot),
            "datum": datum or _datum(dt.date.today()),
            "afspraak": afspraak,
            "bedrag": f"€ {bedrag_cents // 100:,}".replace(",", ".") if bedrag_cents else "",
            "kanaal": Kanaal(kanaal).label,
        },
        autoescape=False,
    )
    return Brief.objects.create(
        dossier=dossier,
        soort=soort,
        kanaal=kanaal,
        onderwerp=onderwerp,
        tekst=Template(tekst).render(context),
        aangemaakt_door=actor,
    )


def kenmerk_van(brief: Brief) -> str:
    """The letter's stable, unique reference (`brieven.services.kenmerk`)."""
    return brieven.kenmerk(brief.dossier.gemeente, "BR", brief.pk)


def document(brief: Brief) -> str:
    """The letter as sent, with the letterhead, sender and recipient blocks (HTML for print)."""
    dossier = brief.dossier
    return brieven.document(
        hoofd=brieven.briefhoofd(dossier.gemeente),
        afzender_=brieven.afzender(dossier, brief.aangemaakt_door),
        ontvanger_=brieven.ontvanger(dossier.inburgeraar),
        kenmerk_=kenmerk_van(brief),
        datum=timezone.localtime(brief.aangemaakt_op).date(),
        onderwerp=brief.onderwerp,
        tekst=brief.tekst,
    )


def markeer_verzonden(brief: Brief, *, kanaal: str, datum: dt.date, actor: Gebruiker):
    return brieven.markeer_verzonden(
        brief.dossier,
        kenmerk_=kenmerk_van(brief),
        kanaal=kanaal,
        datum=datum,
        actor=actor,
        onderwerp=brief.onderwerp,
        brief=brief.pk,
    )


def verzonden(dossier: Dossier) -> list[Verzondenbrief]:
    """The letters of this dossier that were marked as sent (`brief_verzonden`), for the
    person's own list (`brieven.verzonden`): with the summons period of the `oproep_intake`
    event that names the letter, and for a boetevoornemen the last day for a zienswijze
    (`wet.zienswijzetermijn`, from the sending date). A letter never marked as sent (a draft
    reminder, a summons not yet posted) is not in it."""
    datums: dict[int, dt.date] = {}
    perioden: dict[int, tuple[dt.date, dt.date]] = {}
    for soort, datum, gegevens in dossier.events.filter(
        soort__in=[Soort.BRIEF_VERZONDEN, Soort.OPROEP_INTAKE]
    ).values_list("soort", "datum", "gegevens"):
        if not isinstance(gegevens.get("brief"), int):
            continue
        if soort == Soort.BRIEF_VERZONDEN:
            datums[gegevens["brief"]] = datum
        elif gegevens.get("periode_van") and gegevens.get("periode_tot"):
            perioden[gegevens["brief"]] = (
                dt.date.fromisoformat(gegevens["periode_van"]),
                dt.date.fromisoformat(gegevens["periode_tot"]),
            )
    if not datums:
        return []
    return [
        Verzondenbrief(
            kenmerk=kenmerk_van(brief),
            soort=brief.soort,
            onderwerp=brief.onderwerp,
            datum=datums[brief.pk],
            pdf=lambda brief=brief: brieven.pdf(document(brief)),
            periode=perioden.get(brief.pk),
            reageren_tot=zienswijzetermijn(datums[brief.pk]).waarde
            if brief.soort == Briefsoort.BOETEVOORNEMEN
            else None,
            bron=brief,
        )
        for brief in dossier.brieven.filter(pk__in=datums).select_related(
            "dossier__gemeente", "dossier__inburgeraar", "dossier__consulent", "aangemaakt_door"
        )
    ]

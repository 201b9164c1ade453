"""A gemeente's own letter texts (`BriefSjabloon`), edited by the functioneel beheerder.

A text may hold only the placeholders the letters fill in (`{{ naam }}` ...): no template tags
and no filters, so a text can never reach into the template engine (no `{% include %}`,
`{% debug %}`). Every change, and going back to the built-in text, is on the configuration
trail (`accounts.services.leg_wijziging_vast`)."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template import Context, Template, TemplateSyntaxError
from django.utils.translation import gettext as _

from inburgering.accounts.models import Gebruiker, Gemeente
from inburgering.accounts.services import leg_wijziging_vast

from .brieven import STANDAARD
from .models import BriefSjabloon, Briefsoort

#: What a letter text may use, with the example the preview shows.
VELDEN: dict[str, str] = {
    "naam": "A. Voorbeeld",
    "gemeente": "Voorbeeldstad",
    "consulent": "C. Consulent",
    "periode_van": "01-03-2027",
    "periode_tot": "15-03-2027",
    "datum": "01-03-2027 10:00",
    "afspraak": "Waar: het gemeentehuis, balie 3",
    "bedrag": "€ 250",
    "kanaal": "Per post",
}
_PLAATSHOUDER = re.compile(r"{{\s*([^}]*?)\s*}}")


def controleer(tekst: str) -> None:
    """Refuse a text the letters cannot fill in safely, naming what is wrong (Dutch)."""
    if "{%" in tekst or "{#" in tekst:
        raise ValidationError(
            _("Gebruik alleen velden tussen {{ en }}; opdrachten tussen {% en %} kunnen niet.")
        )
    onbekend = sorted(
        {naam for naam in _PLAATSHOUDER.findall(tekst) if naam not in VELDEN}, key=str
    )
    if onbekend:
        raise ValidationError(
            _("Onbekend veld: %(velden)s. Mogelijk zijn: %(mogelijk)s.")
            % {
                "velden": ", ".join("{{ " + naam + " }}" for naam in onbekend),
                "mogelijk": ", ".join("{{ " + naam + " }}" for naam in VELDEN),
            }
        )
    rest = _PLAATSHOUDER.sub("", tekst)
    if "{" in rest or "}" in rest:  # a letter needs no braces of its own
        raise ValidationError(
            _("Een veld begint met {{ en eindigt met }}; controleer de accolades in de tekst.")
        )
    try:
        Template(tekst)
    except TemplateSyntaxError as fout:
        raise ValidationError(
            _("De tekst bevat een fout bij de velden: %(fout)s") % {"fout": fout}
        ) from fout


def tekst_van(gemeente: Gemeente, soort: str) -> tuple[str, str, bool]:
    """(onderwerp, tekst, eigen): the gemeente's own text, or the built-in one."""
    sjabloon = BriefSjabloon.objects.filter(gemeente=gemeente, soort=soort).first()
    if sjabloon is not None:
        return sjabloon.onderwerp, sjabloon.tekst, True
    onderwerp, tekst = STANDAARD[Briefsoort(soort)]
    return onderwerp, tekst, False


def voorbeeld(onderwerp: str, tekst: str, gemeente: Gemeente) -> tuple[str, str]:
    """The letter as a person would get it, with example values."""
    controleer(tekst)
    waarden = {**VELDEN, "gemeente": gemeente.naam, "datum": dt.date.today().strftime("%d-%m-%Y")}
    return onderwerp, Template(tekst).render(Context(waarden, autoescape=False))


@transaction.atomic
def bewaar(
    gemeente: Gemeente, soort: str, *, onderwerp: str, tekst: str, door: Gebruiker
) -> BriefSjabloon:
    controleer(tekst)
    sjabloon = BriefSjabloon.objects.filter(gemeente=gemeente, soort=soort).first()
    oud = {"onderwerp": sjabloon.onderwerp, "tekst": sjabloon.tekst} if sjabloon else {}
    if sjabloon is None:
        sjabloon = BriefSjabloon(gemeente=gemeente, soort=soort)
    sjabloon.onderwerp, sjabloon.tekst = onderwerp, tekst
    sjabloon.full_clean()
    sjabloon.save()
    leg_wijziging_vast(door, sjabloon, oud, {"onderwerp": onderwerp, "tekst": tekst})
    return sjabloon


@transaction.atomic
def herstel_standaard(gemeente: Gemeente, soort: str, *, door: Gebruiker) -> bool:
    """Remove the gemeente's own text: the letters use the built-in one again."""
    sjabloon = BriefSjabloon.objects.filter(gemeente=gemeente, soort=soort).first()
    if sjabloon is None:
        return False
    leg_wijziging_vast(
        door, sjabloon, {"onderwerp": sjabloon.onderwerp, "tekst": sjabloon.tekst}, {}
    )
    sjabloon.delete()
    return True

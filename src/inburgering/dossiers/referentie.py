"""Reference lists for forms and synthetic data: countries of origin and languages (in Dutch)."""

import unicodedata

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .talen_iso639 import ISO639

#: ISO 3166-1 alpha-2 codes of the countries most newcomers come from, plus a few more.
LANDEN = {
    "SY": _("Syrië"),
    "ER": _("Eritrea"),
    "AF": _("Afghanistan"),
    "TR": _("Turkije"),
    "IQ": _("Irak"),
    "IR": _("Iran"),
    "YE": _("Jemen"),
    "SO": _("Somalië"),
    "SD": _("Soedan"),
    "ET": _("Ethiopië"),
    "MA": _("Marokko"),
    "UA": _("Oekraïne"),
    "RU": _("Rusland"),
    "CN": _("China"),
    "IN": _("India"),
    "PK": _("Pakistan"),
    "NG": _("Nigeria"),
    "TH": _("Thailand"),
    "PH": _("Filipijnen"),
    "ID": _("Indonesië"),
    "BR": _("Brazilië"),
    "CO": _("Colombia"),
    "VE": _("Venezuela"),
    "EG": _("Egypte"),
    "DZ": _("Algerije"),
    "TN": _("Tunesië"),
    "LB": _("Libanon"),
    "PS": _("Palestijnse gebieden"),
    "GE": _("Georgië"),
    "AM": _("Armenië"),
    "AZ": _("Azerbeidzjan"),
    "GN": _("Guinee"),
    "CD": _("Congo (DRC)"),
    "US": _("Verenigde Staten"),
    "GB": _("Verenigd Koninkrijk"),
    "SR": _("Suriname"),
    "XX": _("Onbekend / staatloos"),
}

#: ISO 639 codes of languages newcomers speak, for preferred language and interpreters.
TALEN = {
    "nl": _("Nederlands"),
    "en": _("Engels"),
    "ar": _("Arabisch"),
    "ti": _("Tigrinya"),
    "fa": _("Farsi"),
    "prs": _("Dari"),
    "ps": _("Pashto"),
    "tr": _("Turks"),
    "ku": _("Koerdisch"),
    "so": _("Somalisch"),
    "am": _("Amhaars"),
    "uk": _("Oekraïens"),
    "ru": _("Russisch"),
    "zh": _("Chinees"),
    "fr": _("Frans"),
    "es": _("Spaans"),
    "pt": _("Portugees"),
    "ur": _("Urdu"),
    "hi": _("Hindi"),
    "th": _("Thai"),
    "tl": _("Tagalog"),
    "ka": _("Georgisch"),
    "hy": _("Armeens"),
    "ber": _("Berbers (Tamazight)"),
}


def taalnaam(code: str | None) -> str:
    """A language's name in the active language: the names of TALEN (as newcomers and
    consulenten say them: "Farsi", "Dari") first, then ISO 639-2 from the iso-codes project
    (talen_iso639.py); an unknown code is shown as it is."""
    if not code:
        return ""
    if code in TALEN:
        return str(TALEN[code])
    namen = ISO639.get(code)
    if namen is None:
        return code
    return namen[1] if (get_language() or "nl").startswith("en") else namen[0]


def _sorteer(naam: str) -> str:
    return unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode().casefold()


def taalkeuzes() -> list[tuple[str, str]]:
    """Every language of ISO 639-2 plus TALEN as (code, name), by name in the active language."""
    codes = set(ISO639) | set(TALEN)
    return sorted(((code, taalnaam(code)) for code in codes), key=lambda k: _sorteer(k[1]))


#: Languages written right to left; the portal and letters set dir="rtl" for these.
RTL_TALEN = frozenset({"ar", "fa", "prs", "ps", "ur", "ku"})


class Kanaal(models.TextChoices):
    POST = "post", _("Post")
    EMAIL = "email", _("E-mail")
    WHATSAPP = "whatsapp", _("WhatsApp")
    TELEFOON = "telefoon", _("Telefoon")
    PERSOONLIJK = "persoonlijk", _("Persoonlijk gesprek")
    VIDEO = "video", _("Videobellen")
    HUISBEZOEK = "huisbezoek", _("Huisbezoek")


NIET_GEVOLGD = {
    "niet_verschenen": _("niet verschenen"),
    "niet_meegewerkt": _("niet meegewerkt"),
    "lbt_geweigerd": _("leerbaarheidstoets geweigerd"),
}

LEERROUTES = {"b1": _("B1-route"), "onderwijs": _("Onderwijsroute"), "z": _("Z-route")}

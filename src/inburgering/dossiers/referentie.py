"""Reference lists for forms and synthetic data: countries of origin and languages (in Dutch)."""

from django.utils.translation import gettext_lazy as _

#: ISO 3166-1 alpha-2 codes of the countries most newcomers come from, plus a few more.
LANDEN = {
    "SY": _("Syrië"), "ER": _("Eritrea"), "AF": _("Afghanistan"), "TR": _("Turkije"),
    "IQ": _("Irak"), "IR": _("Iran"), "YE": _("Jemen"), "SO": _("Somalië"), "SD": _("Soedan"),
    "ET": _("Ethiopië"), "MA": _("Marokko"), "UA": _("Oekraïne"), "RU": _("Rusland"),
    "CN": _("China"), "IN": _("India"), "PK": _("Pakistan"), "NG": _("Nigeria"),
    "TH": _("Thailand"), "PH": _("Filipijnen"), "ID": _("Indonesië"), "BR": _("Brazilië"),
    "CO": _("Colombia"), "VE": _("Venezuela"), "EG": _("Egypte"), "DZ": _("Algerije"),
    "TN": _("Tunesië"), "LB": _("Libanon"), "PS": _("Palestijnse gebieden"), "GE": _("Georgië"),
    "AM": _("Armenië"), "AZ": _("Azerbeidzjan"), "GN": _("Guinee"), "CD": _("Congo (DRC)"),
    "US": _("Verenigde Staten"), "GB": _("Verenigd Koninkrijk"), "SR": _("Suriname"),
    "XX": _("Onbekend / staatloos"),
}  # fmt: skip

#: ISO 639 codes of languages newcomers speak, for preferred language and interpreters.
TALEN = {
    "nl": _("Nederlands"), "en": _("Engels"), "ar": _("Arabisch"), "ti": _("Tigrinya"),
    "fa": _("Farsi"), "prs": _("Dari"), "ps": _("Pashto"), "tr": _("Turks"), "ku": _("Koerdisch"),
    "so": _("Somalisch"), "am": _("Amhaars"), "uk": _("Oekraïens"), "ru": _("Russisch"),
    "zh": _("Chinees"), "fr": _("Frans"), "es": _("Spaans"), "pt": _("Portugees"),
    "ur": _("Urdu"), "hi": _("Hindi"), "th": _("Thai"), "tl": _("Tagalog"), "ka": _("Georgisch"),
    "hy": _("Armeens"), "ber": _("Berbers (Tamazight)"),
}  # fmt: skip

#: Languages written right to left; the portal and letters set dir="rtl" for these.
RTL_TALEN = frozenset({"ar", "fa", "prs", "ps", "ur", "ku"})


LEERROUTES = {"b1": _("B1-route"), "onderwijs": _("Onderwijsroute"), "z": _("Z-route")}


def gegevens_in_woorden(gegevens: dict) -> str:
    """A short Dutch description of an event's payload for the timeline."""
    from .models import Doelgroep
    from .workflow import Afsluitreden

    delen = []
    if gegevens.get("azc"):
        delen.append(str(_("azc %(azc)s") % {"azc": gegevens["azc"]}))
    if gegevens.get("leerroute"):
        delen.append(str(LEERROUTES.get(gegevens["leerroute"], gegevens["leerroute"])))
    if gegevens.get("reden") in Afsluitreden.values:
        delen.append(str(Afsluitreden(gegevens["reden"]).label))
    if gegevens.get("doelgroep") in Doelgroep.values:
        delen.append(str(Doelgroep(gegevens["doelgroep"]).label))
    if gegevens.get("naam"):
        delen.append(gegevens["naam"])
    if gegevens.get("score") is not None:
        delen.append(str(_("score %(score)s van 40") % {"score": gegevens["score"]}))
    if gegevens.get("kanaal"):
        delen.append(str(gegevens["kanaal"]))
    return ", ".join(delen)

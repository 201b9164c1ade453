"""Reference lists for forms and synthetic data: countries of origin and languages (in Dutch)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from inburgering.labels import bekend_label, label

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


def gegevens_in_woorden(gegevens: dict) -> str:
    """A short Dutch description of an event's payload for the timeline."""
    from .models import Doelgroep
    from .workflow import Afsluitreden, WachtOp

    delen = []
    if gegevens.get("azc"):
        delen.append(str(_("azc %(azc)s") % {"azc": gegevens["azc"]}))
    if gegevens.get("coa_contact"):
        delen.append(str(_("contact COA: %(c)s") % {"c": gegevens["coa_contact"]}))
    if gegevens.get("leerroute"):
        delen.append(str(LEERROUTES.get(gegevens["leerroute"], gegevens["leerroute"])))
    if reden := bekend_label(Afsluitreden, gegevens.get("reden")):
        delen.append(reden)
    if doelgroep := bekend_label(Doelgroep, gegevens.get("doelgroep")):
        delen.append(doelgroep)
    if gegevens.get("naam"):
        delen.append(gegevens["naam"])
    if gegevens.get("score") is not None:
        delen.append(str(_("score %(score)s van 40") % {"score": gegevens["score"]}))
    if gegevens.get("volgnummer"):
        delen.append(
            str(
                _("oproep %(n)s, afspraak maken %(van)s t/m %(tot)s")
                % {
                    "n": gegevens["volgnummer"],
                    "van": _nl(gegevens.get("periode_van")),
                    "tot": _nl(gegevens.get("periode_tot")),
                }
            )
        )
    if gegevens.get("reden") in NIET_GEVOLGD:
        delen.append(str(NIET_GEVOLGD[gegevens["reden"]]))
    if gegevens.get("bedrag_cents") is not None:
        delen.append(f"€ {gegevens['bedrag_cents'] / 100:.2f}".replace(".", ","))
    delen.extend(_uitkomst_in_woorden(gegevens))
    if wacht_op := bekend_label(WachtOp, gegevens.get("op")):
        delen.append(wacht_op)
    if gegevens.get("deelnemers"):
        delen.append(gegevens["deelnemers"])
    if gegevens.get("andere_gemeente"):
        delen.append(
            str(
                _(
                    "ook ingeschreven door gemeente %(g)s: ga na of de persoon is verhuisd en "
                    "draag het dossier dan over"
                )
                % {"g": gegevens["andere_gemeente"]}
            )
        )
    if gegevens.get("kanaal"):
        delen.append(bekend_label(Kanaal, gegevens["kanaal"]) or str(gegevens["kanaal"]))
    return ", ".join(delen)


def _uitkomst_in_woorden(gegevens: dict) -> list[str]:
    """Participation, costs, dual activities and exam results (dossiers/uitkomsten.py)."""
    from .uitkomsten import DualeActiviteit, Kostenpost, Participatiestatus

    delen = []
    if gegevens.get("moment"):
        delen.append(str(_("na %(n)s maanden") % {"n": gegevens["moment"]}))
    if isinstance(gegevens.get("status"), list):
        delen.append(" + ".join(label(Participatiestatus, s) for s in gegevens["status"]))
    if post := bekend_label(Kostenpost, gegevens.get("post")):
        delen.append(post)
    if activiteit := bekend_label(DualeActiviteit, gegevens.get("activiteit")):
        delen.append(activiteit)
    for sleutel in ("organisatie", "aanbieder"):
        if gegevens.get(sleutel):
            delen.append(str(gegevens[sleutel]))
    if gegevens.get("onderdeel"):
        delen.append(f"{gegevens['onderdeel']}: {gegevens.get('resultaat', '')}".strip(": "))
    return delen


def _nl(iso: str | None) -> str:
    return "-".join(reversed(iso.split("-"))) if iso else "?"

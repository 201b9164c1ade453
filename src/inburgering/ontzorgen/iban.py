"""IBAN checks: the ISO 13616 mod-97 check digits, and for a Dutch IBAN its fixed form
(NL, two check digits, four letters of the bank, ten digits)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

NEDERLANDS = re.compile(r"^NL\d{2}[A-Z]{4}\d{10}$")
ALGEMEEN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$")


def normaliseer(iban: str) -> str:
    """Upper case without spaces: "nl91 abna 0417 1643 00" -> "NL91ABNA0417164300"."""
    return re.sub(r"\s+", "", iban or "").upper()


def mod97(iban: str) -> int:
    """The ISO 7064 MOD 97-10 remainder of the rearranged IBAN (1 for a valid one)."""
    herschikt = iban[4:] + iban[:4]
    cijfers = "".join(str(int(teken, 36)) for teken in herschikt)
    return int(cijfers) % 97


def fout_in_iban(iban: str) -> str | None:
    """A Dutch message for what is wrong with ``iban`` (normalised first), or None."""
    waarde = normaliseer(iban)
    if not waarde:
        return _("Vul een IBAN in.")
    if not ALGEMEEN.match(waarde):
        return _("Dit is geen IBAN: twee letters, twee cijfers en daarna het rekeningnummer.")
    if waarde.startswith("NL") and not NEDERLANDS.match(waarde):
        return _(
            "Een Nederlands IBAN heeft 18 tekens: NL, twee cijfers, vier letters en tien cijfers."
        )
    if mod97(waarde) != 1:
        return _("De controlecijfers van dit IBAN kloppen niet; controleer het nummer.")
    return None


def is_geldig(iban: str) -> bool:
    return fout_in_iban(iban) is None

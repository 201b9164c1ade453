"""The burgerservicenummer: nine digits that pass the elfproef.

The BSN is personal data of the highest sensitivity here: it never goes into a URL or a log line.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: RvIG's range of test BSNs; the demo data uses only numbers from here.
TEST_BSN_BEREIK = range(999_990_000, 1_000_000_000)
#: Synthetic national-scale benchmark data uses the 99-prefixed block (enough for 150K people).
SYNTHETISCH_BSN_BEREIK = range(990_000_000, 1_000_000_000)
#: The same range as the (first, last) text values for a `bsn__range` lookup. Text, so a
#: lookup with only a lower bound would also match anything after "9", such as the placeholder
#: a purged person gets (`bewaren.vervangend_bsn`).
SYNTHETISCHE_BSNS = (str(SYNTHETISCH_BSN_BEREIK.start), str(SYNTHETISCH_BSN_BEREIK.stop - 1))


def elfproef(bsn: str) -> bool:
    """True when the nine digits pass the BSN elfproef (weights 9..2 and -1)."""
    if len(bsn) != 9 or not bsn.isdigit():
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    total = sum(int(digit) * weight for digit, weight in zip(bsn, weights, strict=True))
    return total % 11 == 0 and bsn != "000000000"


def valideer_bsn(value: str) -> None:
    if not value.isdigit():
        raise ValidationError(_("Een BSN bestaat alleen uit cijfers."), code="bsn_cijfers")
    if len(value) != 9:
        raise ValidationError(
            _("Een BSN bestaat uit 9 cijfers; u vulde er %(n)s in."),
            code="bsn_lengte",
            params={"n": len(value)},
        )
    if not elfproef(value):
        raise ValidationError(
            _("Dit is geen geldig BSN: het voldoet niet aan de elfproef. Controleer de cijfers."),
            code="bsn_elfproef",
        )


def maskeer(bsn: str) -> str:
    """Show only the last three digits, as on printed letters: *****1234 style."""
    return "******" + bsn[-3:] if bsn else ""

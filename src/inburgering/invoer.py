"""Input hygiene shared by every form and by the models that take data without a form.

Two kinds of bad input used to reach the database or the rules package and end in a 500:

* control characters: PostgreSQL refuses NUL in text (DataError), and a newline or an escape
  character in a name ends up in letters, CSV exports and the DUO delivery;
* dates far outside the range the law can be about: `9999-12-31` plus a term in the rules
  package overflows Python's date (OverflowError), `0001-01-01` minus one day as well.

`ui.NLDesignFormMixin` applies both checks to every field of every form, so a new form is
covered without remembering it; the models apply the character check to names (DUO handlers,
the migration import).
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

#: C0 controls, DEL, C1 controls and the Unicode line/paragraph separators: none of them
#: belongs in a name, a place or a phone number.
_EENREGELIG = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
#: Multi-line text (toelichting, verslag) keeps tab, newline and carriage return.
_MEERREGELIG = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

ONGELDIG_TEKEN = _("Dit veld bevat een ongeldig teken (bijvoorbeeld een regeleinde of stuurteken).")


@deconstructible
class GeenStuurtekens:
    """Refuses control characters; `meerregelig` allows tab, newline and carriage return."""

    code = "stuurteken"

    def __init__(self, meerregelig: bool = False):
        self.meerregelig = meerregelig

    def __call__(self, waarde: object) -> None:
        patroon = _MEERREGELIG if self.meerregelig else _EENREGELIG
        if isinstance(waarde, str) and patroon.search(waarde):
            raise ValidationError(ONGELDIG_TEKEN, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GeenStuurtekens) and other.meerregelig == self.meerregelig

    def __hash__(self) -> int:
        return hash((GeenStuurtekens, self.meerregelig))


EENREGELIG = GeenStuurtekens()
MEERREGELIG = GeenStuurtekens(meerregelig=True)

#: Dates the casework can be about. Wide enough for every birth date and every term the law
#: computes, narrow enough that the rules package's arithmetic stays inside Python's dates.
VROEGSTE_DATUM = dt.date(1900, 1, 1)
LAATSTE_DATUM = dt.date(2100, 12, 31)


def binnen_datumbereik(waarde: object) -> None:
    if isinstance(waarde, dt.datetime):
        waarde = waarde.date()
    if isinstance(waarde, dt.date) and not VROEGSTE_DATUM <= waarde <= LAATSTE_DATUM:
        raise ValidationError(
            _("Vul een datum in tussen %(van)s en %(tot)s."),
            code="datumbereik",
            params={
                "van": VROEGSTE_DATUM.strftime("%d-%m-%Y"),
                "tot": LAATSTE_DATUM.strftime("%d-%m-%Y"),
            },
        )

"""The placement's statuses as one table (see `inburgering.statusmachine`).

A consulent registers the person with a provider (aangemeld); the provider holds its intake,
the course starts and ends (afgerond) or the person drops out (uitgevallen, with a reason).
A placement that has not started can be cancelled (geannuleerd), e.g. when the person moves
or another product suits better; a started one ends as afgerond or uitgevallen. A move out of
the gemeente ends every running placement as verhuisd (`services.beeindig_bij_verhuizing`)."""

from inburgering.statusmachine import Statusmachine

from .models import PlaatsingStatus

S = PlaatsingStatus

PLAATSING_STATUS = Statusmachine.uit_paren(
    PlaatsingStatus,
    [
        (None, S.AANGEMELD),  # aanmelden
        (S.AANGEMELD, S.INTAKE),  # intake bij de aanbieder
        (S.AANGEMELD, S.GESTART),  # start zonder aparte intake
        (S.INTAKE, S.GESTART),
        (S.GESTART, S.AFGEROND),
        (S.GESTART, S.UITGEVALLEN),
        (S.INTAKE, S.UITGEVALLEN),
        (S.AANGEMELD, S.GEANNULEERD),
        (S.INTAKE, S.GEANNULEERD),
        (S.AANGEMELD, S.VERHUISD),  # verhuizing naar een andere gemeente
        (S.INTAKE, S.VERHUISD),
        (S.GESTART, S.VERHUISD),
    ],
)

"""What the demo adds on top of the dossiers it generates, for the tests that count them."""

from __future__ import annotations

from inburgering.verhuizing.models import Overdracht
from inburgering.verhuizing.models import Status as OverdrachtStatus


def overgedragen() -> int:
    """Dossiers (and person records) the demo's completed move opened in the receiving
    gemeente (verhuizing/demo.py), on top of the generated ones."""
    return Overdracht.objects.filter(status=OverdrachtStatus.OVERGEDRAGEN).count()


def erbij() -> int:
    """Dossiers on top of the generated ones: the completed move's (`overgedragen`) and the
    demo child whose parent reads along in the portal (demo/portaalgezin.py)."""
    from inburgering.demo.portaalgezin import demo_ouders
    from inburgering.dossiers.models import Gezinsrelatie

    kinderen = Gezinsrelatie.objects.filter(
        inburgeraar__in=demo_ouders(), soort=Gezinsrelatie.Soort.KIND, gerelateerde__isnull=False
    )
    return overgedragen() + kinderen.count()

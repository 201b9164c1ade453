"""The caseload and the dossier page on a phone (issue 14 item 6): at 360 and 390 px nothing is
wider than the screen, checked by the page's width and by a full-page screenshot's width."""

import datetime as dt
import os
import struct
from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser.conftest import assert_accessible, login
from tests.conftest import WACHTWOORD, maak_dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _breedte_png(pad: Path) -> int:
    with pad.open("rb") as f:
        kop = f.read(24)
    return struct.unpack(">I", kop[16:20])[0]


def _past(page, breedte: int, pad: Path) -> None:
    overloop = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    te_breed = page.evaluate(
        """(w) => [...document.querySelectorAll('body *')]
        .filter(el => el.getBoundingClientRect().right > w + 0.5)
        .slice(0, 8).map(el => el.tagName + '.' + el.className + ' ' +
        Math.round(el.getBoundingClientRect().right))""",
        breedte,
    )
    assert overloop[0] <= overloop[1] == breedte, f"{page.url}: {overloop}, {te_breed}"
    page.screenshot(path=str(pad), full_page=True)
    assert _breedte_png(pad) == breedte, f"the screenshot of {page.url} is wider than the screen"


@pytest.mark.parametrize("breedte", [360, 390])
def test_caseload_and_dossier_fit_a_phone(page, consulent_a, gemeente_a, tmp_path, breedte):
    vandaag = timezone.localdate()
    dossier = maak_dossier(
        gemeente_a,
        consulent=consulent_a,
        geslachtsnaam="Ghebremedhin-Tesfamariam",
        kennisgeving=vandaag - dt.timedelta(weeks=12),
        talen=["ti", "ar"],
        voorkeurstaal="ti",
    )
    maak_dossier(gemeente_a, consulent=consulent_a, geslachtsnaam="Optijd")
    page.set_viewport_size({"width": breedte, "height": 800})
    login(page, consulent_a.username, WACHTWOORD)
    page.get_by_role("heading", name="Caseload").wait_for()
    map_ = Path(os.environ.get("BROWSER_SCREENSHOTS_DIR", tmp_path))
    _past(page, breedte, map_ / f"caseload-{breedte}.png")
    # The key facts of a row are on screen, each with its column's name.
    rij = page.get_by_role("row").filter(has_text="Ghebremedhin-Tesfamariam")
    assert rij.get_by_text("te laat").is_visible()
    assert rij.get_by_role("link").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name=dossier.inburgeraar.naam).click()
    page.get_by_role("heading", name="Persoonsgegevens").wait_for()
    _past(page, breedte, map_ / f"dossier-{breedte}.png")
    assert page.get_by_text("Tigrinya, Arabisch (voorkeur: Tigrinya)").is_visible()
    assert_accessible(page)

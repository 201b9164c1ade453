"""Compile the .po catalogues to .mo with polib (no GNU gettext needed on the machine).

cd src/inburgering && ../../.venv/bin/python ../../manage.py makemessages -l en \\
    --ignore "wet/*" --ignore "demo/*"
.venv/bin/python scripts/vertalingen.py          # writes the .mo files
.venv/bin/python scripts/vertalingen.py --check  # fails when a .mo is out of date or incomplete
"""

import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[1] / "src" / "inburgering" / "locale"


def onvertaald(po: polib.POFile) -> list[str]:
    return [e.msgid for e in po if not e.obsolete and not e.translated()]


def main(check: bool) -> int:
    fouten = []
    for po_pad in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
        po = polib.pofile(str(po_pad))
        mo_pad = po_pad.with_suffix(".mo")
        fouten += [f"{po_pad}: not translated: {msgid!r}" for msgid in onvertaald(po)]
        if check:
            gecompileerd = {
                (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in po if e.translated()
            }
            mo = polib.mofile(str(mo_pad)) if mo_pad.exists() else []
            bestaand = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo}
            if gecompileerd != bestaand:
                fouten.append(f"{mo_pad} is out of date: run scripts/vertalingen.py")
        else:
            po.save_as_mofile(str(mo_pad))
    print("\n".join(fouten) or "translations complete")
    return 1 if fouten else 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv))

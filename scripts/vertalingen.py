"""Compile the .po catalogues to .mo with polib (no GNU gettext needed on the machine).

cd src/inburgering && ../../.venv/bin/python ../../manage.py makemessages -l en \\
    --ignore "wet/*" --ignore "demo/*"
.venv/bin/python scripts/vertalingen.py          # writes the .mo files
.venv/bin/python scripts/vertalingen.py --check  # fails when a .mo is out of date or incomplete

An app with its own catalogues (the portal: src/inburgering/portaal/locale, eight languages for
the inburgeraar, docs/vertalingen.md) is compiled and checked the same way; its catalogues are
updated from inside the app's directory:
cd src/inburgering/portaal && ../../../.venv/bin/python ../../../manage.py makemessages \
    -l en -l ar -l fa -l ti -l uk -l tr -l so
"""

import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[1] / "src" / "inburgering" / "locale"
#: Apps with catalogues of their own (src/inburgering/<app>/locale).
APP_LOCALES = sorted(LOCALE.parent.glob("*/locale"))


def onvertaald(po: polib.POFile) -> list[str]:
    return [e.msgid for e in po if not e.obsolete and not e.translated()]


def main(check: bool) -> int:
    fouten = []
    catalogi = [
        p for d in (LOCALE, *APP_LOCALES) for p in sorted(d.glob("*/LC_MESSAGES/django.po"))
    ]
    for po_pad in catalogi:
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

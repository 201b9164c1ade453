"""Regenerate docs/rules.md from the rule registry in src/inburgering/wet.

Usage: python scripts/generate_rules_doc.py [--check]
With --check, exit 1 when docs/rules.md is out of date instead of writing it.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from inburgering.wet.docs import genereer  # noqa: E402

DOEL = REPO / "docs" / "rules.md"


def main(argv: list[str]) -> int:
    tekst = genereer()
    if "--check" in argv:
        actueel = DOEL.read_text(encoding="utf-8") if DOEL.exists() else ""
        if actueel != tekst:
            print("docs/rules.md is out of date; run: python scripts/generate_rules_doc.py")
            return 1
        return 0
    DOEL.parent.mkdir(parents=True, exist_ok=True)
    DOEL.write_text(tekst, encoding="utf-8")
    print(f"wrote {DOEL.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""The English translation is complete and its compiled catalogue matches the source."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "vertalingen.py"


def test_every_string_is_translated_and_the_mo_file_is_current(capsys):
    spec = importlib.util.spec_from_file_location("vertalingen", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(check=True) == 0, capsys.readouterr().out

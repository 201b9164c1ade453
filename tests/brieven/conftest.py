from tests.pip.conftest import duo_in_geheugen  # noqa: F401  (autouse: DUO in memory)

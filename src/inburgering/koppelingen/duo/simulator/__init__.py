"""The DUO simulator: DUO's M2M APIs with DUO's validation rules, its own state, scenarios that
send notifications. Used by the tests, the demo and the benchmark (see docs/architecture.md)."""

from .app import Simulator
from .opslag import BestandOpslag, Opslag
from .scenarios import Notificatie, Scenarios, verstuur

__all__ = ["BestandOpslag", "Notificatie", "Opslag", "Scenarios", "Simulator", "verstuur"]

"""The BRP (basisregistratie personen) through RvIG's BRP API Personen, version 2.

`client.BrpClient` asks for one person by BSN (`RaadpleegMetBurgerservicenummer`) with an
explicit `fields` list; `simulator.BrpSimulator` serves the same contract locally for the demo
and the tests. See docs/architecture.md, "BRP".
"""

"""Monitoring: indicators from the event log, reproducible for any peildatum (issue 6)."""

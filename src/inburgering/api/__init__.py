"""The partners' REST API, `/api/v1/` (issue 18): machine-to-machine access for language
schools, MB organisations, budget managers and the COA to the dossiers their organisation is
involved in, limited to what their kind may see (`partners/toegang.py`). See docs/api.md and
docs/adr/0028-partner-api.md."""

"""The privacy officer's room, above every app: the AVG art. 15 access request collects what
every app holds about a person (`inzageverzoek`), served by `views` (PDF and JSON). Its URLs
stay in the `accounts` namespace (root urls.py) and its templates in accounts/templates."""

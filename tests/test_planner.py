"""The scheduler (docs/adr/0014-planner.md): the compose crontab and the Kubernetes CronJobs run
the same periodic jobs, and each is a management command that exists."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.management import get_commands

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


def _cron_opdrachten() -> list[str]:
    regels = [
        r for r in (DEPLOY / "crontab").read_text().splitlines() if r and r[0] in "*0123456789"
    ]
    return [re.search(r"manage\.py (\w+)", r).group(1) for r in regels]


def _k8s_opdrachten() -> list[str]:
    return re.findall(r"args: \[(\w+)", (DEPLOY / "k8s" / "cronjobs.yaml").read_text())


def test_crontab_en_cronjobs_draaien_dezelfde_bestaande_opdrachten():
    cron, k8s = _cron_opdrachten(), _k8s_opdrachten()
    assert len(cron) >= 6 and sorted(cron) == sorted(k8s)
    bekend = get_commands()
    assert [c for c in cron if c not in bekend] == []

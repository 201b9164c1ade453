"""Per-connection PostgreSQL settings for the planner.

PostgreSQL's default random_page_cost (4) models spinning disks. With the database on SSD or in
memory, it makes the planner scan all 150,000 people to join the 1,200 dossiers of one
gemeente's list (43 ms instead of 13 ms for a sorted caseload page). 1.1 is the usual value for
SSDs. Set per connection (persistent connections: once a minute), so no database privileges are
needed; settings.POSTGRES_RANDOM_PAGE_COST = None leaves the server's value alone.
"""

from django.conf import settings


def bij_nieuwe_verbinding(sender, connection, **kwargs) -> None:
    waarde = getattr(settings, "POSTGRES_RANDOM_PAGE_COST", None)
    if connection.vendor != "postgresql" or waarde is None:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('random_page_cost', %s, false)", [str(float(waarde))])

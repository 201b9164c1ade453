"""Need-to-know access: which dossiers a user may see, and the log of every view.

Every query for dossiers in a view starts from `dossiers_voor(user)`; there is no other path.
A dossier outside the user's scope answers 404, so its existence cannot be guessed either.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from inburgering.verzoek import huidig_verzoek_id

from .models import Exportlog, Gebruiker, Gemeente, Inzagelog, Rol

#: Roles whose task needs a dossier's personal data.
DOSSIER_ROLLEN = frozenset({Rol.CONSULENT, Rol.TEAMLEIDER, Rol.KWALITEIT})


def mag_dossiers_zien(user: Gebruiker) -> bool:
    return user.is_authenticated and user.is_active and user.rol in DOSSIER_ROLLEN


def mag_inzagelog_zien(user: Gebruiker) -> bool:
    return user.is_authenticated and user.is_active and user.rol == Rol.PRIVACY


def mag_gezondheid_zien(user: Gebruiker) -> bool:
    """Health data only for roles whose task needs it (Wi art. 37 lid 2): by default the
    consulent. Configurable with settings.GEZONDHEID_ROLLEN; never the roles without dossiers."""
    rollen = set(getattr(settings, "GEZONDHEID_ROLLEN", [Rol.CONSULENT])) & DOSSIER_ROLLEN
    return mag_dossiers_zien(user) and user.rol in rollen


def gemeenten_voor(user: Gebruiker) -> QuerySet[Gemeente]:
    if not user.is_authenticated:
        return Gemeente.objects.none()
    return user.gemeenten.all()


@dataclass(frozen=True)
class Werkgebied:
    """A gemeente the user works for, as the access rules and the list pages need it."""

    pk: int
    naam: str
    caseload_norm: int | None
    alleen_eigen_caseload: bool


_WERKGEBIED = "_werkgebied"


def werkgebied(user: Gebruiker) -> tuple[Werkgebied, ...]:
    """The user's gemeenten, read once per user object (a request has its own; a change of the
    user's gemeenten clears it, see signals.py). Their ids go into queries as literal lists:
    a subquery on the user's gemeenten cost the caseload query more planning than running."""
    if not user.is_authenticated:
        return ()
    gelezen = getattr(user, _WERKGEBIED, None)
    if gelezen is None:
        rijen = user.gemeenten.order_by("naam").values_list(
            "pk",
            "naam",
            "configuratie__caseload_norm",
            "configuratie__consulent_alleen_eigen_caseload",
        )
        # No configuration row counts as restricted, as the earlier join on it did.
        gelezen = tuple(
            Werkgebied(pk, naam, norm, eigen is not False) for pk, naam, norm, eigen in rijen
        )
        setattr(user, _WERKGEBIED, gelezen)
    return gelezen


def vergeet_werkgebied(user: Gebruiker) -> None:
    user.__dict__.pop(_WERKGEBIED, None)


def gemeente_ids(user: Gebruiker) -> list[int]:
    return [g.pk for g in werkgebied(user)]


def consulenten_bij(user: Gebruiker) -> QuerySet[Gebruiker]:
    """Active consulenten working for at least one of the user's gemeenten, each once (chosen
    by id: a join on their gemeenten repeats a consulent of several of them)."""
    werkzaam = Gebruiker.gemeenten.through.objects.filter(gemeente_id__in=gemeente_ids(user))
    return Gebruiker.objects.filter(
        rol=Rol.CONSULENT, is_active=True, pk__in=werkzaam.values("gebruiker_id")
    )


#: Rows per INSERT statement of the access log on SQLite (5 parameters a row; it allows 32,766).
INZAGE_PER_STATEMENT = 500
_INZAGE_KOLOMMEN = ("tijdstip", "gebruiker", "dossier", "doel", "verzoek_id")


def log_inzage(
    user: Gebruiker,
    dossier_ids: Iterable[int],
    doel: str,
    *,
    verzoek_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Record that `user` saw personal data of these dossiers on page `doel`: one row per
    dossier, all with the same time and request id (`verzoek_id`: as given (an export passes
    the id of its `Exportlog` row), else the current web request's id, the one in its log
    lines (inburgering/verzoek.py), else a new one). Returns the request id.

    Written as plain multi-row INSERTs: `bulk_create` built a model instance and a uuid per row
    and cost a caseload page of 50 rows more than its own query (docs/performance.md)."""
    ids = list(dossier_ids)
    verzoek_id = verzoek_id or huidig_verzoek_id.get() or uuid.uuid4()
    if not ids:
        return verzoek_id
    velden = [Inzagelog._meta.get_field(naam) for naam in _INZAGE_KOLOMMEN]
    waarden = [timezone.now(), user.pk, None, doel, verzoek_id]
    vast = [veld.get_db_prep_save(w, connection) for veld, w in zip(velden, waarden, strict=True)]
    kolommen = ", ".join(connection.ops.quote_name(veld.column) for veld in velden)
    tabel = connection.ops.quote_name(Inzagelog._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One array parameter: a statement with 250 placeholders took psycopg longer to
            # prepare on the client than PostgreSQL took to run it. The array as its text
            # ('{1,2,3}'): psycopg dumping a list element by element cost more than the INSERT.
            reeks = "{" + ",".join(str(int(pk)) for pk in ids) + "}"
            cursor.execute(
                f"INSERT INTO {tabel} ({kolommen}) SELECT %s, %s, unnest(%s::bigint[]), %s, %s",
                [vast[0], vast[1], reeks, vast[3], vast[4]],
            )
            return verzoek_id
        for begin in range(0, len(ids), INZAGE_PER_STATEMENT):
            deel = ids[begin : begin + INZAGE_PER_STATEMENT]
            rijen = ", ".join(["(%s, %s, %s, %s, %s)"] * len(deel))
            params = [w for pk in deel for w in (vast[0], vast[1], int(pk), vast[3], vast[4])]
            cursor.execute(f"INSERT INTO {tabel} ({kolommen}) VALUES {rijen}", params)  # noqa: S608
    return verzoek_id


def log_export(
    user: Gebruiker,
    soort: str,
    selectie: dict,
    dossier_ids: Iterable[int] = (),
    *,
    doel: str | None = None,
) -> Exportlog:
    """Record a download: one `Exportlog` row (which export, the selection's filter values,
    never a BSN, how many dossiers) and, for the dossiers it holds, `Inzagelog` rows with purpose
    `doel` (default: `soort`) and the same request id, so a search by person finds the export.
    """
    ids = list(dict.fromkeys(dossier_ids))
    rij = Exportlog.objects.create(
        gebruiker=user,
        soort=soort,
        selectie=selectie,
        aantal_dossiers=len(ids),
        verzoek_id=huidig_verzoek_id.get() or uuid.uuid4(),
    )
    log_inzage(user, ids, doel or soort, verzoek_id=rij.verzoek_id)
    return rij

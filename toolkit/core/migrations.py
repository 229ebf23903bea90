"""Schema versions and how to bring an older store up to date, keeping its data.

Version history
---------------
1. first layout (persons had no participant token; actors no ``mobilised`` flag).
2. participant tokens on persons (existing persons get one), ``actors.mobilised``.
3. issue 18: ``persons.civility, email, perimeter, means, success_factors``,
   ``project.signatory_id``, ``bodies.place, start_time, duration_minutes, rescheduled``.
   Civility stays empty (unknown) on existing persons: it is never guessed from a first
   name; letters then write « Madame, Monsieur, » until the consultant fills it in.
4. issue 19: phases, sub-actions, priority, budget lines, steps, affiliation, days per person.
5. issue 19 §4 and issue 18: ``persons.edits_all_sheets`` (named editors of every action
   sheet; nobody at first) and ``project.client, firm, deliverable_version,
   confidentiality`` (the deliverables' covers), left empty.

Columns added to the model are added to existing tables automatically (``ALTER TABLE ADD
COLUMN``, portable); a version step does what a new column alone cannot (filling values).

Each step works on the tables as they were at its version (frozen ``sa.table`` definitions
and column lists written here), never on the live model: a later schema change cannot
rewrite what an old step does. The store hands :func:`migrate` its metadata and version, so
this module does not import the store (which calls it).
"""
from __future__ import annotations

import secrets
from typing import Any, Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import labels as L
from .errors import MaillageError

# The tables as version 2 knew them, as far as its step reads and writes them.
_V2_PERSONS = sa.table("persons", sa.column("id", sa.String), sa.column("token", sa.String))
_V2_ACTORS = sa.table("actors", sa.column("mobilised", sa.Boolean))


def _v2_tokens_and_mobilised(conn: Connection) -> None:
    persons, actors = _V2_PERSONS, _V2_ACTORS
    for (pid,) in conn.execute(sa.select(persons.c.id).where(persons.c.token.is_(None))).all():
        # a participant token as version 2 made them (URL-safe, 24 characters)
        conn.execute(persons.update().where(persons.c.id == pid).values(token=secrets.token_urlsafe(18)))
    conn.execute(actors.update().where(actors.c.mobilised.is_(None)).values(mobilised=False))


# The columns version 3 added, as they were then (frozen: a later model change must not
# change what this step does). ``_add_missing_columns`` adds them from the live model too;
# this step makes sure of them on its own and fills the defaults.
_V3_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "persons": (("civility", "VARCHAR(80)"), ("email", "TEXT"), ("perimeter", "TEXT"), ("means", "TEXT"),
                ("success_factors", "TEXT")),
    "project": (("signatory_id", "VARCHAR(40)"),),
    "bodies": (("place", "TEXT"), ("start_time", "TEXT"), ("duration_minutes", "INTEGER"),
               ("rescheduled", "JSON")),
}


def _add_frozen_columns(conn: Connection, frozen: dict[str, tuple[tuple[str, str], ...]]) -> set[str]:
    """Add a version's frozen columns to the tables that exist; returns those tables."""
    inspector = sa.inspect(conn)
    tables = set(inspector.get_table_names())
    for table, columns in frozen.items():
        if table not in tables:
            continue
        have = {c["name"] for c in inspector.get_columns(table)}
        for name, ddl in columns:
            if name not in have:
                conn.exec_driver_sql(f'ALTER TABLE "{table}" ADD COLUMN "{name}" {ddl}')
    return tables


def _v3_civility_mandates_meetings(conn: Connection) -> None:
    tables = _add_frozen_columns(conn, _V3_COLUMNS)
    if "bodies" in tables:
        conn.exec_driver_sql('UPDATE "bodies" SET "duration_minutes" = 120 WHERE "duration_minutes" IS NULL')
        conn.exec_driver_sql("""UPDATE "bodies" SET "rescheduled" = '[]' WHERE "rescheduled" IS NULL""")


# The columns version 4 added to existing tables, as they were then (frozen, like v3's).
# New tables (phases…) are created by ``metadata.create_all`` (in :func:`migrate`) before the steps run.
_V4_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "tasks": (("phase_id", "VARCHAR(40)"),),
    "actions": (("parent_id", "VARCHAR(40)"), ("priority", "VARCHAR(80)")),
    "persons": (("affiliation", "VARCHAR(80)"),),
    "raci": (("days", "FLOAT"),),
}


def _v4_phases_and_sheets(conn: Connection) -> None:
    tables = _add_frozen_columns(conn, _V4_COLUMNS)
    if "persons" in tables:
        # « Équipe projet = non » was stored and ignored: such a person is a partner's agent
        # until the consultant says « prestataire »; the others belong to the organisation.
        conn.exec_driver_sql("""UPDATE "persons" SET "affiliation" = 'partenaire'
                                WHERE "affiliation" IS NULL AND "in_team" = FALSE""")
        conn.exec_driver_sql("""UPDATE "persons" SET "affiliation" = 'interne' WHERE "affiliation" IS NULL""")


# Version 5: the persons the consultant names to edit every action sheet (issue 19 §4) and
# what the deliverables' covers say, as project fields (issue 18). Frozen columns.
_V5_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "persons": (("edits_all_sheets", "BOOLEAN"),),
    "project": (("client", "TEXT"), ("firm", "TEXT"), ("deliverable_version", "TEXT"), ("confidentiality", "TEXT")),
}


def _v5_sheet_editors_and_handover(conn: Connection) -> None:
    if "persons" in _add_frozen_columns(conn, _V5_COLUMNS):
        # nobody edits every sheet until the consultant names them
        conn.exec_driver_sql('UPDATE "persons" SET "edits_all_sheets" = FALSE WHERE "edits_all_sheets" IS NULL')
    # The project's hand-over fields stay empty: the cover then shows the territory as client,
    # asks for the firm, says version 1 and the standard notice — nothing is invented.


STEPS: dict[int, Callable[[Connection], None]] = {2: _v2_tokens_and_mobilised, 3: _v3_civility_mandates_meetings,
                                                  4: _v4_phases_and_sheets, 5: _v5_sheet_editors_and_handover}


def _add_missing_columns(conn: Connection, metadata: sa.MetaData) -> None:
    """Columns of today's model missing from existing tables (added empty)."""
    inspector = sa.inspect(conn)
    existing_tables = set(inspector.get_table_names())
    for table in metadata.sorted_tables:
        if table.name not in existing_tables:
            continue
        have = {c["name"] for c in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name not in have:
                ddl = column.type.compile(dialect=conn.dialect)
                conn.exec_driver_sql(f'ALTER TABLE "{table.name}" ADD COLUMN "{column.name}" {ddl}')


def _up_to_date(store: Any, metadata: sa.MetaData, schema_version: int) -> bool:
    """True when every table exists and the version is current: a read, no write lock.

    Every page opens the store when it starts; taking the write lock for nothing on each
    opening made 30 pages opening at once queue behind the participants' writes (on
    SQLite, up to "database is locked").
    """
    meta = metadata.tables["meta"]
    with store.reader.connect() as conn:
        if not set(metadata.tables) <= set(sa.inspect(conn).get_table_names()):
            return False
        row = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).first()
    return row is not None and int(row[0]) == schema_version


def migrate(store: Any, metadata: sa.MetaData, schema_version: int) -> None:
    """Bring ``store`` (a :class:`toolkit.core.store.Store`) to ``schema_version``: create the
    tables of ``metadata`` that are missing and run the version steps, in one write transaction."""
    if _up_to_date(store, metadata, schema_version):
        return
    meta = metadata.tables["meta"]
    with store.writer.begin() as conn:
        if store.backend == "postgresql":  # serialise concurrent first openings
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(74657)")
        inspector = sa.inspect(conn)
        fresh = "meta" not in inspector.get_table_names()
        metadata.create_all(conn)
        row = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).first()
        if row is None:
            version = schema_version if fresh else 1
            conn.execute(meta.insert().values(key="schema_version", value=str(version)))
        else:
            version = int(row[0])
        if version > schema_version:
            raise MaillageError(L.MESSAGES["newer_schema"].format(found=version, known=schema_version))
        if version < schema_version:
            _add_missing_columns(conn, metadata)
            for step in range(version + 1, schema_version + 1):
                STEPS[step](conn)
            conn.execute(meta.update().where(meta.c.key == "schema_version").values(value=str(schema_version)))

"""Shared fixtures: real workshops in temporary folders (SQLite files, as in production),
and the same store on a real PostgreSQL server for the tests that run on both backends.

PostgreSQL tests use the server named by ``MAILLAGE_TEST_PG_URL`` (``scripts/tests.sh``
starts a throw-away one with ``scripts/postgres.sh`` and sets it). Without that variable
they are skipped on a developer's machine but FAIL under CI (``CI`` set): a CI run must
never pass without having tested PostgreSQL.
"""
from __future__ import annotations

import os
import secrets
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from toolkit.core.workshop import Workshop

PG_ENV = "MAILLAGE_TEST_PG_URL"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]


@pytest.fixture
def empty_workshop(tmp_path: Path) -> Workshop:
    """A new, empty workshop in a temporary folder."""
    ws = Workshop.create(tmp_path / "atelier")
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from toolkit.demo import build_demo

    folder = tmp_path_factory.mktemp("demo-modele") / "atelier"
    ws = Workshop.create(folder)
    build_demo(ws.store)
    ws.close()
    return folder


@pytest.fixture
def demo_workshop(_demo_template: Path, tmp_path: Path) -> Workshop:
    """The demo workshop, a fresh copy for each test (tests may write to it)."""
    folder = tmp_path / "demo"
    shutil.copytree(_demo_template, folder)
    ws = Workshop.open(folder)
    yield ws
    ws.close()


# --- PostgreSQL ------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_server_url() -> str:
    """The test PostgreSQL server's URL (its maintenance database); skip or fail without it."""
    url = os.environ.get(PG_ENV)
    if not url:
        message = (f"{PG_ENV} n'est pas défini : lancez « bash scripts/tests.sh » (qui démarre PostgreSQL) "
                   f"ou « export {PG_ENV}=$(bash scripts/postgres.sh) »")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    import sqlalchemy as sa

    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except Exception as exc:  # a URL was given: an unreachable server is a failure, never a skip
        pytest.fail(f"PostgreSQL injoignable à {engine.url.render_as_string(hide_password=True)} : {exc}")
    finally:
        engine.dispose()
    return url


@contextmanager
def fresh_pg_database(server_url: str) -> Iterator[str]:
    """Create an empty PostgreSQL database on the server, yield its URL, drop it afterwards."""
    import sqlalchemy as sa

    name = f"maillage_test_{os.getpid()}_{secrets.token_hex(4)}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield sa.engine.make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:  # FORCE: a test may leave a store open
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def pg_database(pg_server_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test; dropped afterwards."""
    with fresh_pg_database(pg_server_url) as url:
        yield url


@pytest.fixture(scope="session")
def pg_database_maker(pg_server_url: str):  # noqa: ANN201
    """``with pg_database_maker() as url:`` a fresh database, for module-scoped fixtures."""
    return lambda: fresh_pg_database(pg_server_url)


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL for a store that does not exist yet: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{(tmp_path / 'magasin.db').as_posix()}"
    return request.getfixturevalue("pg_database")


@pytest.fixture
def store_workshop(store_url: str, tmp_path: Path) -> Iterator[Workshop]:
    """An empty workshop whose store is on each backend in turn (SQLite, PostgreSQL)."""
    ws = Workshop.create(tmp_path / "atelier", url=store_url)
    yield ws
    ws.close()

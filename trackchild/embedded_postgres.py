"""Embedded PostgreSQL for machines with no DATABASE_URL: a newcomer needs no database server.

pgserver ships core PostgreSQL binaries (no contrib extensions) and shares one server between
every process that asks for the same data folder, stopping it when the last one exits.
"""

import warnings
from pathlib import Path

DATABASE_NAME = "trackchild"


def start_embedded_postgres(data_dir: Path) -> dict:
    """Start (or join) the server kept in data_dir; return Django settings for its database."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset, as on servers and CI: harmless here.
        warnings.simplefilter("ignore")
        import pgserver

        data_dir.mkdir(parents=True, exist_ok=True)
        server = pgserver.get_server(data_dir, cleanup_mode="stop")
    _ensure_database(server.get_uri("postgres"))
    info = server.get_postmaster_info()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port),
    }


def _ensure_database(admin_uri: str) -> None:
    import psycopg

    with psycopg.connect(admin_uri, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{DATABASE_NAME}"')

"""With a read replica configured, officials' searches, dashboards and exports read it, and what
they have just changed they still read on the primary.

Shown on real servers: a PostgreSQL primary started here in a temporary folder (the machine's
own server is left as it is) and a streaming replica made from it with pg_basebackup; the
stories in replica_stories.py then run in a second pytest with DATABASE_URL on the primary and
DATABASE_REPLICA_URL on the replica."""

import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

STORIES = Path(__file__).with_name("replica_stories.py")


def postgresql_binaries() -> Path:
    """The machine's newest PostgreSQL, as on the servers; otherwise the one pgserver ships (a
    dependency of the portal: never missing, so this test is never skipped)."""
    installed = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_basebackup"),
        key=lambda path: float(path.parent.parent.name),
    )
    if installed:
        return installed[-1].parent
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs, as in trackchild.embedded_postgres
        from pgserver._commands import POSTGRES_BIN_PATH

    return POSTGRES_BIN_PATH


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Cluster:
    """A primary and its streaming replica, each on a port of its own on 127.0.0.1."""

    folder: Path
    binaries: Path
    # initdb refuses to run as root: then the servers run as the postgres account.
    user: str | None = None
    primary_port: int = 0
    replica_port: int = 0

    def run(self, program: str, *arguments: str) -> None:
        subprocess.run(  # noqa: S603 - our own arguments
            [str(self.binaries / program), *arguments],
            user=self.user,
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def start(self, data: Path, port: int) -> None:
        options = (
            f"-p {port} -c listen_addresses=127.0.0.1 -k {self.folder} "
            # A throwaway cluster: nothing is worth an fsync.
            "-c fsync=off -c full_page_writes=off -c synchronous_commit=off"
        )
        self.run(
            "pg_ctl",
            "start",
            "-w",
            "-t",
            "60",
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(self.folder / f"{data.name}.log"),
        )

    def start_both(self) -> None:
        primary, replica = self.folder / "primary", self.folder / "replica"
        self.primary_port, self.replica_port = free_port(), free_port()
        self.run(
            "initdb",
            "-D",
            str(primary),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        )
        self.start(primary, self.primary_port)
        # -R writes standby.signal and primary_conninfo: the copy starts as a hot standby that
        # streams the primary's WAL.
        self.run(
            "pg_basebackup",
            "-D",
            str(replica),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
            "--no-sync",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.primary_port),
            "-U",
            "postgres",
        )
        self.start(replica, self.replica_port)

    def stop_both(self) -> None:
        for data in ("replica", "primary"):
            if (self.folder / data / "postmaster.pid").exists():
                self.run("pg_ctl", "stop", "-m", "immediate", "-D", str(self.folder / data))

    def url(self, port: int) -> str:
        return f"postgres://postgres@127.0.0.1:{port}/trackchild"


@pytest.fixture(scope="session")
def primary_and_replica():
    # Not in pytest's tmp_path: other pytest sessions on the machine prune those folders.
    folder = Path(tempfile.mkdtemp(prefix="trackchild-replica-"))
    cluster = Cluster(folder, postgresql_binaries())
    if os.geteuid() == 0:
        cluster.user = "postgres"
        account = pwd.getpwnam(cluster.user)
        os.chown(folder, account.pw_uid, account.pw_gid)
    try:
        cluster.start_both()
        yield cluster
    finally:
        cluster.stop_both()
        shutil.rmtree(folder, ignore_errors=True)


def test_searches_dashboards_and_exports_read_the_replica_and_fresh_reads_the_primary(
    primary_and_replica,
):
    environment = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    environment["DATABASE_URL"] = primary_and_replica.url(primary_and_replica.primary_port)
    environment["DATABASE_REPLICA_URL"] = primary_and_replica.url(primary_and_replica.replica_port)
    run = subprocess.run(  # noqa: S603 - our own arguments
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:randomly",
            "-p",
            "no:cacheprovider",
            str(STORIES.relative_to(settings.BASE_DIR)),
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr
    assert run.returncode == 0, run.stdout + run.stderr
    assert "passed" in summary, summary
    assert "skipped" not in summary, summary

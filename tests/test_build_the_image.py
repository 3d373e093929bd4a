"""Building the image: the Dockerfile's steps, run outside Docker on a copy of the build context.

Docker cannot run on the developers' machines nor in CI, so each RUN step is either run here, in
the same order and environment (ENV, WORKDIR), or checked for what it would do where running it
needs root (creating the app user and its folders) or the network (the locked install)."""

import fnmatch
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import dockerfile

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def build_context() -> list[str]:
    """The files `docker build` would send: the clone's files less .dockerignore's patterns."""
    listed = subprocess.run(
        [shutil.which("git"), "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [
        path
        for path in listed.split("\0")
        if path and (ROOT / path).is_file() and not ignored(path)
    ]


def ignored(path: str) -> bool:
    """Whether .dockerignore leaves the file out (a pattern may name the file or a folder above)."""
    patterns = [
        line
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    parts = path.split("/")
    prefixes = ["/".join(parts[: end + 1]) for end in range(len(parts))]
    return any(
        fnmatch.fnmatch(prefix, pattern) or fnmatch.fnmatch(prefix, pattern.removeprefix("**/"))
        for pattern in patterns
        for prefix in prefixes
    )


def checked_not_run(step: str) -> bool:
    """Steps this test checks instead of running; anything else in a RUN is run."""
    words = shlex.split(step)
    if words[:2] == ["pip", "install"]:
        return installs_only_locked_runtime_packages(words)
    if words[0] == "useradd":
        return words[1:] == ["--create-home", "--uid", "1000", *dockerfile.arguments_of("USER")]
    if words[0] == "install":
        return words[-1] == "$MEDIA_ROOT"
    return False


def installs_only_locked_runtime_packages(words: list[str]) -> bool:
    copied = dockerfile.arguments_of("COPY")[0].split()[:-1]
    requirement_files = [words[index + 1] for index, word in enumerate(words) if word == "-r"]
    return (
        {"--require-hashes", "--no-deps"} <= set(words)
        and requirement_files == copied == ["requirements.lock", "requirements-nodeps.lock"]
        and "pytest==" not in (ROOT / "requirements.lock").read_text()
    )


@pytest.fixture
def image(tmp_path):
    """The build context copied to a folder standing for the image's WORKDIR."""
    workdir = tmp_path / "app"
    for path in build_context():
        (workdir / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / path, workdir / path)
    return workdir


def image_environment(workdir: Path) -> dict[str, str]:
    (image_workdir,) = dockerfile.arguments_of("WORKDIR")
    env = {
        name: value.replace(image_workdir, str(workdir)) for name, value in dockerfile.env().items()
    }
    # The image's python, pybabel and gunicorn are this virtualenv's; nothing of the test run's
    # own environment (test settings, database, .env) reaches the build.
    return {**env, "PATH": f"{VENV_BIN}:/usr/bin:/bin", "HOME": str(workdir)}


def test_the_image_builds_its_translations_and_static_files_with_production_settings(image):
    steps = dockerfile.arguments_of("RUN")
    to_run = [step for step in steps if not checked_not_run(step)]
    assert len(steps) - len(to_run) == 3, "the user, the locked install and the media folder"
    for step in to_run:
        result = subprocess.run(
            ["/bin/sh", "-c", step],
            cwd=image,
            env=image_environment(image),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, f"{step}\n{result.stdout}\n{result.stderr}"
    manifest = (image / "staticfiles" / "staticfiles.json").read_text()
    assert '"vendor/chartjs/chart.umd.min.js"' in manifest
    assert '"css/' in manifest
    for language in ("hi", "bn"):
        assert (image / "locale" / language / "LC_MESSAGES" / "django.mo").is_file()


def test_the_build_context_leaves_out_secrets_and_local_data():
    sent = build_context()
    assert "manage.py" in sent
    assert "requirements.lock" in sent
    assert not [path for path in sent if path.endswith((".mo", ".pyc")) or path == ".env"]
    for local in (".env", ".venv/bin/python", "var/pgdata/PG_VERSION", "media/photos/a.jpg"):
        assert ignored(local), local

"""Installing TrackChild: every package, dependencies of dependencies included, comes from a
lock file at one version with its hashes, and the locks say what pyproject.toml says."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def locked(lock_file: str) -> dict[str, tuple[str, list[str]]]:
    """name: (version, hashes) for every requirement of a lock file."""
    text = re.sub(r"^\s*#.*\n", "", (ROOT / lock_file).read_text(), flags=re.M)
    entries = re.sub(r"\s*\\\n\s*", " ", text).splitlines()
    packages = {}
    for entry in filter(None, (line.strip() for line in entries)):
        requirement, *options = entry.split(" --hash=")
        name, version = re.fullmatch(r"([\w.\-\[\]]+)==(\S+)", requirement).groups()
        packages[canonicalize_name(name.split("[")[0])] = (version, options)
    return packages


def pinned(requirements: list[str]) -> dict[str, str]:
    pins = {}
    for line in requirements:
        requirement = Requirement(line)
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", f"{line} is not pinned"
        pins[canonicalize_name(requirement.name)] = specifier.version
    return pins


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def nodeps_requirements() -> list[str]:
    lines = (ROOT / "requirements-nodeps.txt").read_text().splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def test_every_locked_package_is_pinned_and_hash_checked():
    for lock_file in ("requirements.lock", "requirements-dev.lock", "requirements-nodeps.lock"):
        packages = locked(lock_file)
        assert packages, lock_file
        for name, (_version, hashes) in packages.items():
            assert hashes, f"{lock_file}: {name} has no hash"
            assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", digest) for digest in hashes), name


def test_locks_hold_what_pyproject_asks_for_at_the_same_versions():
    runtime = pinned(project()["dependencies"])
    # The bench extra (benchmarks that compare with other tools) is locked with the dev one.
    extras = project()["optional-dependencies"]
    dev = pinned([*extras["dev"], *extras["bench"]])
    assert {name: locked("requirements.lock")[name][0] for name in runtime} == runtime
    dev_lock = locked("requirements-dev.lock")
    assert {name: dev_lock[name][0] for name in runtime | dev} == runtime | dev
    nodeps = pinned(nodeps_requirements())
    assert {name: version for name, (version, _) in locked("requirements-nodeps.lock").items()} == (
        nodeps
    )


def test_the_image_gets_the_versions_the_tests_ran_with_and_no_test_tools():
    runtime_lock, dev_lock = locked("requirements.lock"), locked("requirements-dev.lock")
    assert {name: dev_lock[name] for name in runtime_lock} == runtime_lock
    assert {"pytest", "playwright", "schemathesis", "ruff", "uv"}.isdisjoint(runtime_lock)
    assert {"recordlinkage", "pandas", "scikit-learn"}.isdisjoint(runtime_lock)


def test_setup_installs_the_locks_by_hash_and_skips_pip_when_they_are_unchanged():
    dev = (ROOT / "dev").read_text()
    assert (
        "--require-hashes --no-deps \\\n    -r requirements-dev.lock -r requirements-nodeps.lock"
        in dev
    )
    inputs = re.search(r"^INSTALL_INPUTS=\((.*)\)$", dev, re.M).group(1).split()
    assert inputs == ["pyproject.toml", "requirements-dev.lock", "requirements-nodeps.lock"]

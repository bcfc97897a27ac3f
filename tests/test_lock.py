"""The lock files of requirements/ hold what pyproject.toml asks, at the versions it pins: a dependency added or
re-pinned there without `make lock` fails here rather than on the next clean install."""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
LOCKS = {
    "run.txt": [],
    "test.txt": ["test"],
    "bench.txt": ["test", "bench"],
}


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.split(r"[\[=<>!~; ]", requirement, maxsplit=1)[0]).lower()


def locked(lock: str) -> dict[str, str]:
    """Package -> version in a lock file, every line carrying its hashes."""
    text = (ROOT / "requirements" / lock).read_text()
    pins = dict(re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^ ;\\]+)", text, flags=re.M))
    assert text.count("--hash=sha256:") >= len(pins) > 0
    return {_name(name): version for name, version in pins.items()}


def asked(extras: list[str]) -> dict[str, str]:
    """Package -> version pyproject.toml pins for the project and ``extras``."""
    requirements = PYPROJECT["project"]["dependencies"] + [
        r for extra in extras for r in PYPROJECT["project"]["optional-dependencies"][extra]
    ]
    return {_name(r): r.split("==", 1)[1] for r in requirements}


@pytest.mark.parametrize(("lock", "extras"), LOCKS.items())
def test_each_lock_holds_what_pyproject_pins(lock, extras):
    pins = locked(lock)
    missing = {name: version for name, version in asked(extras).items() if pins.get(name) != version}
    assert missing == {}, f"requirements/{lock} ne suit plus pyproject.toml : lancez `make lock`."


def test_the_build_tools_are_locked_too():
    assert {"pip", "setuptools"} <= set(locked("build.txt"))


def test_every_dependency_is_pinned_exactly_in_pyproject():
    everything = PYPROJECT["project"]["dependencies"] + [
        r for extra in PYPROJECT["project"]["optional-dependencies"].values() for r in extra
    ]
    assert [r for r in everything if "==" not in r] == []

"""The lock files pin every dependency pyproject.toml names, within its range, with hashes."""

import re
import tomllib

import pytest
from django.conf import settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;]+)")


def pins(name: str) -> dict[str, tuple[Version, int]]:
    """Each pinned package: its version and how many hashes follow it."""
    found: dict[str, tuple[Version, int]] = {}
    current = None
    for line in (settings.BASE_DIR / name).read_text().splitlines():
        match = PIN.match(line)
        if match:
            current = canonicalize_name(match[1])
            found[current] = (Version(match[2]), 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            version, hashes = found[current]
            found[current] = (version, hashes + 1)
    return found


def project():
    with open(settings.BASE_DIR / "pyproject.toml", "rb") as source:
        return tomllib.load(source)["project"]


@pytest.mark.parametrize(
    "lock, extras",
    [("requirements.txt", []), ("requirements-dev.txt", ["dev"])],
)
def test_every_dependency_is_pinned_within_its_range(lock, extras):
    wanted = project()["dependencies"] + [
        dependency for extra in extras for dependency in project()["optional-dependencies"][extra]
    ]
    locked = pins(lock)
    for requirement in map(Requirement, wanted):
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is not in {lock}: run `make lock`"
        version, _ = locked[name]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{lock} pins {name} {version}, outside {requirement.specifier}: run `make lock`"
        )


@pytest.mark.parametrize("lock", ["requirements.txt", "requirements-dev.txt"])
def test_every_pin_carries_a_hash(lock):
    locked = pins(lock)
    assert len(locked) > 10
    assert [name for name, (_, hashes) in locked.items() if hashes == 0] == []

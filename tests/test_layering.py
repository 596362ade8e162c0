"""Imports flow one way: partnerships, then the apps built on it, then core's pages.

core has two floors. Its helper modules (CORE_HELPERS, and the packages
CORE_HELPER_PACKAGES) sit below every app and import none of ours; its
pages, URLs and seed_demo sit above every app and may import them all, but
nothing outside core imports them. Every Python file is read with `ast`,
imports inside functions included; migrations are left out (Django writes
them).
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
SKIPPED_DIRS = {".venv", ".git", "node_modules", "migrations", "staticfiles", "__pycache__"}

DOMAIN_APPS = ("partnerships", "meetings", "workshops", "resources", "involvement")
# partnerships is the floor; the others each build on it alone.
# The core modules every app may build on. They import no app of ours.
CORE_HELPERS = {
    "core.csv",
    "core.views",
    "core.filters",
    "core.admin_helpers",
    "core.places",
    "core.templatetags.bidi",
    "core.templatetags.translated",
    "core.translated",
    "core.sitemaps",
}
# Core packages every app may build on, all their modules included.
CORE_HELPER_PACKAGES = ("core.submissions",)


def is_core_helper(name: str) -> bool:
    return name in CORE_HELPERS or any(within(name, p) for p in CORE_HELPER_PACKAGES)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(BASE_DIR).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_module(name: str) -> bool:
    path = BASE_DIR.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports_in(source: str, module: str, *, is_package: bool = False) -> list[tuple[str, int]]:
    """(module imported, line) for every import statement in `source`, relative ones resolved.

    `from meetings import feeds` counts as importing meetings.feeds, the
    module it names, rather than the meetings package.
    """
    package = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                named = f"{base}.{alias.name}"
                found.append((named if is_module(named) else base, node.lineno))
    return found


def project_files():
    for path in sorted(BASE_DIR.rglob("*.py")):
        if SKIPPED_DIRS.isdisjoint(path.relative_to(BASE_DIR).parts[:-1]):
            yield path


IMPORTS = [
    (module_name(path), name, line, f"{path.relative_to(BASE_DIR)}:{line}")
    for path in project_files()
    for name, line in imports_in(
        path.read_text(encoding="utf-8"),
        module_name(path),
        is_package=path.name == "__init__.py",
    )
]


def top(name: str) -> str:
    return name.split(".")[0]


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(f"{package}.")


def imports_from(*packages: str):
    """(importing module, imported module, where) for the modules inside these packages."""
    return [
        (module, name, where)
        for module, name, _line, where in IMPORTS
        if any(within(module, package) for package in packages)
    ]


def test_the_check_reads_every_app_and_core():
    read = {top(module) for module, *_ in IMPORTS}
    assert {*DOMAIN_APPS, "core", "config", "pagecache", "staff"} <= read
    assert all(is_module(helper) for helper in (*CORE_HELPERS, *CORE_HELPER_PACKAGES))


def test_partnerships_imports_no_other_domain_app():
    wrong = [
        f"{where} imports {name}"
        for _module, name, where in imports_from("partnerships")
        if top(name) in DOMAIN_APPS and top(name) != "partnerships"
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_an_app_uses_only_partnerships_models_and_core_helpers_of_the_others(app):
    allowed_from_partnerships = () if app == "partnerships" else ("partnerships.models",)
    wrong = []
    for _module, name, where in imports_from(app):
        if top(name) not in (*DOMAIN_APPS, "core") or within(name, app):
            continue
        if is_core_helper(name) or any(within(name, m) for m in allowed_from_partnerships):
            continue
        wrong.append(f"{where} imports {name}")
    assert not wrong, "\n".join(wrong)


def test_core_helpers_import_no_app_and_no_core_page():
    wrong = [
        f"{where} imports {name}"
        for module, name, where in imports_from(*CORE_HELPERS, *CORE_HELPER_PACKAGES)
        if top(name) in (*DOMAIN_APPS, "staff")
        or (top(name) == "core" and not is_core_helper(name))
    ]
    assert not wrong, "\n".join(wrong)


def test_only_core_itself_imports_its_pages():
    """core.pages, core.urls and the seed_demo command know every app: nothing may build on them."""
    wrong = [
        f"{where} imports {name}"
        for module, name, _line, where in IMPORTS
        if top(name) == "core"
        and not is_core_helper(name)
        and top(module) not in ("core", "config", "tests")
    ]
    assert not wrong, "\n".join(wrong)


# The check itself ----------------------------------------------------------------


def test_imports_inside_functions_and_relative_imports_are_seen():
    source = (
        "from . import filters\n"
        "from .models import Borough\n"
        "def view():\n"
        "    from meetings import occurrences\n"
        "    import workshops.models\n"
    )
    found = dict(imports_in(source, "partnerships.views"))
    assert found == {
        "partnerships.filters": 1,
        "partnerships.models": 2,
        "meetings.occurrences": 4,
        "workshops.models": 5,
    }


def test_relative_imports_two_levels_up_are_resolved():
    found = imports_in(
        "from ..views import partnership_meetings_context\n", "meetings.templatetags.meetings"
    )
    assert found == [("meetings.views", 1)]

"""The browser fixtures live in ``core.testing.bongeszo`` (a pytest plugin loaded by the root
conftest), so that every test in the project shares one Playwright instance per process."""

from core.testing.bongeszo import axe_ellenorzes, bejelentkezes  # noqa: F401

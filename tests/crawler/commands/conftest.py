"""Fixtures the command tests share with the packages they drive."""

# The takedown tests' store: fresh indices per test on the shared server (tests/crawler/conftest.py).
from tests.crawler.takedowns.conftest import es  # noqa: F401

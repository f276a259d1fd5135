"""Fixtures the command tests share with the packages they drive."""

# The takedown tests' store: one embedded server per session, fresh indices per test.
from tests.crawler.takedowns.conftest import es, es_server  # noqa: F401

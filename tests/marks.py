"""Marks shared by several test modules."""

import os

import pytest

# Building and installing the wheel touches no test database: with DATABASE_URL set (CI's second,
# PostgreSQL pass) these tests would only repeat what the SQLite pass has checked.
packaging = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="packaging does not depend on the database; checked in the SQLite pass",
)

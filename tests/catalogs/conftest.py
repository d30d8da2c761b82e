import pytest


@pytest.fixture
def seeded(db):
    """The working-day calendar of 2025 and 2026 from the chinese-calendar package (the years it has)."""
    from catalogs.services import seed_calendar

    return seed_calendar(years=[2025, 2026])

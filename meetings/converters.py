import datetime

# Meeting pages exist for these years only: wider than any real schedule, and far
# enough from the calendar's limits that looking ahead for "the next meeting" is safe.
FIRST_YEAR, LAST_YEAR = 2000, 2100


class IsoDateConverter:
    """yyyy-mm-dd in a URL; an impossible date (2026-02-30) or year simply does not match: a 404."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> datetime.date:
        day = datetime.date.fromisoformat(value)  # ValueError → no match
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ValueError(f"{value} is outside the years meeting pages cover")
        return day

    def to_url(self, value) -> str:
        return value.isoformat() if isinstance(value, datetime.date) else str(value)

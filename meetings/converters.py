import datetime


class IsoDateConverter:
    """yyyy-mm-dd in a URL; an impossible date (2026-02-30) simply does not match: a 404."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> datetime.date:
        return datetime.date.fromisoformat(value)  # ValueError → no match

    def to_url(self, value) -> str:
        return value.isoformat() if isinstance(value, datetime.date) else str(value)

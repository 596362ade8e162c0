"""What a view tells the page cache about the response it built."""

import datetime


def expire_at(request, when: datetime.datetime) -> None:
    """The page stops being true at `when` (say, a listed meeting ends): cache it no longer.

    Every cached page already expires at the next local midnight; this only
    ever brings that time closer.
    """
    current = getattr(request, "page_expires_at", None)
    if current is None or when < current:
        request.page_expires_at = when

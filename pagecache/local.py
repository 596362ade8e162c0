"""Copies of the pages this process served lately, checked against the shared version.

A hit in the shared cache costs a round trip that carries the whole page and
unpickles it. Most requests in a burst ask for the same few pages, so each
process keeps the entries it read, and for those it asks Redis for the content
version alone: if it is the one the copy was stored under, the copy is as true
as the shared entry (both are dropped by the same version change), and it is
served without reading the page again. Any other answer, no answer included,
falls back to the shared cache and the view: never a page the version does not
vouch for.

Bounded by the bytes of the pages it holds (PAGE_CACHE_LOCAL_BYTES per
process, 0 turns it off); the least recently served copy goes first.
"""

import threading
from collections import OrderedDict


class LocalCopies:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.bytes = 0
        self.entries: OrderedDict[str, dict] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> dict | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict) -> None:
        size = len(entry["content"])
        if size > self.max_bytes:
            return
        with self.lock:
            previous = self.entries.pop(key, None)
            if previous is not None:
                self.bytes -= len(previous["content"])
            self.entries[key] = entry
            self.bytes += size
            while self.bytes > self.max_bytes:
                _, oldest = self.entries.popitem(last=False)
                self.bytes -= len(oldest["content"])

    def discard(self, key: str) -> None:
        with self.lock:
            entry = self.entries.pop(key, None)
            if entry is not None:
                self.bytes -= len(entry["content"])

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.bytes = 0

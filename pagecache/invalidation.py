"""Which saves make cached pages out of date.

Each app names, in its ``AppConfig.ready()``, the models whose rows residents
see. Any save or delete of one of them, or a change to one of their
many-to-many links, sets a new content version (see ``versions``). Writes that
bypass signals (``QuerySet.update()``, ``bulk_create()``) call
``versions.invalidate()`` themselves.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .versions import invalidate

watched: set[type] = set()


def _changed(sender, **kwargs) -> None:
    if kwargs.get("raw"):
        return  # loaddata: whoever loads fixtures flushes the cache
    invalidate()


def _links_changed(sender, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        invalidate()


def watch(*models: type) -> None:
    """Pages show these models: a change to any of their rows invalidates them."""
    for model in models:
        if model in watched:
            continue
        watched.add(model)
        uid = f"pagecache:{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + ":delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _links_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}:{field.name}",
            )

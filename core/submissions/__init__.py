"""What every form a resident sends us has in common, whatever it asks.

A workshop request (workshops) and an interest form (involvement) are both a
*submission*: saved with a reference (``WR-2026-00042``, ``GI-2026-00007``),
e-mailed to the person and to OCEP without making them wait, triaged by staff
through statuses with a history, and purged some time after it was closed.
This package holds that machinery once, for every kind; it imports no app of
ours (tests/test_layering.py). Each app declares its kind (``kinds.py``) and
registers it in its ``AppConfig.ready()``.

The flow of a submission, start to end:

1. ``services.submit`` saves it and, in the same transaction, enqueues the
   kind's e-mail task: the task exists if and only if the submission does. No
   e-mail is sent while the person waits (in production the task waits in the
   database for ``manage.py db_worker``).
2. The task calls ``services.send_emails_attempt``, which calls
   ``notify_pending`` for that submission: holding its row lock, each e-mail
   not sent yet is sent and the time it went recorded, so it never goes twice.
   A failure leaves the time empty and is logged (reference and error type
   only); the task tries again later, with a growing delay.
3. ``send_pending_notifications`` (the sweep) calls ``notify_pending`` for
   whatever is still unsent once its task has had ``<PREFIX>_EMAIL_SWEEP_AFTER``
   seconds to send it, for every kind.
4. Staff move it through its statuses with ``services.set_status``, which
   keeps the history; ``purge_submissions`` deletes closed ones after the
   retention period.

Personal data never goes to the logs: only references, counts and reasons.
"""

"""Background work of the involvement app: sending an interest form's e-mails.

The same flow as workshop requests (``core.submissions``): enqueued in the
transaction that saves the form, run by ``manage.py db_worker`` in
production, retried with a growing delay up to INVOLVEMENT_EMAIL_MAX_ATTEMPTS,
then left to ``send_pending_notifications``. Arguments are plain JSON.
"""

from django_tasks import task

from core.submissions import services as submissions


@task()
def send_interest_emails(pk: int, attempt: int = 1) -> bool:
    """Send the e-mails of interest form ``pk`` not sent yet; True when none is left."""
    # Imported here: services imports this module to hand the task to its kind.
    from .services import KIND

    return submissions.send_emails_attempt(KIND, pk, attempt)

"""A kind of submission: its model, its e-mails, its task, its settings; and the registry.

Each app builds its kind in its services module and registers it in its
``AppConfig.ready()``. The sweep and the purge command go through every
registered kind, so a new form is covered by both once it registers.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage

from .models import Submission

# Builds one e-mail of a submission, or None when there is nobody to send it to
# (no address given): then there is nothing to send, and it is never pending.
EmailBuilder = Callable[[Submission], EmailMessage | None]


@dataclass(frozen=True)
class SubmissionKind:
    model: type[Submission]
    # "Workshop request": starts each log line, with the reference.
    label: str
    # "Workshop requests": heads the commands' lines.
    label_plural: str
    # What one is called in the commands' counts: "1 request(s) notified".
    noun: str
    # WORKSHOP reads WORKSHOP_RATE_LIMIT, WORKSHOP_RATE_LIMIT_PERIOD,
    # WORKSHOP_EMAIL_MAX_ATTEMPTS, WORKSHOP_EMAIL_RETRY_DELAY, WORKSHOP_EMAIL_SWEEP_AFTER.
    settings_prefix: str
    # Each e-mail by the model's field that records when it was sent, in sending order.
    emails: dict[str, EmailBuilder]
    # The django-tasks task that sends them: task(pk, attempt).
    task: object

    @property
    def name(self) -> str:
        """The app's label: names the rate-limit count and the logger."""
        return self.model._meta.app_label

    @property
    def logger(self) -> logging.Logger:
        return logging.getLogger(f"{self.name}.submissions")

    def setting(self, name: str):
        return getattr(settings, f"{self.settings_prefix}_{name}")

    def setting_name(self, name: str) -> str:
        return f"{self.settings_prefix}_{name}"


_registry: dict[type[Submission], SubmissionKind] = {}


def register(kind: SubmissionKind) -> None:
    _registry[kind.model] = kind


def registered() -> list[SubmissionKind]:
    return list(_registry.values())


def kind_of(model: type[Submission]) -> SubmissionKind:
    return _registry[model]

"""Demo interest forms, plainly marked as samples.

``seed_involvement`` is idempotent: forms are matched on their (sample)
e-mail address or phone number, so running it again adds nothing. Sample
forms use example.org addresses and 555-01xx numbers, which reach no one,
and are marked as already notified so that no e-mail is ever sent for them.
"""

from django.db import transaction
from django.utils import timezone

from partnerships.models import CommunityPartnership, Language

from .models import AVAILABILITY_FIELDS, WAY_FIELDS, Availability, InterestSubmission, Status, Way
from .services import interest_set_status

# (name, e-mail, phone, ways, partnership slug or None, borough, availability, status, message)
FORMS = [
    (
        "Sample Resident One",
        "sample.volunteer1@example.org",
        "",
        [Way.VOLUNTEER, Way.MEETINGS],
        "highbridge",
        "",
        [Availability.EVENINGS, Availability.WEEKENDS],
        "new",
        "A sample form: I tutored math in college and would like to help again.",
    ),
    (
        "",
        "",
        "(718) 555-0181",
        [Way.MEETINGS],
        None,
        "queens",
        [Availability.WEEKENDS],
        "contacted",
        "",
    ),
    (
        "Sample Resident Three",
        "sample.leader3@example.org",
        "(347) 555-0182",
        [Way.LEADER, Way.LEAD_EVENT],
        None,
        "brooklyn",
        [Availability.WEEKDAYS],
        "connected",
        "A sample form: our block association could host a resource fair.",
    ),
    (
        "Sample Resident Four",
        "sample.idea4@example.org",
        "",
        [Way.IDEA],
        None,
        "staten-island",
        [],
        "closed",
        "A sample idea: a reading corner at the library on Saturdays.",
    ),
]

STATUS_PATHS = {
    "new": [],
    "contacted": [Status.CONTACTED],
    "connected": [Status.CONTACTED, Status.CONNECTED],
    "closed": [Status.CLOSED],
}


@transaction.atomic
def seed_involvement(stdout=None, verbosity: int = 1) -> int:
    """Add the sample interest forms that are missing; return how many."""
    languages = list(Language.objects.filter(code__in=["en", "es"]))
    now = timezone.now()
    created = 0
    for name, email, phone, ways, slug, borough, slots, status, message in FORMS:
        contact = {"email": email} if email else {"phone": phone}
        if InterestSubmission.objects.filter(**contact).exists():
            continue
        partnership = CommunityPartnership.objects.filter(slug=slug).first() if slug else None
        submission = InterestSubmission.objects.create(
            name=name,
            email=email,
            phone=phone,
            partnership=partnership,
            # A form names a partnership or a borough: the partnership's when it is missing.
            borough=borough or ("" if partnership else "bronx"),
            message=message,
            consent=True,
            **{field: way in ways for way, field in WAY_FIELDS.items()},
            **{field: slot in slots for slot, field in AVAILABILITY_FIELDS.items()},
            # Never e-mail anyone about a sample.
            confirmation_sent_at=now,
            mailbox_notified_at=now,
            partnership_notified_at=now,
        )
        submission.assign_reference()
        submission.languages.set(languages)
        for step in STATUS_PATHS[status]:
            interest_set_status(submission=submission, status=step)
        created += 1
    if stdout is not None and verbosity >= 1:
        stdout.write(f"Get involved demo data ready ({created} interest forms created).")
    return created

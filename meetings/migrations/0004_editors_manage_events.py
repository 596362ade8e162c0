"""Let the "OCEP editors" group manage one-time events in the admin's "Events" entry.

Event is a proxy of MeetingSeries, and Django gives a proxy model permissions
of its own: editors who manage meeting series need these too to see the
entry. As for series, events are not deleted, only unpublished.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "OCEP editors"
CODENAMES = ["add_event", "change_event", "view_event"]


def event_permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="meetings", content_type__model="event", codename__in=CODENAMES
    )


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(*event_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=GROUP_NAME):
        group.permissions.remove(*event_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_one_time_events"),
        ("partnerships", "0003_create_ocep_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

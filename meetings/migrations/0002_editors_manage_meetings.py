"""Let the "OCEP editors" group keep meeting schedules current.

Editors set up and change series; they add, change and delete the changes
to single dates (deleting a cancellation puts the meeting back). Series are
not deleted, only unpublished, like listings.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "OCEP editors"
PERMISSIONS = {
    "meetingseries": ["add", "change", "view"],
    "meetingchange": ["add", "change", "delete", "view"],
}
CODENAMES = [f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions]


def meeting_permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="meetings", codename__in=CODENAMES)


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(*meeting_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=GROUP_NAME):
        group.permissions.remove(*meeting_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_meeting_series_and_changes"),
        ("partnerships", "0003_create_ocep_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

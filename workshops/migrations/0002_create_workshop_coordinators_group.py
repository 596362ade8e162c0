"""Create the "OCEP workshop coordinators" group: staff who triage workshop requests.

Requests hold personal data, so only this group (and superusers) can see
them. Coordinators view and change requests (status, assignment, schedule,
notes) and read their status history, which only the status service writes.
They keep the lists of topics and ACS programs current. They cannot delete a
request: closed requests are removed by ``purge_workshop_requests`` after the
retention period. The "OCEP editors" of listings get nothing here.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "OCEP workshop coordinators"
PERMISSIONS = {
    "workshoprequest": ["view", "change"],
    "workshopstatuschange": ["view"],
    "workshoptopic": ["add", "change", "view"],
    "acsprogram": ["add", "change", "view"],
}


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations have run; create
    # them now so the group can be given them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    codenames = [
        f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions
    ]
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="workshops", codename__in=codenames)
    )


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0001_workshop_topics_programs_and_requests"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]

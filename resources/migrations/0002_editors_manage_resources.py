"""Let the "OCEP editors" group keep the resources current.

Editors add and change resources, as they do listings. They do not delete
them: a resource that is out of date is unpublished.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "OCEP editors"
CODENAMES = ["add_resource", "change_resource", "view_resource"]


def resource_permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="resources", codename__in=CODENAMES)


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations have run.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(*resource_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=GROUP_NAME):
        group.permissions.remove(*resource_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0001_resource"),
        ("partnerships", "0003_create_ocep_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

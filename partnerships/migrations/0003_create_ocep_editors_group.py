"""Create the "OCEP editors" group: staff who keep the public listings current.

Editors add and change listings and organizations, and can look up (but not
change) the reference lists of districts and languages that listings point
to. They cannot delete: a listing that ends is unpublished, which keeps its
history.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "OCEP editors"
PERMISSIONS = {
    "communitypartnership": ["add", "change", "view"],
    "familyenrichmentcenter": ["add", "change", "view"],
    "organization": ["add", "change", "view"],
    "communitydistrict": ["view"],
    "language": ["view"],
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
        Permission.objects.filter(content_type__app_label="partnerships", codename__in=codenames)
    )


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0002_load_districts_and_languages"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]

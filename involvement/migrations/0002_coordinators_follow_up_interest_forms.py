"""Let the "OCEP workshop coordinators" follow up interest forms too.

Interest forms hold personal data like workshop requests, and the same staff
follow them up: the group views and changes them (status, assignment, notes)
and reads their history, which only the status service writes. It cannot
delete one: closed forms are removed by ``purge_submissions`` after the
retention period. The name is kept although it now covers more than
workshops: people, code and the README know the group by it. The "OCEP
editors" of listings get nothing here.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "OCEP workshop coordinators"
CODENAMES = ["view_interestsubmission", "change_interestsubmission", "view_intereststatuschange"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations have run; create
    # them now so the group can be given them on a fresh database.
    app_config = apps.get_app_config("involvement")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="involvement", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=GROUP_NAME):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="involvement"))


class Migration(migrations.Migration):
    dependencies = [
        ("involvement", "0001_interest_forms"),
        ("workshops", "0002_create_workshop_coordinators_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

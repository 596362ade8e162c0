"""Open data identifiers (HSDS ids) for every record the open data API shows.

Added empty, filled with a random UUID row by row, then made unique: a default
on the new column would give every existing row the same one.
"""

import uuid

from django.db import migrations, models

MODELS = ("communitydistrict", "language", "organization", "communitypartnership")
MODELS += ("familyenrichmentcenter",)


def fill(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("partnerships", name)
        for pk in model.objects.filter(uuid__isnull=True).values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(uuid=uuid.uuid4())


def field(**kwargs):
    return models.UUIDField(verbose_name="open data identifier", editable=False, **kwargs)


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0005_staff_text_in_every_language")]

    operations = [
        *[migrations.AddField(name, "uuid", field(null=True)) for name in MODELS],
        migrations.RunPython(fill, migrations.RunPython.noop),
        *[
            migrations.AlterField(name, "uuid", field(default=uuid.uuid4, unique=True))
            for name in MODELS
        ],
    ]

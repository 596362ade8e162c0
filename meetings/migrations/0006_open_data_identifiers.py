"""Open data identifiers (HSDS schedule ids) for meeting series; see partnerships 0006."""

import uuid

from django.db import migrations, models


def fill(apps, schema_editor):
    series = apps.get_model("meetings", "meetingseries")
    for pk in series.objects.filter(uuid__isnull=True).values_list("pk", flat=True):
        series.objects.filter(pk=pk).update(uuid=uuid.uuid4())


def field(**kwargs):
    return models.UUIDField(verbose_name="open data identifier", editable=False, **kwargs)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0005_staff_text_in_every_language"),
        ("partnerships", "0006_open_data_identifiers"),
    ]

    operations = [
        migrations.AddField("meetingseries", "uuid", field(null=True)),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField("meetingseries", "uuid", field(default=uuid.uuid4, unique=True)),
    ]

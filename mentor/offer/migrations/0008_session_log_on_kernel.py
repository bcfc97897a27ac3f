import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """The session log takes the shape of every transition log (core.workflow.TransitionLogEntry)."""

    dependencies = [
        ("offer", "0007_registration_open_to_all"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name="sessiontransitionlog", old_name="by", new_name="actor"),
        migrations.AddField(
            model_name="sessiontransitionlog",
            name="comment",
            field=models.TextField(blank=True, verbose_name="commentaire"),
        ),
        migrations.AlterField(
            model_name="sessiontransitionlog",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="auteur",
            ),
        ),
        migrations.AlterField(
            model_name="sessiontransitionlog",
            name="at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="le"),
        ),
    ]

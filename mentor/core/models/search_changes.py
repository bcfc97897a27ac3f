from django.db import models


class SearchChange(models.Model):
    """One committed change of rows a resident index holds (``core.search.resident``): each process reads the
    changes after the last one it applied and re-reads those rows. ``row_id`` empty: every row may have changed."""

    id = models.BigAutoField(primary_key=True)
    index = models.CharField("index", max_length=63)
    row_id = models.BigIntegerField("ligne", null=True, blank=True)
    at = models.DateTimeField("date", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "modification indexée"
        verbose_name_plural = "modifications indexées"
        indexes = [models.Index(fields=["index", "id"], name="search_change_index_id_idx")]

    def __str__(self):
        return f"{self.index} {self.row_id or '*'}"

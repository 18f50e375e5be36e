"""The base every piece of domain data stands on: it belongs to one municipality."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MunicipalityOwned(models.Model):
    """Abstract base for domain records. Row-level tenancy: every record names its municipality,
    and every lookup from a request filters on it (see each app's ``access.py``)."""

    municipality = models.ForeignKey(
        "organization.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )

    class Meta:
        abstract = True

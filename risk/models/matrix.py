"""The risk matrix as data: likelihood and impact scales, the levels, and the grid that joins them.

A default 5 x 5 matrix is created by migration (`0002_default_matrix_and_categories`). The ICT
officer may change it in the admin until the first risk is rated on it; from then on every
change to its scales, levels and grid is refused, because the levels already stored on risks
were looked up from it. Only the council's risk appetite stays editable: it is a policy
decision about which levels need treatment, not part of any stored rating.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from kilombero_ict.models import localized

MAX_SCALE = 10  # a scale has at most this many steps (the default matrix has 5)


class Colour(models.TextChoices):
    """Colours a level may take; each maps to a CSS class in static/css/risk.css, never a style attribute."""

    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    ORANGE = "orange", _("Orange")
    RED = "red", _("Red")
    DARK_RED = "dark_red", _("Dark red")
    BLUE = "blue", _("Blue")


def matrix_locked_error(matrix) -> ValidationError:
    return ValidationError(
        _(
            "The risk matrix can no longer be changed: %(count)d risks are already rated on it, and their "
            "levels were looked up from it. Only the risk appetite may still be changed."
        ),
        code="matrix_in_use",
        params={"count": matrix.risks.count()},
    )


class RiskMatrix(models.Model):
    """The council's likelihood x impact matrix. There is one; it locks when the first risk uses it.

    Guard: `is_in_use()` is checked by the `clean()` of every scale step, level and cell, and by
    the admin, which then shows the matrix read-only (appetite excepted).
    """

    name_sw = models.CharField(_("name (Swahili)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    appetite = models.ForeignKey(
        "RiskLevel",
        verbose_name=_("risk appetite"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The highest level the council tolerates without treatment. Risks rated above it are reported "
            "as above the council's appetite."
        ),
    )
    created_at = models.DateTimeField(pgettext_lazy("risk", "created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk matrix")
        verbose_name_plural = _("risk matrices")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    def is_in_use(self) -> bool:
        return self.pk is not None and self.risks.exists()

    def clean(self):
        super().clean()
        if self.appetite_id and self.pk and self.appetite.matrix_id != self.pk:
            raise ValidationError({"appetite": _("Choose a level of this matrix.")})


class _MatrixPart(models.Model):
    """Shared guard of every part of a matrix: no change once a risk is rated on the matrix."""

    matrix = models.ForeignKey(RiskMatrix, verbose_name=_("matrix"), on_delete=models.CASCADE)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.matrix_id and self.matrix.is_in_use() and self._changed():
            raise matrix_locked_error(self.matrix)

    def _changed(self) -> bool:
        if self.pk is None:
            return True
        stored = type(self).objects.filter(pk=self.pk).values(*self._guarded_fields()).first()
        return stored is None or any(stored[name] != getattr(self, name) for name in self._guarded_fields())

    def _guarded_fields(self):
        return [f.attname for f in self._meta.concrete_fields if f.name not in ("id",)]


class _ScaleStep(_MatrixPart):
    value = models.PositiveSmallIntegerField(
        _("value"), validators=[MinValueValidator(1), MaxValueValidator(MAX_SCALE)]
    )
    label_sw = models.CharField(_("label (Swahili)"), max_length=60)
    label_en = models.CharField(_("label (English)"), max_length=60, blank=True)
    description_sw = models.CharField(_("description (Swahili)"), max_length=300, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=300, blank=True)

    class Meta:
        abstract = True
        ordering = ["matrix", "value"]

    def __str__(self):
        return f"{self.value} - {self.label}"

    @property
    def label(self) -> str:
        return localized(self, "label")

    @property
    def description(self) -> str:
        return localized(self, "description")


class LikelihoodLevel(_ScaleStep):
    """One step of the likelihood scale (1 = rare ... 5 = almost certain), with what it means in practice."""

    history = HistoricalRecords()

    class Meta(_ScaleStep.Meta):
        verbose_name = _("likelihood level")
        verbose_name_plural = _("likelihood levels")
        default_related_name = "likelihood_levels"
        constraints = [
            models.UniqueConstraint(fields=["matrix", "value"], name="risk_likelihood_unique_value"),
            models.CheckConstraint(
                condition=models.Q(value__gte=1, value__lte=MAX_SCALE), name="risk_likelihood_value_range"
            ),
        ]


class ImpactLevel(_ScaleStep):
    """One step of the impact scale (1 = insignificant ... 5 = severe), with what it means for the council."""

    history = HistoricalRecords()

    class Meta(_ScaleStep.Meta):
        verbose_name = _("impact level")
        verbose_name_plural = _("impact levels")
        default_related_name = "impact_levels"
        constraints = [
            models.UniqueConstraint(fields=["matrix", "value"], name="risk_impact_unique_value"),
            models.CheckConstraint(
                condition=models.Q(value__gte=1, value__lte=MAX_SCALE), name="risk_impact_value_range"
            ),
        ]


class RiskLevel(_MatrixPart):
    """A level of the matrix (low, medium, high, very high): its colour and how often risks at it are reviewed."""

    code = models.SlugField(_("code"), max_length=20, help_text=_("A short fixed name, e.g. low or very_high."))
    rank = models.PositiveSmallIntegerField(
        _("rank"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SCALE)],
        help_text=_("1 for the lowest level; higher numbers for more serious levels."),
    )
    label_sw = models.CharField(_("label (Swahili)"), max_length=60)
    label_en = models.CharField(_("label (English)"), max_length=60, blank=True)
    colour = models.CharField(_("colour"), max_length=20, choices=Colour.choices)
    review_interval_days = models.PositiveSmallIntegerField(
        _("review interval (days)"),
        validators=[MinValueValidator(7), MaxValueValidator(730)],
        help_text=_("Risks at this level are reviewed at least this often."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk level")
        verbose_name_plural = _("risk levels")
        default_related_name = "levels"
        ordering = ["matrix", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["matrix", "code"], name="risk_level_unique_code"),
            models.UniqueConstraint(fields=["matrix", "rank"], name="risk_level_unique_rank"),
            models.CheckConstraint(
                condition=models.Q(review_interval_days__gte=7, review_interval_days__lte=730),
                name="risk_level_review_interval_range",
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return localized(self, "label")

    @property
    def css_class(self) -> str:
        return f"risk-colour-{self.colour.replace('_', '-')}"


class MatrixCell(_MatrixPart):
    """One square of the grid: this likelihood and this impact give this level."""

    likelihood = models.ForeignKey(LikelihoodLevel, verbose_name=_("likelihood"), on_delete=models.CASCADE)
    impact = models.ForeignKey(ImpactLevel, verbose_name=_("impact"), on_delete=models.CASCADE)
    level = models.ForeignKey(RiskLevel, verbose_name=_("level"), on_delete=models.PROTECT)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("matrix cell")
        verbose_name_plural = _("matrix cells")
        default_related_name = "cells"
        ordering = ["matrix", "-likelihood__value", "impact__value"]
        constraints = [
            models.UniqueConstraint(fields=["likelihood", "impact"], name="risk_cell_unique_pair"),
        ]

    def __str__(self):
        return f"{self.likelihood.value} x {self.impact.value} = {self.level}"

    def clean(self):
        super().clean()
        parts = [self.likelihood if self.likelihood_id else None, self.impact if self.impact_id else None]
        parts.append(self.level if self.level_id else None)
        if any(part is not None and part.matrix_id != self.matrix_id for part in parts):
            raise ValidationError(_("The likelihood, impact and level must all belong to this matrix."))

"""The catalogue the register is described with: categories, manufacturers and models of equipment."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce, Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kilombero_ict.models import localized


class Category(models.Model):
    """A kind of equipment or stock: laptops, printers, UPS, toner, network cables.

    `tracked_individually` separates equipment that carries its own tag and record (an asset) from
    stock that is counted in bulk (a consumable). The default useful life drives depreciation of
    every asset of the category that does not say otherwise. Names are unique in each language,
    whatever the letter case, because imports look categories up by name.
    """

    name_sw = models.CharField(_("name (Swahili)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    default_useful_life_years = models.PositiveSmallIntegerField(
        _("default useful life (years)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Assets of this category are depreciated over this many years unless the asset says otherwise."),
    )
    tracked_individually = models.BooleanField(
        _("tracked individually"),
        default=True,
        help_text=_(
            "Ticked: each item gets its own tag and record (laptops, printers). "
            "Not ticked: stock counted in bulk (toner, cables)."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name_sw"]
        constraints = [
            models.UniqueConstraint(Lower("name_sw"), name="category_name_sw_unique"),
            models.UniqueConstraint(Lower("name_en"), condition=~models.Q(name_en=""), name="category_name_en_unique"),
            models.CheckConstraint(
                condition=models.Q(default_useful_life_years__gte=1, default_useful_life_years__lte=50),
                name="category_useful_life_range",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class Manufacturer(models.Model):
    """A maker of equipment or software (HP, Dell, APC, Microsoft); the name is its natural key."""

    name = models.CharField(_("name"), max_length=120)
    website = models.URLField(_("website"), blank=True)
    support_phone = models.CharField(_("support phone"), max_length=40, blank=True)
    support_email = models.EmailField(_("support e-mail"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("manufacturer")
        verbose_name_plural = _("manufacturers")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="manufacturer_name_unique")]

    def __str__(self):
        return self.name


class AssetModel(models.Model):
    """A model of equipment (HP ProBook 450 G9) in one category; every asset is of a model.

    The natural key is category + manufacturer + name + model number (letter case ignored), which is
    how a Snipe-IT export describes models, so re-importing finds the same row.
    """

    name = models.CharField(_("model name"), max_length=150)
    model_number = models.CharField(_("model number"), max_length=80, blank=True)
    manufacturer = models.ForeignKey(
        Manufacturer,
        verbose_name=_("manufacturer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="models",
    )
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="models")
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("asset model")
        verbose_name_plural = _("asset models")
        ordering = ["name", "model_number"]
        constraints = [
            models.UniqueConstraint(
                "category",
                Coalesce("manufacturer", models.Value(0), output_field=models.BigIntegerField()),
                Lower("name"),
                Lower("model_number"),
                name="asset_model_natural_key",
            )
        ]

    def __str__(self):
        parts = [self.manufacturer.name if self.manufacturer_id else "", self.name]
        text = " ".join(p for p in parts if p)
        return f"{text} ({self.model_number})" if self.model_number else text

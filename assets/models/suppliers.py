"""Suppliers (wazabuni): who sold the council its equipment, stock and licences.

Procurement (purchase orders, goods received) will point at the same rows.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

tin_validator = RegexValidator(
    r"^\d{3}-?\d{3}-?\d{3}$",
    _("A TIN has nine digits, e.g. 123-456-789."),
)


class Supplier(models.Model):
    """A supplier of goods or services, with the tax and e-procurement numbers the council records.

    The name is the natural key for imports (letter case ignored); a TIN, when given, belongs to
    one supplier only.
    """

    name = models.CharField(_("name"), max_length=200)
    tin = models.CharField(_("TIN"), max_length=11, blank=True, validators=[tin_validator])
    vrn = models.CharField(_("VRN"), max_length=20, blank=True, help_text=_("VAT registration number, if registered."))
    nest_registration = models.CharField(
        _("NeST registration number"),
        max_length=40,
        blank=True,
        help_text=_("Registration on the NeST e-procurement system."),
    )
    contact_person = models.CharField(_("contact person"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.TextField(_("address"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="supplier_name_unique"),
            models.UniqueConstraint(fields=["tin"], condition=~models.Q(tin=""), name="supplier_tin_unique"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.tin:
            digits = self.tin.replace("-", "")
            self.tin = f"{digits[:3]}-{digits[3:6]}-{digits[6:]}" if len(digits) == 9 else self.tin

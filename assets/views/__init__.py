"""Views of the asset register, one module per area; procurement adds its own modules beside these."""

from . import labels, register, reports, stock, stocktakes

__all__ = ["labels", "register", "reports", "stock", "stocktakes"]

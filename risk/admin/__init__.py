"""The ICT officer's workbench for the risk register: the matrix, categories, risks, actions, acceptances.

The matrix is editable until a risk is rated on it, then shown read-only (its appetite excepted).
Statuses, ratings and dates are read-only here: they change through admin actions that call the
same services as the portal, and details that are edited here are saved through those services
too, so every change lands on the risk's history.
"""

from . import matrix, register  # noqa: F401 - registering the admin classes

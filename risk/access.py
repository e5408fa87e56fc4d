"""Rows of the access table for the risk app (see kilombero_ict/access.py).

ICT staff, Management and the internal auditor open the register; so does any signed-in person
who owns a risk or a treatment action (`has_risk_work`), who then sees only those rows. Everyone
else gets 404 for every page of the register: its existence is not their business. Pages for
one role only (recording, approving) answer 404 to the others as well; finer checks (may this
reader change this row?) are made by the views and services and answer 403.
"""

from kilombero_ict.access import ICT, ICT_AND_OVERSIGHT, roles
from kilombero_ict.roles import Role

from .selectors import has_risk_work

REGISTER = ICT_AND_OVERSIGHT.or_when(has_risk_work).hidden()
OVERSIGHT = ICT_AND_OVERSIGHT.hidden()
ICT_ONLY = ICT.hidden()
MANAGEMENT_ONLY = roles(Role.MANAGEMENT).hidden()

ACCESS = {
    "risk:list": REGISTER,
    "risk:detail": REGISTER,
    "risk:heatmap": REGISTER,
    "risk:actions": REGISTER,
    "risk:acceptances": REGISTER,
    "risk:review": REGISTER,
    "risk:action-create": REGISTER,
    "risk:action-edit": REGISTER,
    "risk:action-progress": REGISTER,
    "risk:acceptance-request": REGISTER,
    "risk:acceptance-withdraw": REGISTER,
    "risk:create": ICT_ONLY,
    "risk:edit": ICT_ONLY,
    "risk:rate": ICT_ONLY,
    "risk:treatment": ICT_ONLY,
    "risk:monitor": ICT_ONLY,
    "risk:close": ICT_ONLY,
    "risk:reopen": ICT_ONLY,
    "risk:link": ICT_ONLY,
    "risk:unlink": ICT_ONLY,
    "risk:accept": MANAGEMENT_ONLY,
    "risk:acceptance-approve": MANAGEMENT_ONLY,
    "risk:acceptance-decline": MANAGEMENT_ONLY,
    "risk:reports": OVERSIGHT,
    "risk:report-xlsx": OVERSIGHT,
    "risk:report-csv": OVERSIGHT,
    "risk:export-xlsx": OVERSIGHT,
    "risk:export-csv": OVERSIGHT,
}

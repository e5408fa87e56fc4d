"""Rows of the access table for the asset register (see kilombero_ict/access.py).

Pages that list or show assets are open to every role; what each person sees on them is scoped
by `assets.selectors` (staff: what they hold; heads of department: their department's; ICT staff,
management and the auditor: everything), and a row outside that scope answers 404. Everything
that changes the register is for ICT staff; disposal is for the ICT officer. A label's public
page is open to anyone who scans it and shows only the tag and whom to contact.
"""

from kilombero_ict.access import ANY_ROLE, ICT, ICT_AND_OVERSIGHT, ICT_OFFICER_ONLY, PUBLIC, roles
from kilombero_ict.roles import Role

ACCESS = {
    # The register and one asset (scoped by selectors)
    "assets:list": ANY_ROLE,
    "assets:export": ANY_ROLE,
    "assets:detail": ANY_ROLE,
    "assets:photo": ANY_ROLE,
    "assets:qr": ANY_ROLE,
    "assets:mine": ANY_ROLE,
    "assets:department": roles(Role.HOD),
    "assets:handover": ANY_ROLE,
    "assets:handover-accept": ANY_ROLE,
    "assets:label": PUBLIC,
    # Changing the register
    "assets:create": ICT,
    "assets:edit": ICT,
    "assets:check-out": ICT,
    "assets:check-in": ICT,
    "assets:repair": ICT,
    "assets:repair-return": ICT,
    "assets:lost": ICT,
    "assets:found": ICT,
    "assets:retire": ICT,
    "assets:reinstate": ICT,
    "assets:move": ICT,
    "assets:dispose": ICT_OFFICER_ONLY,
    "assets:labels": ICT,
    "assets:maintenance-log": ICT,
    "assets:schedule-create": ICT,
    "assets:schedule-stop": ICT,
    # Consumables
    "assets:consumables": ICT_AND_OVERSIGHT,
    "assets:consumable-detail": ICT_AND_OVERSIGHT,
    "assets:consumable-create": ICT,
    "assets:consumable-edit": ICT,
    "assets:consumable-receive": ICT,
    "assets:consumable-issue": ICT,
    "assets:consumable-adjust": ICT,
    "assets:consumable-count": ICT,
    # Licences
    "assets:licences": ICT_AND_OVERSIGHT,
    "assets:licence-detail": ICT_AND_OVERSIGHT,
    "assets:licence-create": ICT,
    "assets:licence-edit": ICT,
    "assets:licence-assign": ICT,
    "assets:licence-release": ICT,
    "assets:licence-key": ICT,
    # Maintenance
    "assets:maintenance": ICT_AND_OVERSIGHT,
    # Stocktakes
    "assets:stocktakes": ICT_AND_OVERSIGHT,
    "assets:stocktake": ICT_AND_OVERSIGHT,
    "assets:stocktake-report": ICT_AND_OVERSIGHT,
    "assets:stocktake-download": ICT_AND_OVERSIGHT,
    "assets:stocktake-open": ICT,
    "assets:stocktake-record": ICT,
    "assets:stocktake-missing": ICT,
    "assets:stocktake-close": ICT,
    # Reports
    "assets:reports": ICT_AND_OVERSIGHT,
    "assets:report": ICT_AND_OVERSIGHT,
    "assets:report-download": ICT_AND_OVERSIGHT,
    # Procurement (/procurement/): requisitions are scoped by assets.selectors.procurement (staff: their own;
    # heads: their department's; ICT, management and the auditor: all); the services decide who may act.
    "procurement:requisitions": ANY_ROLE,
    "procurement:mine": ANY_ROLE,
    "procurement:department": roles(Role.HOD),
    "procurement:waiting": roles(Role.HOD, Role.ICT_OFFICER, Role.MANAGEMENT),
    "procurement:pipeline": ANY_ROLE,
    "procurement:requisition-create": ANY_ROLE,
    "procurement:requisition": ANY_ROLE,
    "procurement:requisition-edit": ANY_ROLE,
    "procurement:requisition-print": ANY_ROLE,
    "procurement:requisition-submit": ANY_ROLE,
    "procurement:requisition-endorse": roles(Role.HOD, Role.MANAGEMENT),
    "procurement:requisition-review": ICT_OFFICER_ONLY,
    "procurement:requisition-approve": roles(Role.MANAGEMENT),
    "procurement:requisition-reject": roles(Role.HOD, Role.ICT_OFFICER, Role.MANAGEMENT),
    "procurement:requisition-return": roles(Role.HOD, Role.ICT_OFFICER, Role.MANAGEMENT),
    "procurement:requisition-cancel": ANY_ROLE,
    "procurement:requisition-close": ICT_OFFICER_ONLY,
    "procurement:requisition-document-add": ANY_ROLE,
    "procurement:requisition-document": ANY_ROLE,
    "procurement:order-create": ICT_OFFICER_ONLY,
    "procurement:orders": ICT_AND_OVERSIGHT,
    "procurement:order": ICT_AND_OVERSIGHT,
    "procurement:order-print": ICT_AND_OVERSIGHT,
    "procurement:order-receive": ICT,
    "procurement:receipt-settle": ICT_OFFICER_ONLY,
    "procurement:budgets": ICT_AND_OVERSIGHT,
    "procurement:budgets-export": ICT_AND_OVERSIGHT,
    "procurement:suppliers": ICT_AND_OVERSIGHT,
}

"""Rows of the access table for the policies app (see kilombero_ict/access.py).

Public pages are open to all; the selectors then answer 404 for drafts and staff-only
documents. Staff pages are limited by role here; the services check the role again.
"""

from kilombero_ict.access import ANY_ROLE, ICT_OFFICER_ONLY, PUBLIC, SIGNED_IN, roles
from kilombero_ict.roles import Role

POLICY_MANAGERS = roles(Role.ICT_OFFICER, Role.MANAGEMENT, Role.AUDITOR)
COMPLIANCE_READERS = roles(Role.ICT_OFFICER, Role.HOD, Role.MANAGEMENT, Role.AUDITOR)

ACCESS = {
    "policies:list": PUBLIC,
    "policies:detail": PUBLIC,
    "policies:version": PUBLIC,
    "policies:version-pdf": PUBLIC,
    "policies:accept": ANY_ROLE,
    "policies:mine": ANY_ROLE,
    "policies:workflow": POLICY_MANAGERS,
    "policies:version-submit": ICT_OFFICER_ONLY,
    "policies:version-approve": roles(Role.MANAGEMENT),
    "policies:version-return": roles(Role.MANAGEMENT, Role.ICT_OFFICER),
    "policies:version-publish": ICT_OFFICER_ONLY,
    "policies:compliance": COMPLIANCE_READERS,
    "policies:compliance-export": COMPLIANCE_READERS,
    "policies:exceptions": COMPLIANCE_READERS,
    "policies:exception": COMPLIANCE_READERS,
    "policies:exception-new": roles(Role.ICT_OFFICER, Role.HOD),
    "policies:exception-approve": roles(Role.MANAGEMENT),
    "policies:exception-reject": roles(Role.MANAGEMENT),
    "policies:exception-revoke": roles(Role.MANAGEMENT, Role.ICT_OFFICER),
    "policies:reviews": POLICY_MANAGERS,
    "policies:review-record": ICT_OFFICER_ONLY,
    "policies:paper-new": ICT_OFFICER_ONLY,
    "policies:paper-scan": SIGNED_IN,
}

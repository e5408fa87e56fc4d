"""Rows of the access table for the helpdesk (see kilombero_ict/access.py).

Which tickets a person may see is decided by `helpdesk.selectors` (404 for others' tickets);
this table decides who may open each page at all. Actions only ICT staff take answer 404 to
everyone else, so their existence is not advertised.
"""

from kilombero_ict.access import ANY_ROLE, ICT, ICT_AND_OVERSIGHT, PUBLIC, SIGNED_IN

ICT_HIDDEN = ICT.hidden()

ACCESS = {
    # Tickets: anyone with a role files and follows their own; selectors scope the rows.
    "helpdesk:list": ANY_ROLE,
    "helpdesk:new": ANY_ROLE,
    "helpdesk:export": ANY_ROLE,
    "helpdesk:detail": ANY_ROLE,
    "helpdesk:attachment": ANY_ROLE,
    "helpdesk:reply": ANY_ROLE,
    "helpdesk:cancel": ANY_ROLE,
    "helpdesk:confirm": ANY_ROLE,
    "helpdesk:reopen": ANY_ROLE,
    "helpdesk:rate": ANY_ROLE,
    # Working tickets: ICT staff only.
    "helpdesk:assign": ICT_HIDDEN,
    "helpdesk:take": ICT_HIDDEN,
    "helpdesk:start": ICT_HIDDEN,
    "helpdesk:resume": ICT_HIDDEN,
    "helpdesk:resolve": ICT_HIDDEN,
    "helpdesk:priority": ICT_HIDDEN,
    "helpdesk:category": ICT_HIDDEN,
    "helpdesk:security": ICT_HIDDEN,
    "helpdesk:asset": ICT_HIDDEN,
    "helpdesk:link-risk": ICT_HIDDEN,
    # Knowledge base: public articles are for everyone, staff-only ones need signing in (selectors).
    "helpdesk:kb": PUBLIC,
    "helpdesk:kb-suggest": PUBLIC,
    "helpdesk:kb-article": PUBLIC,
    "helpdesk:kb-feedback": SIGNED_IN,
    "helpdesk:kb-solved": ANY_ROLE,
    "helpdesk:kb-new": ICT_HIDDEN,
    "helpdesk:kb-edit": ICT_HIDDEN,
    "helpdesk:kb-publish": ICT_HIDDEN,
    "helpdesk:kb-unpublish": ICT_HIDDEN,
    # Reports: aggregates for the ICT unit, management and audit.
    "helpdesk:reports": ICT_AND_OVERSIGHT,
    "helpdesk:reports-export": ICT_AND_OVERSIGHT,
    # Service status: every role sees the status page and may say an outage affects them too;
    # the outage's page, note and links are ICT work; availability reports for ICT and oversight.
    "helpdesk:status": ANY_ROLE,
    "helpdesk:outage-affected": ANY_ROLE,
    "helpdesk:outage": ICT_HIDDEN,
    "helpdesk:outage-note": ICT_HIDDEN,
    "helpdesk:outage-link-ticket": ICT_HIDDEN,
    "helpdesk:outage-link-risk": ICT_HIDDEN,
    "helpdesk:status-reports": ICT_AND_OVERSIGHT,
    "helpdesk:status-reports-export": ICT_AND_OVERSIGHT,
}

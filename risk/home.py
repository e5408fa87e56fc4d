"""The risk register's panel on a signed-in person's home page.

ICT staff see what needs doing (overdue reviews and actions, expired acceptances); Management
sees acceptances waiting for its decision; the auditor a way into the reports; a risk owner
their own risks and actions. One query, whatever the size of the register.
"""

from kilombero_ict.home import Panel
from kilombero_ict.roles import user_roles

from .selectors import home_counts


def panels(request) -> list[Panel]:
    user = request.user
    roles = user_roles(user)
    reader = roles.is_ict or roles.is_oversight
    counts = home_counts(user, ask_work=not reader)
    if not reader and not counts["has_work"]:
        return []
    urgent = (
        (roles.is_ict and (counts["reviews_overdue"] or counts["actions_overdue"] or counts["expired_acceptances"]))
        or (roles.is_management and counts["pending_acceptances"])
        or (counts["my_reviews_overdue"] or counts["actions_my_overdue"])
    )
    context = {"counts": counts, "roles": roles, "reader": reader}
    return [Panel("risk/home/panel.html", context, order=8 if urgent else 60)]

"""The helpdesk's box on a signed-in person's home page: their requests, and the queues for ICT staff.

Two queries whatever the numbers: one aggregate for every count, one for the few rows listed.
ICT staff also get a box of the outages open now; it reuses the banner's query (no query of its own).
"""

from django.db.models import Count, Q
from django.utils import timezone

from kilombero_ict.home import Panel
from kilombero_ict.roles import user_roles

from . import selectors
from .models import OPEN_STATUSES, Status, Ticket


def panels(request) -> list[Panel]:
    user = request.user
    roles = user_roles(user)
    if not roles:
        return []
    now = timezone.now()
    mine = Q(requester=user)
    counts = {
        "my_open": Count("pk", filter=mine & Q(status__in=OPEN_STATUSES)),
        "my_waiting": Count("pk", filter=mine & Q(status=Status.WAITING)),
        "my_resolved": Count("pk", filter=mine & Q(status=Status.RESOLVED)),
    }
    if roles.is_ict:
        for queue in ("unassigned", "mine", "overdue"):
            counts[queue] = Count("pk", filter=selectors.queue_filter(queue, user, now))
        counts["at_risk"] = Count("pk", filter=selectors.sla_filter("at_risk", now))
    elif roles.is_hod and user.department_id:
        # The "open" queue of a head of department: the department's open tickets and their own (the link's list).
        counts["department_open"] = Count("pk", filter=Q(status__in=OPEN_STATUSES))
    # Every number counts the person's own tickets or open ones: say so, and the requester index and
    # the partial index of open tickets answer instead of a scan of every ticket (50 ms -> 5 ms at 50,000).
    relevant = mine | Q(status__in=OPEN_STATUSES)
    numbers = selectors.tickets_visible_to(user).filter(relevant).aggregate(**counts)
    act_now = numbers["my_waiting"] + numbers["my_resolved"]
    recent = []
    if numbers["my_open"] or act_now:
        recent = list(
            Ticket.objects.filter(requester=user, status__in=[*OPEN_STATUSES, Status.RESOLVED])
            .select_related("category")
            .order_by("-updated_at")[:5]
        )
    context = {"numbers": numbers, "recent": recent, "is_ict": roles.is_ict, "is_hod": roles.is_hod}
    order = 5 if act_now or (roles.is_ict and numbers.get("overdue")) else 20
    result = [Panel("helpdesk/home_panel.html", context, order)]
    if roles.is_ict:
        outages = getattr(request, "_outage_banners", None)
        if outages is None:
            outages = selectors.outage_banners_for(user)
            request._outage_banners = outages  # the page's banner uses the same rows
        if outages:
            result.append(Panel("helpdesk/status/home_panel.html", {"outages": outages}, 1))
    return result

"""Reads of the helpdesk, scoped to the person asking.

A requester sees their own tickets; a head of department also sees their department's (read
only); ICT staff see all. Anything else - a missing ticket or someone else's - answers 404,
from the page, the attachment link, search, exports and the admin alike. Internal notes and
their files are only ever returned to ICT staff. Lists run a fixed number of queries.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery
from django.db.models import BooleanField, Count, Exists, F, Func, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from kilombero_ict.models import User
from kilombero_ict.roles import ROLE_GROUPS, Role, user_roles

from .models import (
    CLOCK_RUNNING,
    OPEN_STATUSES,
    Article,
    CannedResponse,
    Category,
    Status,
    Ticket,
    TicketAttachment,
    TicketEvent,
    TicketReply,
)
from .models.tickets import SEARCH_CONFIG

REFERENCE_RE = re.compile(r"^\s*T-(\d{4})-(\d{1,7})\s*$", re.IGNORECASE)
WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


# --- tickets -------------------------------------------------------------------------------


def tickets_visible_to(user) -> QuerySet:
    """The tickets `user` may read: all for ICT staff, their department's for a head of department, else their own."""
    if not getattr(user, "is_authenticated", False):
        return Ticket.objects.none()
    roles = user_roles(user)
    if roles.is_ict:
        return Ticket.objects.all()
    scope = Q(requester=user)
    if roles.is_hod and user.department_id:
        scope |= Q(department_id=user.department_id)
    return Ticket.objects.filter(scope)


def ticket_get_for(user, reference: str) -> Ticket:
    """The ticket with this reference if `user` may read it; 404 when it is missing or not theirs."""
    # Six tables joined, not ten: past about six, PostgreSQL spent 10-20 ms planning this one-row read.
    # The equipment's tag comes as a column of its own (`asset_tag`, a sub-select planned apart), the
    # person who filed it is nearly always the requester (reused below; read only when someone else
    # filed it), and the search vector is for the database's index only.
    from assets.models import Asset

    queryset = (
        tickets_visible_to(user)
        .select_related("requester", "department", "category", "location", "assignee", "rating")
        .annotate(asset_tag=Subquery(Asset.objects.filter(pk=OuterRef("asset_id")).values("tag")[:1]))
        .defer("search_vector")
    )
    ticket = next(iter(queryset.filter(reference=(reference or "").upper()).order_by()[:1]), None)
    if ticket is None:
        raise Http404
    if ticket.filed_by_id == ticket.requester_id:
        ticket.filed_by = ticket.requester
    return ticket


def attachment_get_for(user, reference: str, pk: int) -> TicketAttachment:
    """A file of a ticket `user` may read; files of internal notes only for ICT staff; else 404."""
    ticket = ticket_get_for(user, reference)
    queryset = TicketAttachment.objects.filter(ticket=ticket, pk=pk)
    if not user_roles(user).is_ict:
        queryset = queryset.filter(is_internal=False)
    attachment = queryset.first()
    if attachment is None:
        raise Http404
    return attachment


@dataclass
class TimelineEntry:
    at: dt.datetime
    kind: str  # "event" or "reply"
    item: object
    attachments: list


def ticket_timeline(user, ticket: Ticket) -> tuple[list[TimelineEntry], list[TicketAttachment]]:
    """The ticket's replies and events in time order, and the files filed with the request.

    Three queries whatever the length. Internal notes, their files and internal events are left
    out for anyone who is not ICT staff.
    """
    ict = user_roles(user).is_ict
    replies = TicketReply.objects.filter(ticket=ticket).select_related("author").defer("search_vector")
    events = TicketEvent.objects.filter(ticket=ticket).select_related("actor")
    files = TicketAttachment.objects.filter(ticket=ticket)
    if not ict:
        replies = replies.filter(is_internal=False)
        events = events.filter(is_internal=False)
        files = files.filter(is_internal=False)
    by_reply: dict[int, list] = {}
    request_files = []
    for attachment in files:
        if attachment.reply_id is None:
            request_files.append(attachment)
        else:
            by_reply.setdefault(attachment.reply_id, []).append(attachment)
    entries = [TimelineEntry(r.created_at, "reply", r, by_reply.get(r.pk, [])) for r in replies]
    entries += [TimelineEntry(e.at, "event", e, []) for e in events if e.kind != TicketEvent.Kind.CREATED]
    entries.sort(key=lambda entry: (entry.at, 0 if entry.kind == "event" else 1))
    return entries, request_files


def search_query(text: str) -> SearchQuery | None:
    """A prefix-matching full-text query for the words typed ("printa kwam" finds "printa imekwama")."""
    words = WORD_RE.findall((text or "").lower())[:8]
    words = [w for w in words if len(w) >= 2 or w.isdigit()]
    if not words:
        return None
    raw = " & ".join(f"{word}:*" for word in words)
    return SearchQuery(raw, search_type="raw", config=SEARCH_CONFIG)


class EqualsAny(Func):
    """`expression = ANY(array)` (PostgreSQL), a condition that can use the expression's index."""

    template = "(%(expressions)s))"
    arg_joiner = " = ANY("
    output_field = BooleanField()


def ticket_search_filter(user, text: str) -> Q | None:
    """A filter for tickets whose reference, subject, description or (visible) replies match `text`."""
    match = REFERENCE_RE.match(text or "")
    if match:
        return Q(reference=f"T-{match.group(1)}-{int(match.group(2)):05d}")
    query = search_query(text)
    if query is None:
        return None
    replies = TicketReply.objects.filter(search_vector=query)
    if not user_roles(user).is_ict:
        replies = replies.filter(is_internal=False)
    # "id = ANY(ARRAY(tickets of the matching replies))" rather than a correlated EXISTS: PostgreSQL can
    # then combine both full-text indexes (a BitmapOr) for rare words, or walk the newest tickets for
    # common ones, instead of testing every ticket (130 ms -> 10 ms at 50,000 tickets).
    return Q(search_vector=query) | Q(EqualsAny(F("pk"), ArraySubquery(replies.order_by().values("ticket_id"))))


def sla_filter(state: str, now: dt.datetime) -> Q:
    """Tickets in one SLA state (see `Ticket.sla_state`), as a database filter."""
    done = Q(status__in=[Status.RESOLVED, Status.CLOSED])
    flagged = Q(response_breached=True) | Q(resolution_breached=True)
    overdue = (
        flagged
        | Q(first_response_at__isnull=True, first_response_due__lte=now)
        | Q(status__in=CLOCK_RUNNING, resolution_due__lte=now)
    )
    open_ = Q(status__in=OPEN_STATUSES)
    at_risk = Q(resolution_at_risk_at__lte=now) | Q(first_response_at__isnull=True, response_at_risk_at__lte=now)
    if state == "breached":
        return open_ & overdue
    if state == "at_risk":
        return Q(status__in=CLOCK_RUNNING) & ~overdue & at_risk
    if state == "paused":
        return Q(status=Status.WAITING) & ~overdue
    if state == "on_track":
        return Q(status__in=CLOCK_RUNNING) & ~overdue & ~at_risk
    if state == "met":
        return done & ~flagged
    if state == "missed":
        return done & flagged
    raise ValueError(state)


def queue_filter(queue: str, user, now: dt.datetime) -> Q:
    if queue == "unassigned":
        return Q(status=Status.NEW, assignee__isnull=True)
    if queue == "mine":
        return Q(status__in=OPEN_STATUSES, assignee=user)
    if queue == "requested":
        return Q(requester=user)
    if queue == "department":
        return Q(department_id=user.department_id)
    if queue == "open":
        return Q(status__in=OPEN_STATUSES)
    if queue == "overdue":
        return sla_filter("breached", now)
    if queue == "all":
        return Q()
    raise ValueError(queue)


OPEN_ONLY_QUEUES = {"unassigned", "mine", "open", "overdue"}


def queues_for(user) -> list[str]:
    roles = user_roles(user)
    if roles.is_ict:
        return ["unassigned", "mine", "open", "overdue", "all"]
    if roles.is_hod and user.department_id:
        return ["department", "requested", "open", "all"]
    return ["open", "all"]


def queue_counts(user, now: dt.datetime | None = None) -> dict[str, int]:
    """How many tickets each of the person's queues holds, in one query."""
    now = now or timezone.now()
    counted = [queue for queue in queues_for(user) if queue != "all"]
    aggregates = {queue: Count("pk", filter=queue_filter(queue, user, now)) for queue in counted}
    tickets = tickets_visible_to(user)
    if set(counted) <= OPEN_ONLY_QUEUES:
        # Every counted queue holds open tickets only: say so, and the partial index of open
        # tickets answers instead of a scan of every ticket ever filed (70 ms -> 10 ms at 50,000).
        tickets = tickets.filter(status__in=OPEN_STATUSES)
    return tickets.aggregate(**aggregates)


def ticket_list(user, *, queue="all", filters=None, order="-created_at", now=None) -> QuerySet:
    """The rows of the ticket list: visible tickets of one queue, filtered, ordered; columns joined in."""
    now = now or timezone.now()
    filters = filters or {}
    queryset = tickets_visible_to(user).filter(queue_filter(queue, user, now))
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    if filters.get("priority"):
        queryset = queryset.filter(priority=filters["priority"])
    if filters.get("category"):
        queryset = queryset.filter(category=filters["category"])
    if filters.get("department"):
        queryset = queryset.filter(department=filters["department"])
    assignee = filters.get("assignee")
    if assignee == "none":
        queryset = queryset.filter(assignee__isnull=True)
    elif assignee:
        queryset = queryset.filter(assignee_id=assignee)
    if filters.get("sla"):
        queryset = queryset.filter(sla_filter(filters["sla"], now))
    if filters.get("created_from"):
        queryset = queryset.filter(created_at__date__gte=filters["created_from"])
    if filters.get("created_to"):
        queryset = queryset.filter(created_at__date__lte=filters["created_to"])
    if filters.get("security"):
        queryset = queryset.filter(is_security_incident=True)
    if filters.get("q"):
        condition = ticket_search_filter(user, filters["q"])
        if condition is not None:
            queryset = queryset.filter(condition)
    return queryset.select_related("requester", "department", "category", "assignee").order_by(order, "-pk")


# --- people and choices ----------------------------------------------------------------------


def ict_staff() -> QuerySet:
    """Active ICT staff, the people tickets can be assigned to."""
    groups = [ROLE_GROUPS[Role.TECHNICIAN], ROLE_GROUPS[Role.ICT_OFFICER]]
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__name__in=groups) | Q(is_superuser=True))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def categories_offered() -> QuerySet:
    return Category.objects.filter(is_active=True)


def canned_responses_for(ticket: Ticket) -> QuerySet:
    return CannedResponse.objects.filter(is_active=True).filter(
        Q(category__isnull=True) | Q(category_id=ticket.category_id)
    )


# --- knowledge base --------------------------------------------------------------------------


def articles_visible_to(user, *, include_drafts: bool = False) -> QuerySet:
    """Published articles the person may read (public ones for everyone); drafts too for ICT staff if asked."""
    authenticated = getattr(user, "is_authenticated", False)
    queryset = Article.objects.all()
    if not (include_drafts and authenticated and user_roles(user).is_ict):
        queryset = queryset.filter(is_published=True)
    if not authenticated:
        queryset = queryset.filter(audience=Article.Audience.PUBLIC)
    return queryset


def article_get_for(user, slug: str) -> Article:
    """One article the person may read (drafts for ICT staff); 404 otherwise."""
    article = (
        articles_visible_to(user, include_drafts=True).select_related("category", "author").filter(slug=slug).first()
    )
    if article is None:
        raise Http404
    return article


def article_search(user, text: str, *, category=None, include_drafts=False) -> QuerySet:
    """Articles matching the words typed, best first (title words weigh most)."""
    from django.contrib.postgres.search import SearchRank

    queryset = articles_visible_to(user, include_drafts=include_drafts).select_related("category")
    if category is not None:
        queryset = queryset.filter(category=category)
    query = search_query(text)
    if query is None:
        return queryset.order_by("-helpful_count", "title_sw")
    return (
        queryset.filter(search_vector=query)
        .annotate(rank=SearchRank("search_vector", query))
        .order_by("-rank", "-helpful_count")
    )


def article_suggestions(user, subject: str, *, limit: int = 5) -> list[Article]:
    """Articles that may answer a request being written: all words first, then any word."""
    if search_query(subject) is None:
        return []
    found = list(article_search(user, subject)[:limit])
    if found:
        return found
    words = [w for w in WORD_RE.findall(subject.lower()) if len(w) >= 4][:8]
    if not words:
        return []
    from django.contrib.postgres.search import SearchRank

    query = SearchQuery(" | ".join(f"{w}:*" for w in words), search_type="raw", config=SEARCH_CONFIG)
    return list(
        articles_visible_to(user)
        .filter(search_vector=query)
        .annotate(rank=SearchRank("search_vector", query))
        .order_by("-rank")[:limit]
    )


def tickets_for_asset(user, asset, *, limit: int = 10) -> list[Ticket]:
    """The newest support requests about `asset` that `user` may read (one query), for the asset page."""
    return list(tickets_visible_to(user).filter(asset=asset).select_related("category").order_by("-created_at")[:limit])


def security_incident_by_reference(reference: str) -> Ticket | None:
    """The ticket with this reference if it is flagged as a security incident (for linking it to a risk)."""
    return Ticket.objects.filter(reference=(reference or "").strip().upper(), is_security_incident=True).first()


# --- service status --------------------------------------------------------------------------


def services_visible_to(user) -> QuerySet:
    """Monitored services a person may see: ICT staff all of them, anyone else those shown to staff."""
    from .models import MonitoredService

    queryset = MonitoredService.objects.select_related("asset")
    if not user_roles(user).is_ict:
        queryset = queryset.filter(visible_to_staff=True)
    return queryset


def outages_visible_to(user) -> QuerySet:
    from .models import Outage

    queryset = Outage.objects.select_related("service")
    if not user_roles(user).is_ict:
        queryset = queryset.filter(service__visible_to_staff=True)
    return queryset


def outage_get_for(user, pk) -> "Outage":  # noqa: F821 - imported lazily
    """One outage the person may see; 404 for a missing one and for one of a service hidden from them."""
    outage = outages_visible_to(user).select_related("ticket", "risk").filter(pk=pk).first()
    if outage is None:
        raise Http404
    return outage


def outage_banners_for(user) -> list:
    """The open outages shown as banners, each with `affected_count` and `affects_me`: one query, none without a role."""
    from .models import Outage

    if not user_roles(user):
        return []
    through = Outage.affected_users.through
    return list(
        outages_visible_to(user)
        .filter(ended_at__isnull=True, service__is_paused=False)
        .annotate(
            affected_count=Count("affected_users", distinct=True),
            affects_me=Exists(through.objects.filter(outage_id=OuterRef("pk"), user_id=user.pk)),
        )
        .order_by("started_at")[:10]
    )

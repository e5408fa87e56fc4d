"""The floor page: the least a page listing 50 tickets can cost in this stack.

It runs the same middleware as every page (sessions, authentication, the access table), fetches
the ticket list's 50 newest rows with ONE `.values()` query (joins included) and renders them in
a bare template: no base layout, no menus, no context processors. Every page's median is
compared with this one's, measured in the same run. Mounted at /bench/floor/ only with BENCH=1.

Until the helpdesk app has tickets, it lists the 50 newest people instead (same shape, one
query) and says so in the page, so the harness runs today; `floor_rows` is the one place to
change if the ticket list's columns change.
"""

from pathlib import Path

from django.apps import apps
from django.http import HttpResponse
from django.template import Context, Engine

ROWS = 50
_engine = Engine(dirs=[str(Path(__file__).resolve().parent / "templates")], autoescape=True)


def floor_rows() -> tuple[str, list[dict]]:
    """(what was listed, the rows): the ticket list's first page, or people while there are no tickets."""
    try:
        Ticket = apps.get_model("helpdesk", "Ticket")
    except LookupError:
        Ticket = None
    if Ticket is not None:
        rows = Ticket.objects.order_by("-created_at").values(
            "reference",
            "subject",
            "status",
            "priority",
            "created_at",
            "updated_at",
            "category__name_sw",
            "requester__first_name",
            "requester__last_name",
            "department__name_sw",
            "assignee__first_name",
            "assignee__last_name",
        )[:ROWS]
        return "tickets", list(rows)
    User = apps.get_model("kilombero_ict", "User")
    rows = User.objects.order_by("-date_joined", "-id").values(
        "username", "first_name", "last_name", "email", "job_title", "date_joined", "department__name_sw"
    )[:ROWS]
    return "people (no tickets in this checkout yet)", list(rows)


def floor(request):
    source, rows = floor_rows()
    columns = list(rows[0]) if rows else []
    html = _engine.get_template("floor.html").render(
        Context({"source": source, "columns": columns, "rows": [[row[c] for c in columns] for row in rows]})
    )
    return HttpResponse(html)

"""The registry of what `make bench` measures: pages (GET), actions (form POSTs) and throughput runs.

An app's pages join by adding lines to PAGES / ACTIONS below. Each names the role it is for (the
harness signs in as that role's benchmark account: see bench.corpus.SIGN_IN_AS) and carries the
goals of issue 11 that apply to it; the defaults are the goals for every page.

`url` is a path, or a function `url(client) -> path` that finds one in the benchmark data: it runs
in the harness's process with Django set up on the benchmark database (use the ORM), and gets
the page role's signed-in `bench.http.Client` (for pages whose address is in another page).
A function that returns None, or raises LookupError, skips the page with that reason.

Examples for the domain apps (add them where the comment says):

    Page("Ticket list", "/helpdesk/", Role.TECHNICIAN, kind="list", p95_ms=100, gzip_kb=60,
         throughput=True, peer="Ticket list: HTML shell"),
    Page("Ticket page", showcase_ticket_url, Role.TECHNICIAN, kind="detail", p95_ms=100, gzip_kb=60,
         peer="Ticket page"),
    Page("Ticket search", "/helpdesk/?q=printa", Role.TECHNICIAN, kind="search", p95_ms=200),
    Page("Policy page", first_policy_url, ANONYMOUS, kind="public", first_load_kb=150, throughput=True),
    Action("File a ticket", "/helpdesk/new/", Role.STAFF, fields=ticket_fields, files=small_attachment,
           kind="filing", p95_ms=250),
    Action("Approve a requisition", nth_pending_requisition_url, Role.HOD, kind="approval",
           post_url=lambda n: ...),
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from kilombero_ict.roles import Role

ANONYMOUS = "anonymous"

# Goals of issue 11 for every page, unless a page says otherwise.
MAX_QUERIES = 15
P95_MS = 150
FLOOR_RATIO = 4.0


@dataclass(frozen=True)
class Page:
    name: str
    url: str | Callable
    role: str  # ANONYMOUS or a kilombero_ict.roles.Role
    kind: str = "page"  # public, home, list, detail, report, search, floor, peer
    p95_ms: float | None = P95_MS
    max_queries: int | None = MAX_QUERIES
    floor_ratio: float | None = FLOOR_RATIO
    gzip_kb: float | None = None  # compressed HTML at most this
    first_load_kb: float | None = None  # compressed HTML + the CSS, JS and images it loads, at most this
    throughput: bool = False  # also measured with 8 concurrent clients
    peer: str | None = None  # the django-helpdesk page shown beside it
    side: str = "portal"  # "portal" or "peer"


@dataclass(frozen=True)
class Action:
    """A form POST, timed. For submission n (0, 1, 2...) the harness opens the form page (not timed),
    fills the form as a browser would, overrides `fields(n)`, adds `files(n)` ({field: (file name,
    content type, bytes)}) and times the POST, which must answer with a redirect (302).

    `form_url` is a path, or `form_url(n) -> path` for steps that need a fresh row each time (an
    approval: the n-th pending requisition); it runs in the harness's process with the ORM.
    Each submission must be valid on its own: the harness makes warm-up + rounds of them (65 by default).
    """

    name: str
    form_url: str | Callable
    role: str
    fields: Callable[[int], dict] = field(default=lambda n: {})
    files: Callable[[int], dict] | None = None
    post_url: str | Callable | None = None  # when the form posts elsewhere than its own page; or post_url(n)
    kind: str = "form"  # "filing" and "approval" carry the goals of issue 11 for those steps
    p95_ms: float | None = P95_MS
    max_queries: int | None = MAX_QUERIES
    floor_ratio: float | None = None
    gzip_kb: float | None = None
    first_load_kb: float | None = None
    throughput: bool = False
    peer: str | None = None
    side: str = "portal"


FLOOR = Page(
    "Floor: 50 rows, one values() query, bare template",
    "/bench/floor/",
    Role.TECHNICIAN,
    kind="floor",
    floor_ratio=None,
    throughput=True,
)

PAGES = [
    # The organisation layer.
    Page("Public home", "/", ANONYMOUS, kind="public", first_load_kb=150, throughput=True),
    Page("Public home, English", "/en/", ANONYMOUS, kind="public"),
    Page("About the ICT unit", "/about-ict/", ANONYMOUS, kind="public"),
    Page("Home: staff member", "/", Role.STAFF, kind="home", first_load_kb=150),
    Page("Home: head of department", "/", Role.HOD, kind="home"),
    Page("Home: ICT technician", "/", Role.TECHNICIAN, kind="home", throughput=True),
    Page("Home: ICT officer", "/", Role.ICT_OFFICER, kind="home"),
    Page("Home: management", "/", Role.MANAGEMENT, kind="home"),
    Page("Home: auditor", "/", Role.AUDITOR, kind="home"),
    Page("Profile", "/accounts/profile/", Role.STAFF),
    Page("Audit trail", "/audit/", Role.ICT_OFFICER, kind="list"),
    Page("Audit trail, filtered by action and name", "/audit/?action=login&who=ma", Role.AUDITOR, kind="list"),
    Page("Audit trail, page 200", "/audit/?page=200", Role.AUDITOR, kind="list"),
    Page("Portal search", "/search/?q=printa", Role.TECHNICIAN, kind="search", p95_ms=200),
    # assets/ and procurement: add the register, one asset, My equipment, reports, requisitions here.
    # helpdesk/: add the ticket list, a ticket page, ticket search, reports, knowledge base here.
    # policies/: add the public policy list and page, acceptance, compliance here.
    # risk/: add the register, one risk, heat map, reports here.
]

ACTIONS = [
    Action(
        "Save own profile",
        "/accounts/profile/",
        Role.STAFF,
        fields=lambda n: {"job_title": f"Afisa Muuguzi daraja la {n % 3 + 1}"},
    ),
    # helpdesk/: "File a ticket" (with a small attachment, p95_ms=250); assets/: "Approve a requisition".
]

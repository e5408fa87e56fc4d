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


# ---------------------------------------------------------------------------------------------
# Addresses found in the benchmark data (run in the harness's process, with the ORM)
# ---------------------------------------------------------------------------------------------

ASSET_REPORTS = ["register-value", "by-status", "warranty-ending", "past-useful-life", "consumable-usage", "licences"]


def showcase_ticket_url(client=None) -> str:
    """The ticket both sides show: corpus ticket n is the portal's ticket id n."""
    from bench import corpus
    from helpdesk.models import Ticket

    number = corpus.showcase_number(corpus.current_run().scale)
    reference = Ticket.objects.filter(pk=number).values_list("reference", flat=True).first()
    if reference is None:
        raise LookupError(f"no ticket {number} in the benchmark data")
    return f"/helpdesk/{reference}/"


def own_ticket_url(client=None) -> str:
    """The newest ticket of the staff account the harness signs in as, with its replies."""
    from bench import corpus
    from helpdesk.models import Ticket

    reference = (
        Ticket.objects.filter(requester__username=corpus.SIGN_IN_AS[corpus.STAFF], replies__isnull=False)
        .order_by("-created_at")
        .values_list("reference", flat=True)
        .first()
    )
    if reference is None:
        raise LookupError("the staff account filed no ticket in the benchmark data")
    return f"/helpdesk/{reference}/"


def _most(model, key: str) -> int:
    from django.db.models import Count

    row = model.objects.values(key).annotate(n=Count("id")).order_by("-n", key).first()
    if row is None:
        raise LookupError(f"no {model._meta.verbose_name_plural} in the benchmark data")
    return row[key]


def busiest_asset_url(client=None) -> str:
    from assets.models import AssetEvent

    return f"/assets/{_most(AssetEvent, 'asset')}/"


def busiest_consumable_url(client=None) -> str:
    from assets.models import ConsumableMovement

    return f"/assets/consumables/{_most(ConsumableMovement, 'item')}/"


def fullest_licence_url(client=None) -> str:
    from assets.models import LicenceAssignment

    return f"/assets/licences/{_most(LicenceAssignment, 'licence')}/"


def busiest_risk_url(client=None) -> str:
    from risk.models import Risk, RiskEvent

    reference = Risk.objects.filter(pk=_most(RiskEvent, "risk")).values_list("reference", flat=True).first()
    return f"/risk/{reference}/"


def first_policy_url(client=None) -> str:
    """A public policy that staff must accept, with the most acknowledgements of its published version."""
    from django.db.models import Count

    from policies.models import PolicyVersion

    version = (
        PolicyVersion.objects.filter(status="published", document__audience="public")
        .annotate(n=Count("acknowledgements"))
        .order_by("-n", "id")
        .values_list("document__slug", flat=True)
        .first()
    )
    if version is None:
        raise LookupError("no published public policy in the benchmark data")
    return f"/policies/{version}/"


def superseded_version_url(client=None) -> str:
    from policies.models import PolicyVersion

    row = (
        PolicyVersion.objects.filter(status="superseded", document__audience="public")
        .order_by("id")
        .values_list("document__slug", "number")
        .first()
    )
    if row is None:
        raise LookupError("no superseded public version in the benchmark data")
    return f"/policies/{row[0]}/versions/{row[1]}/"


def ticket_fields(n: int) -> dict:
    from bench import corpus

    subjects = corpus.SUBJECTS["printer"]
    return {
        "subject": f"{subjects[n % len(subjects)]} ({n + 1})",
        "description": "Printa ya ofisi ya Afya inakwama karatasi kila asubuhi; tumejaribu kuizima na kuiwasha.",
        "impact": "2",
        "urgency": "2",
        "contact_phone": "0754 000 111",
    }


_PNG: list[bytes] = []


def small_attachment(n: int) -> dict:
    """A 120 x 80 screenshot-like PNG (about 1 KB), made once."""
    if not _PNG:
        import io

        from PIL import Image, ImageDraw

        image = Image.new("RGB", (120, 80), "white")
        draw = ImageDraw.Draw(image)
        draw.rectangle((10, 10, 110, 30), outline="black")
        draw.text((14, 14), "Paper jam", fill="red")
        buffer = io.BytesIO()
        image.save(buffer, "PNG")
        _PNG.append(buffer.getvalue())
    return {"attachments": (f"printa-{n + 1}.png", "image/png", _PNG[0])}


_PROPOSED: list[int] = []


def nth_proposed_acceptance_url(n: int) -> str:
    """The n-th acceptance that awaited approval when the run started (each submission approves a fresh one)."""
    from risk.models import RiskAcceptance

    if not _PROPOSED:
        _PROPOSED.extend(RiskAcceptance.objects.filter(status="proposed").order_by("id").values_list("id", flat=True))
    if n >= len(_PROPOSED):
        raise LookupError(f"only {len(_PROPOSED)} acceptances await approval in the benchmark data")
    return f"/risk/acceptances/{_PROPOSED[n]}/approve/"


def busiest_requisition_url(client=None) -> str:
    """The requisition with the longest history (returned and resubmitted, then ordered and received)."""
    from assets.models import Requisition, RequisitionEvent

    reference = (
        Requisition.objects.filter(pk=_most(RequisitionEvent, "requisition"))
        .values_list("reference", flat=True)
        .first()
    )
    return f"/procurement/requisitions/{reference}/"


def fullest_order_url(client=None) -> str:
    """The purchase order with the most deliveries (and, among those, the most lines)."""
    from django.db.models import Count

    from assets.models import PurchaseOrder

    pk = (
        PurchaseOrder.objects.annotate(n=Count("receipts", distinct=True), k=Count("lines", distinct=True))
        .order_by("-n", "-k", "id")
        .values_list("id", flat=True)
        .first()
    )
    if pk is None:
        raise LookupError("no purchase orders in the benchmark data")
    return f"/procurement/orders/{pk}/"


_REVIEWED: list[str] = []


def nth_reviewed_requisition_url(n: int) -> str:
    """The page of the n-th requisition that awaited management's approval when the run started."""
    from assets.models import Requisition
    from bench import corpus

    if not _REVIEWED:
        _REVIEWED.extend(
            Requisition.objects.filter(status="reviewed", budget_line__isnull=False)
            .exclude(requested_by__username=corpus.SIGN_IN_AS[corpus.MANAGEMENT])
            .order_by("id")
            .values_list("reference", flat=True)
        )
    if n >= len(_REVIEWED):
        raise LookupError(f"only {len(_REVIEWED)} requisitions await approval in the benchmark data")
    return f"/procurement/requisitions/{_REVIEWED[n]}/"


def nth_reviewed_requisition_approve_url(n: int) -> str:
    return nth_reviewed_requisition_url(n) + "approve/"


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
    # assets/: the register, one asset, My equipment, the department's, stock, licences, reports.
    Page("Asset register", "/assets/", Role.ICT_OFFICER, kind="list"),
    Page("Asset register, searched", "/assets/?q=probook", Role.ICT_OFFICER, kind="search", p95_ms=200),
    Page("Asset register, deployed, page 100", "/assets/?status=deployed&page=100", Role.ICT_OFFICER, kind="list"),
    Page("Asset register: staff member", "/assets/", Role.STAFF, kind="list"),
    Page("An asset (longest timeline)", busiest_asset_url, Role.ICT_OFFICER, kind="detail"),
    Page("My equipment", "/assets/mine/", Role.STAFF, kind="list"),
    Page("Department's equipment", "/assets/department/", Role.HOD, kind="list"),
    Page("Consumables", "/assets/consumables/", Role.ICT_OFFICER, kind="list"),
    Page("A consumable's ledger", busiest_consumable_url, Role.ICT_OFFICER, kind="detail"),
    Page("Licences", "/assets/licences/", Role.ICT_OFFICER, kind="list"),
    Page("A licence", fullest_licence_url, Role.ICT_OFFICER, kind="detail"),
    Page("Maintenance", "/assets/maintenance/", Role.ICT_OFFICER, kind="list"),
    Page("Stocktakes", "/assets/stocktakes/", Role.ICT_OFFICER, kind="list"),
    Page("Asset reports", "/assets/reports/", Role.MANAGEMENT, kind="report"),
    *[
        Page(f"Asset report: {slug}", f"/assets/reports/{slug}/", Role.MANAGEMENT, kind="report")
        for slug in ASSET_REPORTS
    ],
    # procurement (/procurement/): requisitions, what waits for management, one requisition, the
    # pipeline, budget vs actual, purchase orders and one order.
    Page("Requisitions", "/procurement/requisitions/", Role.ICT_OFFICER, kind="list"),
    Page("Requisitions: management", "/procurement/requisitions/", Role.MANAGEMENT, kind="list"),
    Page(
        "Requisitions, closed, page 5", "/procurement/requisitions/?status=closed&page=5", Role.ICT_OFFICER, kind="list"
    ),
    Page("Requisitions waiting for me", "/procurement/requisitions/waiting/", Role.MANAGEMENT, kind="list"),
    Page("My requisitions", "/procurement/requisitions/mine/", Role.STAFF, kind="list"),
    Page("Department's requisitions", "/procurement/requisitions/department/", Role.HOD, kind="list"),
    Page("A requisition (longest history)", busiest_requisition_url, Role.ICT_OFFICER, kind="detail"),
    Page("A requisition: management", busiest_requisition_url, Role.MANAGEMENT, kind="detail"),
    Page("Procurement pipeline", "/procurement/requisitions/pipeline/", Role.MANAGEMENT, kind="report"),
    Page("Budget vs actual", "/procurement/budgets/", Role.MANAGEMENT, kind="report"),
    Page("Budget vs actual: ICT officer", "/procurement/budgets/", Role.ICT_OFFICER, kind="report"),
    Page("Purchase orders", "/procurement/orders/", Role.ICT_OFFICER, kind="list"),
    Page("A purchase order", fullest_order_url, Role.ICT_OFFICER, kind="detail"),
    # helpdesk/: the ticket list (against django-helpdesk's), a ticket page, search, reports, knowledge base.
    Page(
        "Ticket list",
        "/helpdesk/",
        Role.TECHNICIAN,
        kind="list",
        p95_ms=100,
        gzip_kb=60,
        throughput=True,
        peer="django-helpdesk ticket list: HTML shell",
    ),
    Page("Ticket list, all tickets, page 500", "/helpdesk/?queue=all&page=500", Role.TECHNICIAN, kind="list"),
    Page("Ticket list, filtered", "/helpdesk/?queue=all&status=closed&priority=2", Role.TECHNICIAN, kind="list"),
    Page("Ticket list: staff member", "/helpdesk/", Role.STAFF, kind="list"),
    Page("Ticket list: head of department", "/helpdesk/", Role.HOD, kind="list"),
    Page(
        "Ticket page",
        showcase_ticket_url,
        Role.TECHNICIAN,
        kind="detail",
        p95_ms=100,
        gzip_kb=60,
        peer="django-helpdesk ticket page (12 follow-ups)",
    ),
    Page("Ticket page: the requester", own_ticket_url, Role.STAFF, kind="detail", p95_ms=100, gzip_kb=60),
    Page("Ticket search", "/helpdesk/?queue=all&q=printa", Role.TECHNICIAN, kind="search", p95_ms=200),
    Page(
        "Ticket search, two words", "/helpdesk/?queue=all&q=muse+password", Role.TECHNICIAN, kind="search", p95_ms=200
    ),
    Page("Helpdesk reports", "/helpdesk/reports/", Role.MANAGEMENT, kind="report"),
    Page("Knowledge base", "/helpdesk/kb/", ANONYMOUS, kind="public"),
    Page("File a ticket: the form", "/helpdesk/new/?subject=Printa+inakwama", Role.STAFF),
    # policies/: the public list and a policy, search, my policies, the officer's and oversight's pages.
    Page("Policies", "/policies/", ANONYMOUS, kind="public"),
    Page("Policy page", first_policy_url, ANONYMOUS, kind="public", first_load_kb=150, throughput=True),
    Page("Policy page: staff member", first_policy_url, Role.STAFF, kind="detail"),
    Page("A superseded version", superseded_version_url, ANONYMOUS, kind="public"),
    Page("Policy search", "/policies/?q=nywila", ANONYMOUS, kind="search", p95_ms=200),
    Page("My policies", "/policies/mine/", Role.STAFF, kind="list"),
    Page("Policy workflow", "/policies/workflow/", Role.ICT_OFFICER, kind="list"),
    Page("Policy compliance", "/policies/compliance/", Role.MANAGEMENT, kind="report"),
    Page("Policy compliance: head of department", "/policies/compliance/", Role.HOD, kind="report"),
    Page("Policy exceptions", "/policies/exceptions/", Role.ICT_OFFICER, kind="list"),
    Page("Policy reviews", "/policies/reviews/", Role.ICT_OFFICER, kind="list"),
    # risk/: the register, one risk, the heat map, actions, acceptances, the quarterly report.
    Page("Risk register", "/risk/", Role.ICT_OFFICER, kind="list"),
    Page("Risk register, searched", "/risk/?q=nakala", Role.ICT_OFFICER, kind="search", p95_ms=200),
    Page("A risk (longest history)", busiest_risk_url, Role.ICT_OFFICER, kind="detail"),
    Page("Risk heat map", "/risk/heatmap/", Role.MANAGEMENT, kind="report"),
    Page("Risk actions", "/risk/actions/", Role.ICT_OFFICER, kind="list"),
    Page("Risk acceptances", "/risk/acceptances/", Role.MANAGEMENT, kind="list"),
    Page("Risk report (quarter)", "/risk/reports/", Role.MANAGEMENT, kind="report"),
]

ACTIONS = [
    Action(
        "Save own profile",
        "/accounts/profile/",
        Role.STAFF,
        fields=lambda n: {"job_title": f"Afisa Muuguzi daraja la {n % 3 + 1}"},
    ),
    Action(
        "File a ticket",
        "/helpdesk/new/?subject=Printa+inakwama",
        Role.STAFF,
        fields=ticket_fields,
        files=small_attachment,
        kind="filing",
        p95_ms=250,
    ),
    Action(
        "Approve a risk acceptance",
        nth_proposed_acceptance_url,
        Role.MANAGEMENT,
        fields=lambda n: {"note": f"Imeidhinishwa na Menejimenti ({n})."},
        kind="approval",
    ),
    Action(
        "Approve a requisition",
        nth_reviewed_requisition_url,
        Role.MANAGEMENT,
        fields=lambda n: {"comment": f"Imeidhinishwa; fedha zipo kwenye bajeti ({n})."},
        post_url=nth_reviewed_requisition_approve_url,
        kind="approval",
    ),
]

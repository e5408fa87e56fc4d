"""Procurement at benchmark scale: budget lines, 2,000 requisitions at every stage, their orders and deliveries.

Every department (the ICT unit among them) gets budget lines for this fiscal year and the last one.
Requisitions are spread over the departments and over every status of `RequisitionStatus`; each one
carries the history its status implies (drafted, submitted by the requester, endorsed by the head,
reviewed by an ICT officer, approved by management, ordered, received, closed; or returned, rejected
or cancelled on the way), with some return-and-resubmit loops so a few have a long history. Ordered
ones have a purchase order (KDC/LPO/<year>/<nnn>) with a line per requisition line; received ones have
goods received notes (GRN-<year>-<nnnn>). References PR-<year>-<nnnn> and GRN-<year>-<nnnn> are numbered
per year in creation order, and the sequences are moved past them. Budget amounts are drawn above what
is charged to each line, so the "Approve a requisition" action never runs out of money. Units received
are not registered as assets here (the asset register has its own generator).
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.utils import timezone

from bench import corpus
from bench.bulk import advance_reference_sequences, analyze, copy_rows, reset_sequence
from kilombero_ict.fiscal import FiscalYear
from kilombero_ict.models import Department, ReferenceSequence, User
from kilombero_ict.roles import ROLE_GROUPS, Role

REQUIRES = ("assets.Requisition", "assets.RequisitionEvent", "assets.PurchaseOrder", "assets.GoodsReceipt")

# Share of the requisitions at each final status; besides these, 7% (at least MIN_AWAITING_APPROVAL) wait
# for management's approval ("reviewed").
STATUSES = [
    ("draft", 6),
    ("returned", 4),
    ("submitted", 6),
    ("endorsed", 5),
    ("approved", 5),
    ("ordered", 8),
    ("partly_received", 3),
    ("received", 10),
    ("closed", 32),
    ("rejected", 7),
    ("cancelled", 7),
]
# Statuses still moving: raised in the last weeks. The others may be up to two fiscal years old.
OPEN = {"draft", "returned", "submitted", "endorsed", "reviewed", "approved", "ordered", "partly_received"}
# Management's approval action takes a fresh "reviewed" requisition per submission (warm-up + rounds = 65).
MIN_AWAITING_APPROVAL = 100
# Departments that buy more than the others (the rest share the remaining weight evenly).
BUSY_DEPARTMENTS = {"AFYA": 8, "ELIMU-MSINGI": 5, "ELIMU-SEK": 5, "TEHAMA": 6, "FEDHA": 3, "UTAWALA": 3}

# Category (English) -> (descriptions, unit price range in TSh with VAT, quantities)
THINGS = {
    "Laptops": (["Kompyuta mpakato inchi 14, Core i5, 8 GB", "Kompyuta mpakato ya afisa"], (1_700_000, 2_600_000), 4),
    "Desktop computers": (
        ["Kompyuta ya mezani, Core i5, 8 GB", "Kompyuta ya mezani ya mapokezi"],
        (1_400_000, 2_000_000),
        6,
    ),
    "Printers": (["Printa ya leza, duplex, mtandao", "Printa ya rangi"], (650_000, 1_500_000), 2),
    "Scanners": (["Skana ya nyaraka", "Skana ya haraka yenye ADF"], (700_000, 1_200_000), 2),
    "UPS units": (["UPS 1500VA", "UPS 650VA ya kompyuta"], (250_000, 600_000), 6),
    "Routers": (["Ruta ya ofisi", "Ruta ya 4G kwa kituo"], (150_000, 450_000), 2),
    "Network switches": (["Swichi ya mtandao 24 port", "Swichi ya mtandao 8 port"], (120_000, 1_300_000), 2),
    "Projectors": (["Projekta 3600 lumens", "Projekta ya ukumbi"], (1_200_000, 1_800_000), 1),
    "Tablets": (["Tableti inchi 10 kwa takwimu", "Tableti ya ukusanyaji wa data"], (500_000, 800_000), 10),
    "Servers": (["Seva ya hifadhi ya nakala", "Seva ya mifumo"], (9_000_000, 15_000_000), 1),
    "Toner and ink": (["Tona ya printa", "Wino wa printa"], (40_000, 220_000), 12),
    "Cables and connectors": (["Nyaya za mtandao Cat6 (boksi)", "Viunganishi RJ45"], (20_000, 250_000), 10),
    "Spare parts": (["Betri ya UPS", "Kibodi na kipanya"], (30_000, 180_000), 8),
}
CATEGORY_WEIGHTS = {
    "Laptops": 20,
    "Desktop computers": 18,
    "Printers": 10,
    "Scanners": 4,
    "UPS units": 10,
    "Routers": 3,
    "Network switches": 3,
    "Projectors": 3,
    "Tablets": 5,
    "Servers": 1,
    "Toner and ink": 12,
    "Cables and connectors": 6,
    "Spare parts": 5,
}
PURPOSES = [
    "Kompyuta kwa watumishi wapya wa {dept}.",
    "Kubadilisha vifaa vilivyochakaa, {dept}.",
    "Vifaa vya TEHAMA kwa mfumo wa GoT-HoMIS, {dept}.",
    "Printa na tona kwa ofisi za {dept}.",
    "UPS kwa kompyuta zinazozimika umeme ukikatika, {dept}.",
    "Vifaa vya mtandao kwa jengo la {dept}.",
    "Tableti kwa ukusanyaji wa takwimu, {dept}.",
    "Projekta kwa mafunzo na vikao vya {dept}.",
]
COMMENTS = {
    "submitted": ["", "Naomba kuidhinishwa.", "Imewasilishwa kwa mkuu wa idara."],
    "endorsed": ["Inahitajika kwa kazi za kila siku.", "Naunga mkono.", ""],
    "reviewed": ["Napendekeza kiidhinishwe.", "Vipimo vimehakikiwa; napendekeza kiidhinishwe."],
    "approved": ["Imeidhinishwa.", "Imeidhinishwa; fedha zipo kwenye bajeti.", ""],
    "returned": ["Taja idadi na matumizi kwa undani.", "Ambatisha nukuu ya bei.", "Punguza idadi ya vifaa."],
    "rejected": ["Tayari kuna vifaa vinavyofanya kazi.", "Bajeti haitoshi mwaka huu.", "Haikidhi vipaumbele."],
    "cancelled": ["Haitahitajika tena.", "Tutatumia vifaa vilivyopo.", "Imeunganishwa na ombi jingine."],
    "closed": ["Malipo yamekamilika.", ""],
    "partly_received": ["Sehemu ya vifaa imepokelewa.", ""],
    "received": ["Vifaa vyote vimepokelewa.", ""],
}
SPECIFICATION = "Vipimo vimehakikiwa na Kitengo cha TEHAMA; vinaendana na mifumo ya Serikali."
FUNDING_SOURCES = ["own_source", "central_government", "development_partner"]
CENT = Decimal("0.01")
THOUSAND = Decimal("1000")


def _round_thousand(value: Decimal) -> Decimal:
    return (value / THOUSAND).quantize(Decimal("1"), rounding=ROUND_HALF_UP) * THOUSAND


def _people():
    """Usernames -> ids, and ids of people per role (heads per department)."""
    groups = {role: ROLE_GROUPS[role] for role in (Role.HOD, Role.ICT_OFFICER, Role.TECHNICIAN, Role.MANAGEMENT)}
    by_role = {role: [] for role in groups}
    heads: dict[int, list[int]] = {}
    for user_id, department_id, group in (
        User.objects.filter(is_active=True, groups__name__in=groups.values())
        .order_by("id")
        .values_list("id", "department_id", "groups__name")
    ):
        for role, name in groups.items():
            if name == group:
                by_role[role].append(user_id)
                if role == Role.HOD and department_id:
                    heads.setdefault(department_id, []).append(user_id)
    return by_role, heads


def _path(final: str, rng) -> list[str]:
    """The statuses a requisition went through to reach `final`, starting at draft."""
    forward = ["draft", "submitted", "endorsed", "reviewed", "approved", "ordered"]
    loops = 0
    if final not in ("draft",) and rng.random() < 0.2:
        loops = rng.choice((1, 1, 2, 3))

    def returned_loop(path):
        # sent back at the head's or the ICT review, changed and submitted again
        path += ["submitted"] if rng.random() < 0.5 else ["submitted", "endorsed"]
        path += ["returned"]
        return path

    path = ["draft"]
    for _ in range(loops):
        path = returned_loop(path)
    if final == "draft":
        return path
    if final == "returned":
        if path[-1] != "returned":
            path = returned_loop(path)
        return path
    if final == "rejected":
        # the head, the ICT review or management says no at their step
        stop = rng.choice(("submitted", "endorsed", "reviewed"))
        return [*path, *forward[1 : forward.index(stop) + 1], "rejected"]
    if final == "cancelled":
        # the requester withdraws it at any step before it is ordered
        stop = rng.choice(("draft", "submitted", "endorsed", "reviewed", "approved"))
        return [*path, *forward[1 : forward.index(stop) + 1], "cancelled"]
    if final in forward:
        return path + forward[1 : forward.index(final) + 1]
    path += forward[1:]
    if final == "partly_received":
        return [*path, "partly_received"]
    path += ["partly_received", "received"] if rng.random() < 0.25 else ["received"]
    if final == "closed":
        path.append("closed")
    return path


def generate(scale, rng):
    from assets.models import (
        AssetModel,
        BudgetLine,
        Category,
        ConsumableItem,
        GoodsReceipt,
        GoodsReceiptLine,
        PurchaseOrder,
        PurchaseOrderLine,
        Requisition,
        RequisitionEvent,
        RequisitionLine,
        Supplier,
    )

    run = corpus.current_run()
    anchor = run.anchor
    tz = timezone.get_current_timezone()
    n_requisitions = corpus.scaled_count(2000, scale, minimum=300)

    departments = list(Department.objects.order_by("id").values_list("id", "code", "name_sw"))
    by_role, heads = _people()
    management = list(by_role[Role.MANAGEMENT])
    officers = by_role[Role.ICT_OFFICER] or management
    ict = officers + by_role[Role.TECHNICIAN]
    ids = dict(User.objects.values_list("username", "id"))
    manager = ids.get("manager")
    # Requesters: anybody of the department but the management accounts (the approval action's
    # account must never be the requester of a requisition waiting for it).
    members: dict[int, list[int]] = {}
    for user_id, department_id in User.objects.filter(is_active=True).order_by("id").values_list("id", "department_id"):
        if department_id and user_id not in management:
            members.setdefault(department_id, []).append(user_id)
    departments = [d for d in departments if members.get(d[0])]
    names = {d[0]: d[2] for d in departments}
    home = {
        user_id: (department_id, names[department_id])
        for department_id, people in members.items()
        if department_id in names
        for user_id in people
    }
    favourites = [
        ids[name] for name in ("staff.health", "hod.health", "staff.finance", "technician") if ids.get(name) in home
    ]
    categories = {
        name: (pk, tracked)
        for pk, name, tracked in Category.objects.values_list("id", "name_en", "tracked_individually")
    }
    category_names = [c for c in CATEGORY_WEIGHTS if c in categories]
    category_weights = [CATEGORY_WEIGHTS[c] for c in category_names]
    models_by_category: dict[int, list[int]] = {}
    for pk, category_id in AssetModel.objects.order_by("id").values_list("id", "category_id"):
        models_by_category.setdefault(category_id, []).append(pk)
    items_by_category: dict[int, list[int]] = {}
    for pk, category_id in ConsumableItem.objects.order_by("id").values_list("id", "category_id"):
        items_by_category.setdefault(category_id, []).append(pk)
    suppliers = list(Supplier.objects.order_by("id").values_list("id", "name"))
    if not suppliers:
        suppliers = [
            (Supplier.objects.create(name="Kilombero Computer Solutions Ltd").pk, "Kilombero Computer Solutions Ltd")
        ]

    this_year = FiscalYear.of(anchor.astimezone(tz).date())
    last_year = FiscalYear(this_year.start_year - 1)
    history_start = timezone.make_aware(dt.datetime.combine(last_year.start, dt.time(8, 0)), tz)

    # 1. Which final status each requisition has, in creation order later.
    statuses = [s for s, _ in STATUSES]
    weights = [w for _, w in STATUSES]
    finals = ["reviewed"] * max(MIN_AWAITING_APPROVAL, round(n_requisitions * 0.07))
    finals += rng.choices(statuses, weights, k=n_requisitions - len(finals))
    rng.shuffle(finals)
    dept_weights = [BUSY_DEPARTMENTS.get(code, 1) for _, code, _ in departments]

    drafts = []  # (created_at, department_id, requester, final, [(status, at, actor, comment)], lines)
    for i, final in enumerate(finals):
        department_id, code, name = rng.choices(departments, dept_weights)[0]
        requester = rng.choice(members[department_id])
        if i % 40 == 0 and favourites:
            # the demo accounts raise a few, so "My requisitions" and the head's department list have rows
            requester = favourites[(i // 40) % len(favourites)]
            department_id, name = home[requester]
        path = _path(final, rng)
        gaps = [dt.timedelta(hours=rng.randrange(2, 24 * 6)) for _ in path[1:]]
        span = sum(gaps, dt.timedelta())
        if final in OPEN:
            latest_start = anchor - span - dt.timedelta(hours=1)
            earliest = max(history_start, latest_start - dt.timedelta(days=75))
        else:
            latest_start = anchor - span - dt.timedelta(days=3)
            earliest = history_start
        room = max(0, int((latest_start - earliest).total_seconds()))
        created = earliest + dt.timedelta(seconds=rng.randrange(0, room + 1))
        created = min(created, anchor - span - dt.timedelta(minutes=30))
        head = heads.get(department_id) or management
        at = created
        events = [("", "draft", at, requester, "")]
        for status, gap in zip(path[1:], gaps, strict=True):
            at = at + gap
            previous = events[-1][1]
            if status == "submitted":
                actor = requester
            elif status == "endorsed":
                actor = rng.choice([h for h in head if h != requester] or management)
            elif status in ("reviewed", "ordered", "closed"):
                actor = rng.choice([o for o in officers if o != requester] or management)
            elif status == "approved":
                actor = rng.choice([m for m in management if m != requester] or officers)
            elif status in ("partly_received", "received"):
                actor = rng.choice(ict)
            elif status == "cancelled":
                actor = requester
            else:  # returned, rejected: whoever decided at that step
                actor = {
                    "submitted": rng.choice([h for h in head if h != requester] or management),
                    "endorsed": rng.choice(officers),
                    "reviewed": manager or rng.choice(management),
                }.get(previous, rng.choice(officers))
            comment = rng.choice(COMMENTS.get(status, [""]))
            events.append((previous, status, at, actor, comment))
        n_lines = rng.choice((1, 1, 1, 2, 2, 3, 4, 5))
        lines = []
        for _ in range(n_lines):
            category = rng.choices(category_names, category_weights)[0]
            texts, (low, high), most = THINGS[category]
            price = Decimal(rng.randrange(low, high + 1, 5000))
            lines.append([rng.choice(texts), category, rng.randint(1, most), price])
        if "partly_received" in path and sum(line[2] for line in lines) < 2:
            lines[0][2] = 2  # a partial delivery leaves something to come
        drafts.append((created, department_id, requester, final, events, lines, name))
    drafts.sort(key=lambda d: d[0])

    # 2. Budget lines: every department, this year and last, one or two funding sources. Amounts are
    #    filled in after the requisitions are charged, so each line covers what is charged to it.
    budget = {}  # (year label, department id) -> [budget line ids]
    budget_rows = []
    budget_id = 0
    for department_id, code, _name in Department.objects.order_by("id").values_list("id", "code", "name_sw"):
        sources = ["own_source"] + (
            [rng.choice(FUNDING_SOURCES[1:])] if code in BUSY_DEPARTMENTS or rng.random() < 0.3 else []
        )
        for year in (this_year, last_year):
            for source in sources:
                budget_id += 1
                budget.setdefault((year.label, department_id), []).append(budget_id)
                budget_rows.append([budget_id, year.label, department_id, source, Decimal("0"), "Vifaa vya TEHAMA"])
    charged: dict[int, Decimal] = {}

    # 3. Requisitions, lines, events, orders, deliveries.
    requisition_rows, line_rows, event_rows = [], [], []
    order_rows, order_line_rows, receipt_rows, receipt_line_rows = [], [], [], []
    pr_counters: dict[int, int] = {}
    grn_counters: dict[int, int] = {}
    lpo_counters: dict[int, int] = {}
    line_id = order_id = order_line_id = 0
    receipts = []  # (received_on, created_at, payload) numbered after sorting by time
    for requisition_id, (created, department_id, requester, final, events, lines, name) in enumerate(drafts, 1):
        local = timezone.localtime(created, tz)
        pr_counters[local.year] = pr_counters.get(local.year, 0) + 1
        reference = f"PR-{local.year}-{pr_counters[local.year]:04d}"
        year_label = FiscalYear.of(local.date()).label
        options = budget.get((year_label, department_id), [])
        budget_line = rng.choice(options) if options else None
        if final == "draft" and rng.random() < 0.3:
            budget_line = None  # a draft may not have chosen its budget line yet
        reached = {e[1] for e in events}
        specification = SPECIFICATION if "reviewed" in reached else ""
        recommendation = "approve" if "reviewed" in reached else ""
        reason = events[-1][4] if final in ("rejected", "cancelled") else ""
        if final == "rejected" and not reason:
            reason = COMMENTS["rejected"][0]
        requisition_rows.append(
            (
                requisition_id,
                reference,
                department_id,
                requester,
                rng.choice(PURPOSES).format(dept=name),
                (local + dt.timedelta(days=rng.randrange(30, 120))).date(),
                budget_line,
                final,
                specification,
                recommendation,
                reason,
                created,
                events[-1][2],
            )
        )
        estimate = Decimal("0")
        my_lines = []
        for description, category, quantity, price in lines:
            line_id += 1
            line_rows.append((line_id, requisition_id, description, categories[category][0], quantity, price))
            my_lines.append((line_id, description, category, quantity, price))
            estimate += quantity * price
        if budget_line:
            charged[budget_line] = charged.get(budget_line, Decimal("0")) + estimate
        for from_status, to_status, at, actor, comment in events:
            event_rows.append((requisition_id, actor, at, from_status, to_status, comment))
        if "ordered" not in reached:
            continue
        ordered_at = next(e[2] for e in events if e[1] == "ordered")
        order_day = timezone.localtime(ordered_at, tz).date()
        order_year = FiscalYear.of(order_day).start_year
        lpo_counters[order_year] = lpo_counters.get(order_year, 0) + 1
        supplier_id, _supplier = rng.choice(suppliers)
        order_id += 1
        lpo = f"KDC/LPO/{order_year}/{lpo_counters[order_year]:03d}"
        order_rows.append(
            (
                order_id,
                lpo,
                f"KDC/NeST/RFQ/{order_year}/{lpo_counters[order_year]:03d}",
                requisition_id,
                supplier_id,
                order_day,
                order_day + dt.timedelta(days=rng.randrange(7, 45)),
                Decimal("18.00"),
                "",
                next(e[3] for e in events if e[1] == "ordered"),
                ordered_at,
            )
        )
        my_order_lines = []
        for req_line_id, description, category, quantity, price in my_lines:
            category_id, tracked = categories[category]
            asset_model = item = None
            if tracked:
                asset_model = rng.choice(models_by_category.get(category_id) or [None])
            else:
                item = rng.choice(items_by_category.get(category_id) or [None])
            unit_price = _round_thousand(price / Decimal("1.18") * Decimal(rng.uniform(0.85, 1.0)))
            order_line_id += 1
            order_line_rows.append(
                (
                    order_line_id,
                    order_id,
                    req_line_id,
                    description,
                    quantity,
                    unit_price,
                    asset_model,
                    item,
                    24 if tracked else 0,
                )
            )
            my_order_lines.append((order_line_id, quantity, tracked))
        # Deliveries: at the "partly received" and "received" events.
        deliveries = [e for e in events if e[1] in ("partly_received", "received")]
        remaining = {ol[0]: ol[1] for ol in my_order_lines}
        for _from, status, at, actor, _comment in deliveries:
            if status == "received":
                got = [(ol_id, remaining[ol_id], tracked) for ol_id, _q, tracked in my_order_lines if remaining[ol_id]]
            else:
                # part of the units arrive: at least one, never all
                units = rng.randint(1, sum(remaining.values()) - 1)
                got = []
                for ol_id, _q, tracked in my_order_lines:
                    take = min(units, remaining[ol_id])
                    if take:
                        got.append((ol_id, take, tracked))
                        remaining[ol_id] -= take
                        units -= take
            if status == "received":
                remaining = dict.fromkeys(remaining, 0)
            received_on = timezone.localtime(at, tz).date()
            last = status == "received"
            settled = final == "closed" or (last and rng.random() < 0.4)
            invoiced = settled or last or rng.random() < 0.5
            receipts.append((at, order_id, received_on, actor, invoiced, settled, got))
    # Goods received notes numbered per year in the order they were recorded.
    receipts.sort(key=lambda r: r[0])
    for receipt_id, (at, order, received_on, actor, invoiced, settled, got) in enumerate(receipts, 1):
        year = timezone.localtime(at, tz).year
        grn_counters[year] = grn_counters.get(year, 0) + 1
        receipt_rows.append(
            (
                receipt_id,
                f"GRN-{year}-{grn_counters[year]:04d}",
                order,
                received_on,
                f"DN-{rng.randrange(1000, 9999)}",
                "Kamati ya ukaguzi na upokeaji imekagua na kupokea vifaa.",
                f"INV-{rng.randrange(10000, 99999)}" if invoiced else "",
                f"PV/{received_on.year}/{receipt_id:05d}" if settled else "",
                received_on + dt.timedelta(days=rng.randrange(3, 20)) if settled else None,
                actor,
                at,
            )
        )
        for ol_id, quantity, tracked in got:
            serials = [f"SN{receipt_id:05d}{ol_id:05d}{u:02d}" for u in range(quantity)] if tracked else []
            receipt_line_rows.append((receipt_id, ol_id, quantity, serials))
    # Paid dates never after "now".
    today = timezone.localtime(anchor, tz).date()
    receipt_rows = [(*r[:8], min(r[8], today) if r[8] else None, *r[9:]) for r in receipt_rows]

    for row in budget_rows:
        used = charged.get(row[0], Decimal("0"))
        row[4] = _round_thousand(used * Decimal(rng.uniform(1.25, 1.8)) + Decimal(rng.randrange(2, 20) * 1_000_000))

    n_budget = copy_rows(
        connection,
        BudgetLine,
        ["id", "fiscal_year", "department", "funding_source", "amount", "description"],
        (tuple(r) for r in budget_rows),
    )
    n_requisitions = copy_rows(
        connection,
        Requisition,
        [
            "id",
            "reference",
            "department",
            "requested_by",
            "purpose",
            "required_by",
            "budget_line",
            "status",
            "specification",
            "recommendation",
            "reason",
            "created_at",
            "updated_at",
        ],
        requisition_rows,
    )
    n_lines = copy_rows(
        connection,
        RequisitionLine,
        ["id", "requisition", "description", "category", "quantity", "estimated_unit_price"],
        line_rows,
    )
    n_events = copy_rows(
        connection, RequisitionEvent, ["requisition", "actor", "at", "from_status", "to_status", "comment"], event_rows
    )
    n_orders = copy_rows(
        connection,
        PurchaseOrder,
        [
            "id",
            "lpo_number",
            "nest_reference",
            "requisition",
            "supplier",
            "order_date",
            "expected_delivery",
            "vat_rate",
            "notes",
            "created_by",
            "created_at",
        ],
        order_rows,
    )
    n_order_lines = copy_rows(
        connection,
        PurchaseOrderLine,
        [
            "id",
            "order",
            "requisition_line",
            "description",
            "quantity",
            "unit_price",
            "asset_model",
            "consumable_item",
            "warranty_months",
        ],
        order_line_rows,
    )
    n_receipts = copy_rows(
        connection,
        GoodsReceipt,
        [
            "id",
            "reference",
            "order",
            "received_on",
            "delivery_note",
            "committee_note",
            "invoice_number",
            "payment_voucher",
            "paid_on",
            "received_by",
            "created_at",
        ],
        receipt_rows,
    )
    n_receipt_lines = copy_rows(
        connection, GoodsReceiptLine, ["receipt", "order_line", "quantity", "serial_numbers"], receipt_line_rows
    )
    for model in (BudgetLine, Requisition, RequisitionLine, RequisitionEvent, PurchaseOrder, PurchaseOrderLine):
        reset_sequence(connection, model)
    reset_sequence(connection, GoodsReceipt)
    reset_sequence(connection, GoodsReceiptLine)
    advance_reference_sequences(
        connection,
        {
            **{f"PR-{year}": last for year, last in pr_counters.items()},
            **{f"GRN-{year}": last for year, last in grn_counters.items()},
        },
    )
    analyze(
        connection,
        BudgetLine,
        Requisition,
        RequisitionLine,
        RequisitionEvent,
        PurchaseOrder,
        PurchaseOrderLine,
        GoodsReceipt,
        GoodsReceiptLine,
        ReferenceSequence,
    )
    return {
        "budget lines": n_budget,
        "requisitions": n_requisitions,
        "requisition lines": n_lines,
        "requisition events": n_events,
        "purchase orders": n_orders,
        "order lines": n_order_lines,
        "goods received notes": n_receipts,
        "received lines": n_receipt_lines,
    }

"""The asset register at benchmark scale: 20,000 assets with 100,000 events, 5,000 consumable movements, licences.

The catalogue (categories, manufacturers, models, suppliers) is the demo council's, made through
`assets.demo.DemoCouncil.catalogue` (a few dozen rows), plus more models per category so lists and
reports group over a realistic catalogue. Assets are copied in with explicit ids; tags follow the
register's pattern (KDC/ICT/<year>/<number>) numbered per purchase year, and the tag sequences are
moved past them so the next registration continues after the generated numbers. Each asset's
timeline is consistent with its final status and holder (a deployed asset was registered, then
checked out to its holder; a disposed one was retired first and has its disposal record).
Consumable ledgers keep a running balance that never goes below zero, as the services would.
"""

import datetime as dt
import secrets
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from bench import corpus
from bench.bulk import advance_reference_sequences, analyze, copy_rows, reset_sequence
from kilombero_ict.models import Department, Location, OrganisationProfile, ReferenceSequence, User

REQUIRES = ("assets.Asset", "assets.AssetEvent", "assets.ConsumableMovement", "assets.SoftwareLicence")

# Extra models per category (name, model number) beside the demo's, so the catalogue has some breadth.
EXTRA_MODELS = {
    "Laptops": [
        ("HP", "EliteBook 840 G8", "3G2J1EA"),
        ("Lenovo", "IdeaPad 3 15", "82H8"),
        ("Dell", "Vostro 3520", "V3520"),
    ],
    "Desktop computers": [("Lenovo", "ThinkCentre M70t", "11DA"), ("HP", "EliteDesk 800 G6", "1D2X9EA")],
    "Printers": [("HP", "LaserJet M211dw", "9YF83A"), ("Canon", "i-SENSYS MF445dw", "3514C007")],
    "Scanners": [("Epson", "WorkForce DS-530 II", "B11B261401")],
    "UPS units": [("APC", "Easy UPS 650VA", "BVX650I")],
    "Routers": [("TP-Link", "Archer AX23", "AX1800"), ("MikroTik", "hAP ac2", "RBD52G")],
    "Network switches": [("TP-Link", "TL-SG108", "TL-SG108")],
    "Projectors": [("Epson", "EB-E01", "V11H971040")],
    "Tablets": [("Samsung", "Galaxy Tab A9+", "SM-X216")],
    "Servers": [("HP", "ProLiant DL380 Gen10", "P20174-B21")],
}
# How often each category appears among the assets (laptops and desktops dominate a council's register).
CATEGORY_WEIGHTS = {
    "Laptops": 30,
    "Desktop computers": 28,
    "Printers": 12,
    "Scanners": 4,
    "UPS units": 12,
    "Routers": 3,
    "Network switches": 2,
    "Projectors": 2,
    "Tablets": 6,
    "Servers": 1,
}
STATUSES = [
    ("deployed", 66),
    ("in_store", 12),
    ("in_repair", 4),
    ("lost", 2),
    ("retired", 10),
    ("disposed", 6),
]
FUNDING = ["own_source", "central_government", "development_partner", "donation", "own_source", "central_government"]
NAMES = [
    "Kompyuta ya mapokezi",
    "Laptop ya DMO",
    "Kompyuta ya mhasibu",
    "Printa ya ofisi",
    "UPS ya seva",
    "Laptop ya afisa elimu",
    "Kompyuta ya masjala",
    "",
    "",
    "",
]
EXTRA_CONSUMABLES = 40
LICENCE_PRODUCTS = [
    ("Microsoft 365 Business Basic", "Microsoft", "subscription"),
    ("Windows 11 Pro", "Microsoft", "oem"),
    ("Kaspersky Small Office Security", "Kaspersky", "subscription"),
    ("Adobe Acrobat Reader Pro", "Adobe", "subscription"),
    ("Microsoft Visio Standard", "Microsoft", "perpetual"),
    ("Microsoft Project Standard", "Microsoft", "perpetual"),
]


def _catalogue(rng):
    from assets.demo import MODELS, DemoCouncil
    from assets.models import AssetModel, Category, Manufacturer

    council = DemoCouncil()
    council.catalogue()
    categories = {c.name_en: c for c in Category.objects.all()}
    makers = {m.name: m for m in Manufacturer.objects.all()}
    for category, models in EXTRA_MODELS.items():
        for maker, name, number in models:
            AssetModel.objects.get_or_create(
                category=categories[category], manufacturer=makers[maker], name=name, model_number=number
            )
    by_category = {}
    for model_id, category_name, life in AssetModel.objects.values_list(
        "id", "category__name_en", "category__default_useful_life_years"
    ):
        by_category.setdefault(category_name, []).append((model_id, life))
    prices = {}
    for key, _category, _maker, _name, _number, price in MODELS:
        prices[council.models[key].id] = price
    return council, by_category, prices


def _tag_prefix():
    from assets.models import RegisterSettings
    from assets.services.tags import series_key

    pattern = RegisterSettings.current().tag_pattern
    org = OrganisationProfile.current().short_name or "KDC"
    return pattern, org, series_key


def generate(scale, rng):
    from assets.models import (
        Asset,
        AssetEvent,
        ConsumableItem,
        ConsumableMovement,
        Disposal,
        LicenceAssignment,
        SoftwareLicence,
        Supplier,
    )

    run = corpus.current_run()
    today = run.anchor.date()
    n_assets = corpus.scaled_count(20000, scale, minimum=200)
    n_events = corpus.scaled_count(100000, scale, minimum=1000)
    n_movements = corpus.scaled_count(5000, scale, minimum=100)

    council, models_by_category, prices = _catalogue(rng)
    supplier_ids = list(Supplier.objects.values_list("id", flat=True))
    users = list(User.objects.order_by("id").values_list("id", "username", "department_id"))
    user_ids = [u[0] for u in users]
    ids = {u[1]: u[0] for u in users}
    officer, technician = ids["ictofficer"], ids["technician"]
    departments = list(Department.objects.order_by("id").values_list("id", flat=True))
    locations = list(Location.objects.order_by("id").values_list("id", "department_id"))
    store = council.store.id if council.store else None
    pattern, org, series_key = _tag_prefix()
    tz = timezone.get_current_timezone()

    categories = list(CATEGORY_WEIGHTS)
    weights = [CATEGORY_WEIGHTS[c] for c in categories]
    statuses = [s for s, _ in STATUSES]
    status_weights = [w for _, w in STATUSES]
    # The demo accounts hold a few assets each, so "My equipment" and the department views have rows.
    favourites = [ids[name] for name in ("staff.health", "hod.health", "staff.finance", "manager", "auditor")]

    # 1. Draw every asset first (in memory), so the tags can be numbered in purchase order per year.
    drafts = []
    for _ in range(n_assets):
        category = rng.choices(categories, weights)[0]
        model_id, life = rng.choice(models_by_category[category])
        purchased = today - dt.timedelta(days=rng.randrange(20, 9 * 365))
        status = rng.choices(statuses, status_weights)[0]
        drafts.append((purchased, category, model_id, life, status))
    drafts.sort(key=lambda d: d[0])

    counters: dict[int, int] = {}
    assets = []  # (id, created_at, status, holder tuple, department, location)
    rows = []
    for asset_id, (purchased, _category, model_id, _life, status) in enumerate(drafts, start=1):
        counters[purchased.year] = counters.get(purchased.year, 0) + 1
        tag = pattern.format(org=org, year=purchased.year, number=counters[purchased.year])
        low, high = prices.get(model_id, (400_000, 2_500_000))
        cost = Decimal(rng.randrange(low, high + 1, 5000))
        location_id, location_department = rng.choice(locations)
        department_id = location_department or rng.choice(departments)
        holder_user = holder_department = holder_location = None
        due_back = None
        if status == "deployed" or (status == "in_repair" and rng.random() < 0.5):
            roll = rng.random()
            if asset_id % 997 == 0 or roll < 0.003:
                holder_user = rng.choice(favourites)
            elif roll < 0.55:
                holder_user = rng.choice(user_ids)
            elif roll < 0.8:
                holder_department = department_id
            else:
                holder_location = location_id
            if holder_user and rng.random() < 0.06:
                due_back = today + dt.timedelta(days=rng.randrange(-20, 30))
        if status in ("in_store", "retired", "disposed", "lost") and store and rng.random() < 0.7:
            location_id = store
        created_at = timezone.make_aware(dt.datetime.combine(purchased, dt.time(9, 0)), tz) + dt.timedelta(
            days=rng.randrange(1, 15), minutes=rng.randrange(0, 400)
        )
        created_at = min(created_at, run.anchor - dt.timedelta(hours=1))
        assets.append(
            (
                asset_id,
                created_at,
                status,
                (holder_user, holder_department, holder_location),
                department_id,
                location_id,
            )
        )
        rows.append(
            (
                asset_id,
                tag,
                rng.choice(NAMES),
                f"SN{asset_id:06d}{secrets.token_hex(3).upper()}",
                model_id,
                "",
                status,
                due_back,
                department_id,
                location_id,
                rng.choice(supplier_ids) if supplier_ids else None,
                purchased,
                cost,
                f"LPO/KDC/{purchased.year}/{rng.randrange(1, 999):03d}",
                f"INV-{rng.randrange(10000, 99999)}",
                rng.choice(FUNDING),
                purchased + dt.timedelta(days=365 * rng.choice((1, 1, 2, 3))),
                None,
                None,
                "",
                "",
                secrets.token_urlsafe(16),
                created_at,
                created_at,
                rng.choice((officer, technician)),
                holder_user,
                holder_department,
                holder_location,
            )
        )
    n = copy_rows(
        connection,
        Asset,
        [
            "id",
            "tag",
            "name",
            "serial_number",
            "model",
            "description",
            "status",
            "due_back",
            "department",
            "location",
            "supplier",
            "purchase_date",
            "purchase_cost",
            "order_number",
            "invoice_number",
            "funding_source",
            "warranty_end",
            "useful_life_years",
            "end_of_life",
            "notes",
            "photo",
            "label_token",
            "created_at",
            "updated_at",
            "created_by",
            "holder_user",
            "holder_department",
            "holder_location",
        ],
        rows,
    )
    reset_sequence(connection, Asset)
    advance_reference_sequences(connection, {series_key(pattern, org, year): last for year, last in counters.items()})

    # 2. Timelines: the events each final status implies, then "seen in a stocktake" and "details changed"
    #    spread over the asset's life until the total is reached.
    base_events = []
    for asset_id, created_at, status, holder, department_id, _location in assets:
        t = created_at
        base_events.append([asset_id, "registered", "", "in_store", (None, None, None), t])
        if status in ("deployed", "in_repair") or (status in ("lost", "retired", "disposed") and rng.random() < 0.7):
            t = t + dt.timedelta(days=rng.randrange(1, 20))
            out_holder = holder if any(holder) else (None, department_id, None)
            base_events.append([asset_id, "checked_out", "in_store", "deployed", out_holder, t])
            current = "deployed"
        else:
            current = "in_store"
        if status == "in_repair":
            base_events.append([asset_id, "sent_to_repair", current, "in_repair", holder, None])
        elif status == "lost":
            base_events.append([asset_id, "reported_lost", current, "lost", (None, None, None), None])
        elif status == "retired":
            base_events.append([asset_id, "retired", current, "retired", (None, None, None), None])
        elif status == "disposed":
            base_events.append([asset_id, "retired", current, "retired", (None, None, None), None])
            base_events.append([asset_id, "disposed", "retired", "disposed", (None, None, None), None])
        elif status == "in_store" and current == "in_store" and rng.random() < 0.3:
            base_events.append([asset_id, "checked_out", "in_store", "deployed", (None, department_id, None), None])
            base_events.append([asset_id, "checked_in", "deployed", "in_store", (None, department_id, None), None])
    per_asset = {}
    for event in base_events:
        per_asset.setdefault(event[0], []).append(event)
    extra = max(0, n_events - len(base_events))
    info = {a[0]: a for a in assets}
    for _ in range(extra):
        asset_id = rng.randrange(1, n + 1)
        kind = "verified" if rng.random() < 0.7 else "updated"
        per_asset[asset_id].insert(1, [asset_id, kind, "", "", (None, None, None), None])

    def event_rows():
        for asset_id in range(1, n + 1):
            _id, created_at, _status, _holder, department_id, location_id = info[asset_id]
            events = per_asset[asset_id]
            span = max(3600, int((run.anchor - created_at).total_seconds()) - 3600)
            # Times: the registration at creation, the rest in order over the asset's life.
            moments = sorted(rng.randrange(60, span) for _ in range(len(events) - 1))
            for event, offset in zip(events, [0, *moments], strict=True):
                at = event[5] if event[5] and event[5] < run.anchor else created_at + dt.timedelta(seconds=offset)
                user, dept, loc = event[4]
                if event[1] == "verified":
                    details = {"stocktake": f"ST-{at.year}-{rng.randrange(1, 5):03d}", "result": "found"}
                elif event[1] == "updated":
                    details = {"fields": [rng.choice(["name", "notes", "warranty_end", "location"])]}
                else:
                    details = {}
                yield (
                    asset_id,
                    event[1],
                    event[2],
                    event[3],
                    department_id,
                    location_id,
                    rng.choice((officer, technician)),
                    at,
                    "",
                    details,
                    user,
                    dept,
                    loc,
                )

    n_ev = copy_rows(
        connection,
        AssetEvent,
        [
            "asset",
            "kind",
            "from_status",
            "to_status",
            "department",
            "location",
            "actor",
            "at",
            "note",
            "details",
            "holder_user",
            "holder_department",
            "holder_location",
        ],
        event_rows(),
    )
    reset_sequence(connection, AssetEvent)

    disposals = [
        (
            asset_id,
            rng.choice(("auction", "destruction", "donation", "transfer")),
            min(today - dt.timedelta(days=1), created_at.date() + dt.timedelta(days=rng.randrange(900, 3000))),
            f"BoS/KDC/{created_at.year + 5}/{asset_id:05d}",
            "Mkurugenzi Mtendaji (DED)",
            Decimal(rng.randrange(0, 200_000, 5000)),
            "",
            "",
            officer,
            run.anchor - dt.timedelta(days=rng.randrange(1, 600)),
        )
        for asset_id, created_at, status, *_ in assets
        if status == "disposed"
    ]
    copy_rows(
        connection,
        Disposal,
        [
            "asset",
            "method",
            "disposed_on",
            "board_of_survey_reference",
            "approved_by",
            "proceeds",
            "recipient",
            "note",
            "recorded_by",
            "recorded_at",
        ],
        disposals,
    )

    # 3. Consumables: the demo's items and more, each with a ledger that never goes below zero.
    items = _consumable_items(rng, store)
    movements = _movements(rng, items, n_movements, today, officer, user_ids, departments, supplier_ids)
    n_mov = copy_rows(
        connection,
        ConsumableMovement,
        [
            "id",
            "item",
            "kind",
            "quantity",
            "balance_after",
            "occurred_on",
            "supplier",
            "order_number",
            "invoice_number",
            "unit_cost",
            "issued_to_user",
            "issued_to_department",
            "issued_to_asset",
            "department",
            "reason",
            "recorded_by",
            "recorded_at",
        ],
        movements,
    )
    reset_sequence(connection, ConsumableMovement)

    # 4. Licences with seats taken by people and computers.
    n_lic, n_seats = _licences(rng, scale, today, officer, user_ids, n, supplier_ids)

    analyze(
        connection,
        Asset,
        AssetEvent,
        Disposal,
        ConsumableItem,
        ConsumableMovement,
        SoftwareLicence,
        LicenceAssignment,
        ReferenceSequence,
    )
    return {
        "assets": n,
        "asset events": n_ev,
        "disposals": len(disposals),
        "consumable items": len(items),
        "consumable movements": n_mov,
        "licences": n_lic,
        "licence seats": n_seats,
    }


def _consumable_items(rng, store):
    from assets.demo import CONSUMABLES
    from assets.models import Category, ConsumableItem

    categories = {c.name_en: c.id for c in Category.objects.all()}
    rows = []
    for code, name_sw, name_en, category, unit, reorder, quantity, _models in CONSUMABLES:
        rows.append(
            ConsumableItem(
                code=code,
                name_sw=name_sw,
                name_en=name_en,
                category_id=categories.get(category),
                unit=unit,
                reorder_level=reorder,
                reorder_quantity=quantity,
                store_location_id=store,
            )
        )
    kinds = [
        ("TONER", "Tona", "Toner", "Toner and ink", "cartridge"),
        ("PART", "Kipuri", "Spare part", "Spare parts", "piece"),
    ]
    for i in range(EXTRA_CONSUMABLES):
        prefix, sw, en, category, unit = kinds[i % 2]
        rows.append(
            ConsumableItem(
                code=f"{prefix}-B{i + 1:03d}",
                name_sw=f"{sw} namba {i + 1}",
                name_en=f"{en} no. {i + 1}",
                category_id=categories.get(category),
                unit=unit,
                reorder_level=rng.randrange(2, 10),
                reorder_quantity=rng.randrange(10, 40),
                store_location_id=store,
            )
        )
    ConsumableItem.objects.bulk_create(rows, ignore_conflicts=True)
    return list(ConsumableItem.objects.order_by("id").values_list("id", "reorder_quantity"))


def _movements(rng, items, count, today, officer, user_ids, departments, supplier_ids):
    """Dated ledgers: receipts of a reorder quantity, issues of a few units, in date order per item."""
    per_item = [count // len(items)] * len(items)
    for i in range(count - sum(per_item)):
        per_item[i] += 1
    rows = []
    movement_id = 0
    for (item_id, order_qty), n in zip(items, per_item, strict=True):
        days = sorted(rng.randrange(0, 3 * 365) for _ in range(n))
        balance = 0
        for days_ago in reversed(days):
            day = today - dt.timedelta(days=days_ago + 1)
            movement_id += 1
            at = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
            if balance < 3 or rng.random() < 0.15:
                qty = max(order_qty, 5)
                balance += qty
                rows.append(
                    (movement_id, item_id, "receipt", qty, balance, day, rng.choice(supplier_ids) if supplier_ids else None,
                     f"LPO/KDC/{day.year}/{rng.randrange(1, 999):03d}", "", Decimal(rng.randrange(2000, 250000, 500)),
                     None, None, None, None, "", officer, at)
                )  # fmt: skip
            else:
                qty = min(balance, rng.randrange(1, 4))
                balance -= qty
                to_user = rng.choice(user_ids) if rng.random() < 0.5 else None
                to_department = None if to_user else rng.choice(departments)
                rows.append(
                    (movement_id, item_id, "issue", -qty, balance, day, None, "", "", None, to_user, to_department, None,
                     rng.choice(departments), "", officer, at)
                )  # fmt: skip
    return rows


def _licences(rng, scale, today, officer, user_ids, n_assets, supplier_ids):
    from assets.demo import LICENCES
    from assets.models import LicenceAssignment, Manufacturer, SoftwareLicence

    makers = dict(Manufacturer.objects.values_list("name", "id"))
    wanted = corpus.scaled_count(40, scale, minimum=10)
    licences = []
    for i in range(wanted):
        if i < len(LICENCES):
            product, publisher, kind, seats, expires_in, cost = LICENCES[i]
        else:
            product, publisher, kind = LICENCE_PRODUCTS[i % len(LICENCE_PRODUCTS)]
            product = f"{product} ({2019 + i % 7})"
            seats, expires_in, cost = (
                rng.choice((5, 10, 25, 50, 100)),
                rng.randrange(-60, 400),
                Decimal(rng.randrange(500_000, 20_000_000, 50_000)),
            )
        licences.append(
            SoftwareLicence(
                product=product,
                manufacturer_id=makers.get(publisher),
                kind=kind,
                seats=seats,
                licence_key="-".join(f"{rng.randrange(16**5):05X}" for _ in range(5)),
                expires_on=today + dt.timedelta(days=expires_in) if expires_in is not None else None,
                supplier_id=rng.choice(supplier_ids) if supplier_ids else None,
                purchase_date=today - dt.timedelta(days=rng.randrange(30, 700)),
                purchase_cost=cost,
            )
        )
    created = SoftwareLicence.objects.bulk_create(licences)
    seats = []
    for licence in created:
        taken = rng.randrange(0, licence.seats + 1)
        people = rng.sample(user_ids, min(taken, len(user_ids)))
        for k, person in enumerate(people):
            on_asset = k % 4 == 3
            seats.append(
                LicenceAssignment(
                    licence=licence,
                    user_id=None if on_asset else person,
                    asset_id=rng.randrange(1, n_assets + 1) if on_asset else None,
                    assigned_on=licence.purchase_date,
                    assigned_by_id=officer,
                )
            )
    LicenceAssignment.objects.bulk_create(seats, batch_size=5000, ignore_conflicts=True)
    return len(created), len(seats)


def export_file(n: int, path) -> int:
    """The register's XLSX download (`assets:export?format=xlsx`) as the ICT officer: rows read with
    `iterator(chunk_size=500)`, the workbook written in openpyxl's write-only mode."""
    from django.test import RequestFactory

    from assets.views.register import asset_export

    request = RequestFactory().get("/assets/export/", {"format": "xlsx"})
    request.user = User.objects.get(username=corpus.SIGN_IN_AS[corpus.ICT_OFFICER])
    response = asset_export(request)
    if response.status_code != 200:
        raise RuntimeError(f"the register's export answered {response.status_code}")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    path.write_bytes(body)
    from assets.models import Asset

    return min(n, Asset.objects.count())

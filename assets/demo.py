"""Demo data of the asset register: about 200 assets of the demo council, with their lives so far.

Everything goes through the register's services, so the demo has the timelines, handovers,
ledgers and records real use would leave. Idempotent: catalogue rows are found by name or code,
assets by their tag, and an asset that exists is left as it is. Random choices use a fixed seed,
so every run builds the same council.
"""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from kilombero_ict.models import Department, Location, OrganisationProfile, ReferenceSequence, User

from . import services
from .models import (
    Asset,
    AssetModel,
    AssetStatus,
    Category,
    Condition,
    ConsumableItem,
    DisposalMethod,
    FundingSource,
    LicenceKind,
    MaintenanceKind,
    MaintenanceOutcome,
    Manufacturer,
    RegisterSettings,
    SoftwareLicence,
    Stocktake,
    Supplier,
    Unit,
)
from .services.tags import series_key

CATEGORIES = [
    # Swahili, English, useful life (years), tracked individually
    ("Kompyuta mpakato", "Laptops", 4, True),
    ("Kompyuta za mezani", "Desktop computers", 5, True),
    ("Printa", "Printers", 5, True),
    ("Skana", "Scanners", 5, True),
    ("UPS", "UPS units", 5, True),
    ("Ruta", "Routers", 5, True),
    ("Swichi za mtandao", "Network switches", 7, True),
    ("Projekta", "Projectors", 5, True),
    ("Tableti", "Tablets", 3, True),
    ("Seva", "Servers", 7, True),
    ("Tona na wino", "Toner and ink", 1, False),
    ("Nyaya na viunganishi", "Cables and connectors", 1, False),
    ("Vipuri", "Spare parts", 1, False),
]

MANUFACTURERS = [
    ("HP", "https://www.hp.com"),
    ("Dell", "https://www.dell.com"),
    ("Lenovo", "https://www.lenovo.com"),
    ("Canon", "https://www.canon.com"),
    ("Epson", "https://www.epson.com"),
    ("APC", "https://www.apc.com"),
    ("MikroTik", "https://mikrotik.com"),
    ("Cisco", "https://www.cisco.com"),
    ("TP-Link", "https://www.tp-link.com"),
    ("Samsung", "https://www.samsung.com"),
    ("Microsoft", "https://www.microsoft.com"),
    ("Kaspersky", "https://www.kaspersky.com"),
    ("Adobe", "https://www.adobe.com"),
]

MODELS = [
    # key, category (English), manufacturer, name, model number, price range (TSh)
    ("probook", "Laptops", "HP", "ProBook 450 G9", "6F1E5EA", (1_900_000, 2_400_000)),
    ("latitude", "Laptops", "Dell", "Latitude 5440", "N011L544014EMEA", (2_100_000, 2_700_000)),
    ("thinkpad", "Laptops", "Lenovo", "ThinkPad E14 Gen 5", "21JK0008US", (1_750_000, 2_200_000)),
    ("prodesk", "Desktop computers", "HP", "ProDesk 400 G7 MT", "11M74EA", (1_450_000, 1_850_000)),
    ("optiplex", "Desktop computers", "Dell", "OptiPlex 7010 Tower", "D24M", (1_600_000, 2_100_000)),
    ("m404", "Printers", "HP", "LaserJet Pro M404dn", "W1A53A", (850_000, 1_150_000)),
    ("ir2425", "Printers", "Canon", "imageRUNNER 2425", "4293C004", (4_200_000, 4_900_000)),
    ("l3250", "Printers", "Epson", "EcoTank L3250", "C11CJ67412", (480_000, 560_000)),
    ("scanjet", "Scanners", "HP", "ScanJet Pro 3000 s4", "6FW07A", (1_100_000, 1_350_000)),
    ("bx1200", "UPS units", "APC", "Back-UPS 1200VA", "BX1200MI", (380_000, 460_000)),
    ("smt3000", "UPS units", "APC", "Smart-UPS 3000VA", "SMT3000IC", (4_300_000, 4_800_000)),
    ("hex", "Routers", "MikroTik", "hEX RB750Gr3", "RB750Gr3", (210_000, 260_000)),
    ("c2960", "Network switches", "Cisco", "Catalyst 2960-X 24-port", "WS-C2960X-24TS-L", (5_200_000, 6_100_000)),
    ("sg1024", "Network switches", "TP-Link", "TL-SG1024D 24-port", "TL-SG1024D", (290_000, 350_000)),
    ("ebx49", "Projectors", "Epson", "EB-X49", "V11H982040", (1_350_000, 1_550_000)),
    ("taba8", "Tablets", "Samsung", "Galaxy Tab A8", "SM-X205", (620_000, 720_000)),
    ("r740", "Servers", "Dell", "PowerEdge R740", "PER740", (17_500_000, 19_500_000)),
]

SUPPLIERS = [
    # name, TIN, VRN, NeST number, contact, phone, e-mail, address
    (
        "Kilombero Computers and Stationery Ltd",
        "104-772-391",
        "40-013572-K",
        "NeST-SUP-2021-004417",
        "Ally Mbena",
        "0754 310 442",
        "mauzo@kilomberocomputers.co.tz",
        "Barabara ya Ifakara, Mlimba",
    ),
    (
        "Morogoro ICT Solutions Ltd",
        "118-904-226",
        "40-021884-M",
        "NeST-SUP-2020-001982",
        "Grace Shirima",
        "0715 882 019",
        "info@moroict.co.tz",
        "Mtaa wa Boma, Morogoro",
    ),
    (
        "Dar Tech Supplies Company Ltd",
        "121-336-870",
        "40-030911-D",
        "NeST-SUP-2019-000733",
        "Hussein Mrisho",
        "0688 441 205",
        "tenders@dartech.co.tz",
        "Kariakoo, Dar es Salaam",
    ),
    (
        "Mlimba General Suppliers",
        "133-208-554",
        "",
        "NeST-SUP-2022-006120",
        "Fatuma Ngowi",
        "0767 552 813",
        "mlimbageneral@gmail.com",
        "Soko Kuu, Mlimba",
    ),
]

CONSUMABLES = [
    # code, Swahili, English, category (English), unit, reorder level, order quantity, compatible model keys
    (
        "TONER-HP-59A",
        "Tona ya HP 59A (CF259A)",
        "HP 59A toner (CF259A)",
        "Toner and ink",
        Unit.CARTRIDGE,
        6,
        20,
        ["m404"],
    ),
    ("TONER-CEXV33", "Tona ya Canon C-EXV33", "Canon C-EXV33 toner", "Toner and ink", Unit.CARTRIDGE, 3, 8, ["ir2425"]),
    (
        "INK-EPS-003-K",
        "Wino wa Epson 003 mweusi",
        "Epson 003 black ink",
        "Toner and ink",
        Unit.BOTTLE,
        8,
        24,
        ["l3250"],
    ),
    (
        "INK-EPS-003-C",
        "Wino wa Epson 003 wa rangi (seti)",
        "Epson 003 colour ink (set)",
        "Toner and ink",
        Unit.PACK,
        4,
        10,
        ["l3250"],
    ),
    ("CABLE-CAT6", "Waya wa mtandao CAT6", "CAT6 network cable", "Cables and connectors", Unit.METRE, 100, 305, []),
    (
        "RJ45-BOX",
        "Viunganishi RJ45 (boksi la 100)",
        "RJ45 connectors (box of 100)",
        "Cables and connectors",
        Unit.BOX,
        2,
        5,
        [],
    ),
    ("PATCH-1M", "Waya wa kuunganisha mita 1", "1 m patch cord", "Cables and connectors", Unit.PIECE, 20, 50, []),
    ("BATT-12V9AH", "Betri ya UPS 12V 9Ah", "UPS battery 12V 9Ah", "Spare parts", Unit.PIECE, 4, 12, ["bx1200"]),
]

UNIT_COSTS = {
    "TONER-HP-59A": Decimal("185000"),
    "TONER-CEXV33": Decimal("240000"),
    "INK-EPS-003-K": Decimal("28000"),
    "INK-EPS-003-C": Decimal("75000"),
    "CABLE-CAT6": Decimal("2500"),
    "RJ45-BOX": Decimal("45000"),
    "PATCH-1M": Decimal("6000"),
    "BATT-12V9AH": Decimal("65000"),
}

LICENCES = [
    # product, publisher, kind, seats, days until expiry (None: never), cost
    ("Microsoft Office 2021 Standard", "Microsoft", LicenceKind.VOLUME, 40, None, Decimal("18400000")),
    ("Kaspersky Endpoint Security for Business", "Kaspersky", LicenceKind.SUBSCRIPTION, 120, 21, Decimal("9600000")),
    ("Windows Server 2019 Standard", "Microsoft", LicenceKind.OEM, 1, None, Decimal("2350000")),
    ("Adobe Acrobat Standard", "Adobe", LicenceKind.SUBSCRIPTION, 5, 190, Decimal("2150000")),
]

# People of the organisation demo who hold laptops, and the departments of the council's offices.
LAPTOP_HOLDERS = [
    "staff.finance",
    "manager",
    "auditor",
    "technician",
    "ictofficer",
    "hod.health",
    "mwajuma.kombo",
    "peter.mushi",
    "zawadi.msuya",
    "juma.hassan",
    "elia.mwita",
    "halima.nassoro",
    "daudi.kapinga",
    "rose.temba",
    "salum.mbwana",
    "anna.lema",
    "yusuph.chande",
    "felista.haule",
    "musa.ngonyani",
    "esther.mollel",
]
OFFICE_DEPARTMENTS = [
    "UTAWALA",
    "MIPANGO",
    "FEDHA",
    "ELIMU-MSINGI",
    "ELIMU-SEK",
    "AFYA",
    "KILIMO",
    "MAENDELEO",
    "ARDHI",
    "UJENZI",
    "USAFI",
    "SHERIA",
    "UKAGUZI",
    "PMU",
    "UCHAGUZI",
    "MAWASILIANO",
    "TEHAMA",
]
WARDS = ["WARD-MLIMBA", "WARD-CHITA", "WARD-MCHOMBE", "WARD-IDETE", "WARD-MBINGU", "WARD-NAMWAWALA"]
FACILITIES = ["KC-MLIMBA", "KC-MNGETA", "ZAH-CHITA", "ZAH-IDETE", "ZAH-MBINGU"]
SCHOOLS = ["SEK-MLIMBA", "SEK-MCHOMBE", "SEK-NAMWAWALA"]


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


class DemoCouncil:
    """Builds the register of the demo council; one instance per run (it keeps the lookups)."""

    def __init__(self, stdout=None):
        self.stdout = stdout
        self.rng = random.Random(2026)
        self.today = timezone.localdate()
        self.officer = User.objects.get(username="ictofficer")
        self.technician = User.objects.get(username="technician")
        self.people = {u.username: u for u in User.objects.select_related("department")}
        self.departments = {d.code: d for d in Department.objects.all()}
        self.locations = {loc.code: loc for loc in Location.objects.all()}
        self.org = OrganisationProfile.current()
        self.tag_numbers = {}
        self.created = 0

    # Catalogue ---------------------------------------------------------------------------------
    def catalogue(self):
        self.categories = {}
        for name_sw, name_en, life, tracked in CATEGORIES:
            self.categories[name_en], _ = Category.objects.get_or_create(
                name_sw=name_sw,
                defaults={"name_en": name_en, "default_useful_life_years": life, "tracked_individually": tracked},
            )
        self.manufacturers = {}
        for name, website in MANUFACTURERS:
            self.manufacturers[name], _ = Manufacturer.objects.get_or_create(name=name, defaults={"website": website})
        self.models = {}
        self.prices = {}
        for key, category, maker, name, number, prices in MODELS:
            self.models[key], _ = AssetModel.objects.get_or_create(
                category=self.categories[category],
                manufacturer=self.manufacturers[maker],
                name=name,
                model_number=number,
            )
            self.prices[key] = prices
        self.suppliers = []
        for name, tin, vrn, nest, contact, phone, email, address in SUPPLIERS:
            supplier, _ = Supplier.objects.get_or_create(
                name=name,
                defaults={
                    "tin": tin,
                    "vrn": vrn,
                    "nest_registration": nest,
                    "contact_person": contact,
                    "phone": phone,
                    "email": email,
                    "address": address,
                },
            )
            self.suppliers.append(supplier)
        settings_row, _ = RegisterSettings.objects.get_or_create(pk=1)
        if settings_row.default_store_id is None and "HQ-STORE" in self.locations:
            settings_row.default_store = self.locations["HQ-STORE"]
            settings_row.save(update_fields=["default_store"])
        self.store = self.locations.get("HQ-STORE")

    # Assets ------------------------------------------------------------------------------------
    def tag(self, year: int) -> str:
        number = self.tag_numbers.get(year, 0) + 1
        self.tag_numbers[year] = number
        return f"{self.org.short_name or 'KDC'}/ICT/{year}/{number:05d}"

    def purchase_date(self, oldest: int, newest: int = 0) -> dt.date:
        days = self.rng.randint(newest * 365 + 20, oldest * 365)
        return self.today - dt.timedelta(days=days)

    def register(self, key, *, purchased, name="", department=None, location=None, funding=FundingSource.OWN_SOURCE):
        """Register one asset; an asset whose tag exists is returned as it is (`demo_new` False)."""
        # Every random draw happens before looking at the database, so a second run makes the same choices.
        tag = self.tag(purchased.year)
        low, high = self.prices[key]
        cost = Decimal(self.rng.randrange(low, high, 5000))
        supplier = self.rng.choice(self.suppliers)
        warranty_years = 3 if key in ("r740", "c2960", "smt3000") else self.rng.choice([1, 1, 2, 3])
        serial = f"{key.upper()[:3]}{purchased:%y%m}{self.rng.randrange(10000, 99999)}"
        order_number = f"LPO/KDC/{purchased.year}/{self.rng.randrange(100, 999)}"
        invoice_number = f"INV-{self.rng.randrange(10000, 99999)}"
        existing = Asset.objects.filter(tag=tag).first()
        if existing is not None:
            existing.demo_new = False
            return existing
        asset = services.asset_register(
            actor=self.officer,
            model=self.models[key],
            tag=tag,
            name=name,
            serial_number=serial,
            department=self.departments.get(department) if department else self.departments["TEHAMA"],
            location=self.locations.get(location) if location else self.store,
            supplier=supplier,
            purchase_date=purchased,
            purchase_cost=cost,
            order_number=order_number,
            invoice_number=invoice_number,
            funding_source=funding,
            warranty_end=purchased + dt.timedelta(days=365 * warranty_years),
            at=_at(purchased),
        )
        self.created += 1
        asset.demo_new = True
        return asset

    def hand(self, asset, when, *, user=None, department=None, location=None, due_back=None, accept=True, **extra):
        """Check a newly registered asset out (an asset found from an earlier run keeps its life)."""
        actor = self.rng.choice([self.officer, self.technician])
        if not getattr(asset, "demo_new", False):
            return None
        handover = services.asset_check_out(
            actor=actor,
            asset=asset,
            user=self.people.get(user) if user else None,
            department=self.departments.get(department) if department else None,
            location=self.locations.get(location) if location else None,
            due_back=due_back,
            condition=Condition.NEW if (when - asset.purchase_date).days < 60 else Condition.GOOD,
            at=_at(when, 10),
            notify=False,
            **extra,
        )
        if accept and (user or department):
            signer = handover.holder_user or handover.holder_department.head
            if signer is not None and services.handover_can_accept(signer, handover):
                services.handover_accept(user=signer, handover=handover, at=_at(when, 15))
        return handover

    def assets(self):
        rng = self.rng
        # Laptops for officers, three of them pool laptops on loan (one overdue).
        for username in LAPTOP_HOLDERS:
            person = self.people.get(username)
            if person is None:
                continue
            key = rng.choice(["probook", "latitude", "thinkpad"])
            bought = self.purchase_date(6)
            asset = self.register(
                key, purchased=bought, department=person.department.code if person.department else None
            )
            self.hand(asset, bought + dt.timedelta(days=rng.randint(3, 20)), user=username)
        pool = []
        for index in range(6):
            asset = self.register("probook", purchased=self.purchase_date(3), name=f"Pool laptop {index + 1}")
            pool.append(asset)
        loans = [
            ("mwajuma.kombo", 45, 10),  # overdue by ten days
            ("elia.mwita", 5, -9),
            ("rose.temba", 2, -12),
        ]
        for asset, (username, days_ago, overdue_by) in zip(pool, loans, strict=False):
            self.hand(
                asset,
                self.today - dt.timedelta(days=days_ago),
                user=username,
                due_back=self.today - dt.timedelta(days=overdue_by),
            )
        # The health staff member's laptop, handed over yesterday and waiting for his acceptance.
        asset = self.register(
            "latitude", purchased=self.today - dt.timedelta(days=40), name="Laptop ya Afisa Muuguzi", department="AFYA"
        )
        self.hand(
            asset, self.today - dt.timedelta(days=1), user="staff.health", accept=False, accessories="Chaja na begi"
        )
        # Desktops in every department at headquarters and in ward offices.
        for code in OFFICE_DEPARTMENTS:
            for _n in range(2):
                asset = self.register(
                    rng.choice(["prodesk", "optiplex"]),
                    purchased=self.purchase_date(8),
                    department=code,
                    location="HQ-MNGETA",
                )
                self.hand(
                    asset,
                    asset.purchase_date + dt.timedelta(days=rng.randint(5, 25)),
                    department=code,
                    place=self.locations["HQ-MNGETA"],
                )
        for ward in WARDS:
            for _n in range(3):
                asset = self.register("prodesk", purchased=self.purchase_date(7), department="UTAWALA", location=ward)
                self.hand(asset, asset.purchase_date + dt.timedelta(days=rng.randint(7, 30)), location=ward)
        for school in SCHOOLS:
            for index in range(4):
                asset = self.register(
                    "prodesk",
                    purchased=self.purchase_date(5),
                    name=f"Maabara ya kompyuta {index + 1}",
                    department="ELIMU-SEK",
                    location=school,
                )
                self.hand(asset, asset.purchase_date + dt.timedelta(days=rng.randint(7, 30)), location=school)
        # Printers and scanners.
        for code in OFFICE_DEPARTMENTS[:12]:
            key = "ir2425" if code in ("UTAWALA", "FEDHA") else rng.choice(["m404", "m404", "l3250"])
            asset = self.register(key, purchased=self.purchase_date(7), department=code, location="HQ-MNGETA")
            self.hand(
                asset,
                asset.purchase_date + dt.timedelta(days=10),
                department=code,
                place=self.locations["HQ-MNGETA"],
            )
        for place in WARDS + FACILITIES[:2]:
            asset = self.register(
                "l3250",
                purchased=self.purchase_date(4),
                department="AFYA" if place in FACILITIES else "UTAWALA",
                location=place,
            )
            self.hand(asset, asset.purchase_date + dt.timedelta(days=14), location=place)
        for code in ("FEDHA", "ARDHI", "UTAWALA", "AFYA", "PMU", "SHERIA"):
            asset = self.register("scanjet", purchased=self.purchase_date(5), department=code, location="HQ-MNGETA")
            self.hand(
                asset,
                asset.purchase_date + dt.timedelta(days=12),
                department=code,
                place=self.locations["HQ-MNGETA"],
            )
        # UPS units, routers and switches at every site.
        for place in ["HQ-MNGETA"] * 8 + WARDS + FACILITIES + SCHOOLS:
            dept = "AFYA" if place in FACILITIES else ("ELIMU-SEK" if place in SCHOOLS else "TEHAMA")
            asset = self.register("bx1200", purchased=self.purchase_date(6), department=dept, location=place)
            self.hand(asset, asset.purchase_date + dt.timedelta(days=9), location=place)
        self.server_room_ups = self.register(
            "smt3000", purchased=self.purchase_date(4, 2), name="UPS ya chumba cha seva", location="HQ-SERVER"
        )
        self.hand(self.server_room_ups, self.server_room_ups.purchase_date + dt.timedelta(days=4), location="HQ-SERVER")
        for place in WARDS + FACILITIES[:2] + SCHOOLS[:2]:
            asset = self.register("hex", purchased=self.purchase_date(5), location=place)
            self.hand(asset, asset.purchase_date + dt.timedelta(days=6), location=place)
        for index, key in enumerate(
            ["c2960", "c2960", "sg1024", "sg1024", "sg1024", "sg1024", "sg1024", "sg1024", "sg1024", "sg1024"]
        ):
            place = "HQ-SERVER" if index < 2 else (WARDS + SCHOOLS)[index - 2]
            asset = self.register(key, purchased=self.purchase_date(7), location=place)
            self.hand(asset, asset.purchase_date + dt.timedelta(days=6), location=place)
        # Projectors, tablets at health facilities, servers.
        for code in ("UTAWALA", "MIPANGO", "ELIMU-SEK", "AFYA", "TEHAMA"):
            asset = self.register("ebx49", purchased=self.purchase_date(6), department=code, location="HQ-MNGETA")
            if code != "TEHAMA":
                self.hand(asset, asset.purchase_date + dt.timedelta(days=10), department=code)
        for facility in FACILITIES:
            for _n in range(4):
                asset = self.register(
                    "taba8",
                    purchased=self.purchase_date(3),
                    department="AFYA",
                    location=facility,
                    funding=FundingSource.DEVELOPMENT_PARTNER,
                )
                self.hand(asset, asset.purchase_date + dt.timedelta(days=15), location=facility)
        self.servers = []
        for name in ("Seva ya faili na barua pepe", "Seva ya hifadhidata", "Seva ya akiba (backup)"):
            asset = self.register(
                "r740",
                purchased=self.purchase_date(6, 1),
                name=name,
                location="HQ-SERVER",
                funding=FundingSource.CENTRAL_GOVERNMENT,
            )
            self.hand(asset, asset.purchase_date + dt.timedelta(days=7), location="HQ-SERVER")
            self.servers.append(asset)
        # Stock in the store, some of it bought weeks ago with a warranty about to end.
        for key in ["probook", "probook", "thinkpad", "prodesk", "prodesk", "m404", "bx1200", "bx1200", "hex", "taba8"]:
            self.register(key, purchased=self.today - dt.timedelta(days=rng.randint(300, 360)))
        for key in ["latitude", "optiplex", "l3250", "sg1024"]:
            self.register(key, purchased=self.today - dt.timedelta(days=rng.randint(20, 90)))
        self.sync_tag_series()

    def sync_tag_series(self):
        """Make tags generated later continue after the demo's numbers of each year."""
        pattern = RegisterSettings.current().tag_pattern
        for year, number in self.tag_numbers.items():
            key = series_key(pattern, self.org.short_name or "KDC", year)
            row, _ = ReferenceSequence.objects.get_or_create(key=key)
            if row.last_value < number:
                row.last_value = number
                row.save(update_fields=["last_value"])

    def lives(self):
        """Repairs, losses, retirements and disposals, on assets that have not had them yet."""
        if Asset.objects.exclude(status__in=[AssetStatus.IN_STORE, AssetStatus.DEPLOYED]).exists():
            return
        deployed = list(
            Asset.objects.filter(status=AssetStatus.DEPLOYED, due_back__isnull=True)
            .exclude(holder_user__username="staff.health")
            .order_by("tag")
        )
        rng = self.rng
        picks = rng.sample(deployed, 16)
        faults = [
            "Skrini imevunjika, haionyeshi kitu.",
            "Haiwashi baada ya umeme kukatika.",
            "Karatasi zinakwama kila mara.",
            "Betri haishiki chaji.",
        ]
        for asset, fault in zip(picks[:4], faults, strict=True):
            services.asset_send_to_repair(
                actor=self.technician,
                asset=asset,
                fault=fault,
                service_provider=rng.choice(self.suppliers),
                at=_at(self.today - dt.timedelta(days=rng.randint(2, 20))),
            )
        for asset in picks[4:6]:
            services.asset_send_to_repair(
                actor=self.technician,
                asset=asset,
                fault="Feni inapiga kelele na inapata joto.",
                at=_at(self.today - dt.timedelta(days=60)),
            )
            services.asset_return_from_repair(
                actor=self.technician,
                asset=asset,
                outcome=MaintenanceOutcome.DONE,
                cost=Decimal("85000"),
                notes="Feni imebadilishwa.",
                performed_by=self.technician,
                at=_at(self.today - dt.timedelta(days=52)),
            )
        services.asset_report_lost(
            actor=self.officer,
            asset=picks[6],
            circumstances="Iliibiwa ofisini usiku wa tarehe hiyo; taarifa ya polisi MLB/RB/1187/2026.",
            at=_at(self.today - dt.timedelta(days=75)),
        )
        old = list(
            Asset.objects.filter(
                status=AssetStatus.DEPLOYED, purchase_date__lt=self.today - dt.timedelta(days=6 * 365)
            ).order_by("purchase_date")[:11]
        )
        for asset in old[:11]:
            services.asset_retire(
                actor=self.officer,
                asset=asset,
                reason="Imepitwa na wakati na ni mbovu; inasubiri bodi ya kufuta mali.",
                at=_at(self.today - dt.timedelta(days=200)),
            )
        methods = [
            DisposalMethod.AUCTION,
            DisposalMethod.AUCTION,
            DisposalMethod.DESTRUCTION,
            DisposalMethod.DONATION,
            DisposalMethod.AUCTION,
        ]
        for asset, method in zip(old[:5], methods, strict=False):
            services.asset_dispose(
                actor=self.officer,
                asset=asset,
                method=method,
                disposed_on=self.today - dt.timedelta(days=120),
                board_of_survey_reference=f"BoS/KDC/{self.today.year - 1}/07",
                approved_by="Mkurugenzi Mtendaji (DED)",
                proceeds=Decimal("150000") if method == DisposalMethod.AUCTION else Decimal("0"),
                recipient="Shule ya Msingi Itongoa" if method == DisposalMethod.DONATION else "",
            )
        for asset in picks[7:9]:
            services.asset_check_in(
                actor=self.technician, asset=asset, condition=Condition.FAIR, note="Mtumishi amehamia idara nyingine."
            )

    # Consumables -------------------------------------------------------------------------------
    def consumables(self):
        printers = list(
            Asset.objects.filter(
                model__in=[self.models["m404"], self.models["l3250"]], status=AssetStatus.DEPLOYED
            ).order_by("tag")[:6]
        )
        staff = [self.people[u] for u in ("staff.finance", "halima.nassoro", "elia.mwita") if u in self.people]
        for code, name_sw, name_en, category, unit, reorder, quantity, compatible in CONSUMABLES:
            item, created = ConsumableItem.objects.get_or_create(
                code=code,
                defaults={
                    "name_sw": name_sw,
                    "name_en": name_en,
                    "category": self.categories[category],
                    "unit": unit,
                    "reorder_level": reorder,
                    "reorder_quantity": quantity,
                    "store_location": self.store,
                },
            )
            if created and compatible:
                item.compatible_models.set([self.models[k] for k in compatible])
            if item.movements.exists():
                continue
            start = self.today - dt.timedelta(days=330)
            services.consumable_receive(
                actor=self.officer,
                item=item,
                quantity=quantity,
                supplier=self.rng.choice(self.suppliers),
                order_number=f"LPO/KDC/{start.year}/{self.rng.randrange(100, 999)}",
                invoice_number=f"INV-{self.rng.randrange(10000, 99999)}",
                unit_cost=UNIT_COSTS[code],
                occurred_on=start,
            )
            balance = quantity
            day = start
            # Issue through the year; TONER-HP-59A and BATT-12V9AH end up low on stock.
            target = reorder - 1 if code in ("TONER-HP-59A", "BATT-12V9AH") else reorder + quantity // 3
            while balance > target:
                day += dt.timedelta(days=self.rng.randint(5, 15))
                if day > self.today:
                    break
                amount = (
                    1
                    if unit in (Unit.CARTRIDGE, Unit.PIECE, Unit.BOX, Unit.PACK, Unit.BOTTLE)
                    else self.rng.randint(10, 40)
                )
                amount = min(amount, balance - max(target, 0))
                if amount <= 0:
                    break
                choice = self.rng.random()
                recipient = {}
                if compatible and printers and choice < 0.6:
                    recipient["asset"] = self.rng.choice(printers)
                elif choice < 0.8 and staff:
                    recipient["user"] = self.rng.choice(staff)
                else:
                    recipient["department"] = self.departments[self.rng.choice(OFFICE_DEPARTMENTS)]
                services.consumable_issue(
                    actor=self.technician, item=item, quantity=amount, occurred_on=day, **recipient
                )
                balance -= amount
            if code == "CABLE-CAT6":
                services.consumable_adjust(
                    actor=self.officer,
                    item=item,
                    change=-5,
                    reason="Mita 5 zimeharibiwa na panya stoo.",
                    occurred_on=self.today - dt.timedelta(days=40),
                )
            if code == "PATCH-1M":
                services.consumable_count(
                    actor=self.officer,
                    item=item,
                    counted=max(balance - 2, 0),
                    note="Hesabu ya robo ya kwanza.",
                    occurred_on=self.today - dt.timedelta(days=60),
                )

    # Licences ----------------------------------------------------------------------------------
    def licences(self):
        holders = [self.people[u] for u in LAPTOP_HOLDERS if u in self.people]
        for product, publisher, kind, seats, expires_in, cost in LICENCES:
            licence = SoftwareLicence.objects.filter(product=product).first()
            if licence is None:
                licence = services.licence_create(
                    actor=self.officer,
                    product=product,
                    manufacturer=self.manufacturers[publisher],
                    kind=kind,
                    seats=seats,
                    licence_key="-".join(f"{self.rng.randrange(16**5):05X}" for _ in range(5)),
                    expires_on=self.today + dt.timedelta(days=expires_in) if expires_in is not None else None,
                    supplier=self.rng.choice(self.suppliers),
                    purchase_date=self.today - dt.timedelta(days=345 if expires_in else 700),
                    purchase_cost=cost,
                    order_number=f"LPO/KDC/{self.today.year - 1}/{self.rng.randrange(100, 999)}",
                )
            if licence.assignments.exists():
                continue
            if product.startswith("Windows Server"):
                if self.servers:
                    services.licence_assign(actor=self.officer, licence=licence, asset=self.servers[0])
                continue
            count = {"Microsoft Office 2021 Standard": 18, "Kaspersky Endpoint Security for Business": 20}.get(
                product, 3
            )
            for person in holders[:count]:
                services.licence_assign(
                    actor=self.officer, licence=licence, user=person, assigned_on=licence.purchase_date
                )

    # Maintenance -------------------------------------------------------------------------------
    def maintenance(self):
        if not self.server_room_ups.schedules.exists():
            # Serviced seven months ago: the six-monthly service is a month overdue.
            schedule = services.maintenance_schedule_create(
                actor=self.officer,
                asset=self.server_room_ups,
                title="Huduma ya UPS: betri na upimaji wa mzigo",
                interval_months=6,
                first_due=self.today - dt.timedelta(days=400),
                responsible=self.technician,
                instructions="Pima betri, safisha vumbi, jaribu kubadilisha kwenda betri kwa dakika 5.",
            )
            done = self.today - dt.timedelta(days=213)
            services.maintenance_record_log(
                actor=self.technician,
                asset=self.server_room_ups,
                schedule=schedule,
                kind=MaintenanceKind.PREVENTIVE,
                title=schedule.title,
                started_on=done,
                completed_on=done,
                cost=Decimal("120000"),
                performed_by=self.technician,
                notes="Betri ziko sawa; uwezo 92%.",
            )
        for server in self.servers:
            if server.schedules.exists():
                continue
            schedule = services.maintenance_schedule_create(
                actor=self.officer,
                asset=server,
                title="Ukaguzi wa afya ya seva na masasisho",
                interval_months=3,
                first_due=self.today + dt.timedelta(days=self.rng.randint(5, 60)),
                responsible=self.technician,
            )
            done = schedule.next_due - dt.timedelta(days=92)
            if done <= self.today:
                services.maintenance_record_log(
                    actor=self.technician,
                    asset=server,
                    schedule=schedule,
                    kind=MaintenanceKind.PREVENTIVE,
                    title=schedule.title,
                    started_on=done,
                    completed_on=done,
                    performed_by=self.technician,
                )
        big_printers = Asset.objects.filter(model=self.models["ir2425"], status=AssetStatus.DEPLOYED)
        for printer in big_printers:
            if not printer.schedules.exists():
                services.maintenance_schedule_create(
                    actor=self.officer,
                    asset=printer,
                    title="Huduma ya printa kubwa (kusafisha na kubadilisha drum)",
                    interval_months=6,
                    first_due=self.today + dt.timedelta(days=self.rng.randint(10, 150)),
                    responsible=self.technician,
                )

    # Stocktake ---------------------------------------------------------------------------------
    def stocktake(self):
        if Stocktake.objects.exists():
            return
        place = self.locations["ZAH-CHITA"]
        stocktake = services.stocktake_open(actor=self.technician, location=place, note="Uhakiki wa robo mwaka.")
        lines = list(stocktake.lines.select_related("asset__model").order_by("asset__tag"))
        tablets = [line for line in lines if line.asset.model_id == self.models["taba8"].pk]
        missing = tablets[-1] if tablets else lines[-1]
        for line in lines:
            if line.pk != missing.pk:
                services.stocktake_record(actor=self.technician, stocktake=stocktake, scanned=line.asset.tag)
        stray = Asset.objects.filter(location=self.locations["ZAH-IDETE"], model=self.models["taba8"]).first()
        if stray is not None:
            services.stocktake_record(
                actor=self.technician, stocktake=stocktake, scanned=stray.tag, note="Ililetwa kutoka Idete."
            )
        services.stocktake_close(
            actor=self.technician, stocktake=stocktake, move_misplaced=False, note="Tableti moja haikupatikana."
        )

    def run(self):
        self.catalogue()
        self.assets()
        self.lives()
        self.consumables()
        self.licences()
        self.maintenance()
        self.stocktake()
        from .procurement_demo import seed as seed_procurement  # procurement after the catalogue it buys from

        seed_procurement(self.stdout)
        if self.stdout:
            self.stdout.write(
                f"Asset register: {Asset.objects.count()} assets ({self.created} new), "
                f"{ConsumableItem.objects.count()} consumables, {SoftwareLicence.objects.count()} licences."
            )


def seed(stdout=None):
    DemoCouncil(stdout).run()

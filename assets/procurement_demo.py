"""Demo data of procurement: budgets for two fiscal years and a dozen requisitions, one at every stage.

Everything goes through the procurement services, so each requisition has the history, mail and
budget effect that real use would leave; the partly received laptops are in the register. Idempotent:
budget lines are found by year, department and source, requisitions by their purpose, orders by LPO.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kilombero_ict.fiscal import FiscalYear
from kilombero_ict.models import Department, User

from .models import (
    AssetModel,
    BudgetLine,
    Category,
    ConsumableItem,
    FundingSource,
    PurchaseOrder,
    Requisition,
    Supplier,
)
from .services import procurement

# department code, funding source, amount this year, amount last year
BUDGETS = [
    ("AFYA", FundingSource.OWN_SOURCE, Decimal("40000000"), Decimal("32000000")),
    ("AFYA", FundingSource.DEVELOPMENT_PARTNER, Decimal("15000000"), Decimal("12000000")),
    ("TEHAMA", FundingSource.OWN_SOURCE, Decimal("60000000"), Decimal("48000000")),
    ("FEDHA", FundingSource.OWN_SOURCE, Decimal("12000000"), Decimal("10000000")),
    ("ELIMU-SEK", FundingSource.CENTRAL_GOVERNMENT, Decimal("25000000"), Decimal("20000000")),
    ("KILIMO", FundingSource.OWN_SOURCE, Decimal("8000000"), Decimal("6500000")),
]


class DemoProcurement:
    def __init__(self, stdout=None):
        self.stdout = stdout
        self.today = timezone.localdate()
        self.year = FiscalYear.of(self.today)
        self.people = {u.username: u for u in User.objects.select_related("department")}
        self.departments = {d.code: d for d in Department.objects.all()}
        self.officer = self.people["ictofficer"]
        self.manager = self.people["manager"]
        self.hod = self.people["hod.health"]
        self.created = 0

    def budgets(self):
        self.lines = {}
        for code, source, this_year, last_year in BUDGETS:
            department = self.departments.get(code)
            if department is None:
                continue
            for year, amount in ((self.year, this_year), (FiscalYear(self.year.start_year - 1), last_year)):
                line, _ = BudgetLine.objects.get_or_create(
                    fiscal_year=year.label,
                    department=department,
                    funding_source=source,
                    defaults={"amount": amount, "description": "Vifaa vya TEHAMA"},
                )
                if year == self.year:
                    self.lines[(code, source)] = line

    def category(self, english):
        return Category.objects.get(name_en=english)

    def model(self, name):
        return AssetModel.objects.get(name=name)

    def raise_(self, username, purpose, lines, *, budget=("AFYA", FundingSource.OWN_SOURCE)):
        """The requisition with this purpose, raised now if it does not exist yet; None when it existed."""
        person = self.people[username]
        if Requisition.objects.filter(purpose=purpose, requested_by=person).exists():
            return None
        self.created += 1
        return procurement.requisition_create(
            actor=person,
            purpose=purpose,
            required_by=self.today + dt.timedelta(days=45),
            budget_line=self.lines[budget],
            lines=[
                {
                    "description": text,
                    "category": self.category(category),
                    "quantity": qty,
                    "estimated_unit_price": Decimal(price),
                }
                for text, category, qty, price in lines
            ],
        )

    def up_to(self, requisition, stage, *, endorser=None):
        """Walk a requisition through the workflow up to `stage` (submitted, endorsed, reviewed, approved)."""
        order = ["submitted", "endorsed", "reviewed", "approved"]
        steps = order[: order.index(stage) + 1]
        if "submitted" in steps:
            procurement.requisition_submit(actor=requisition.requested_by, requisition=requisition)
        if "endorsed" in steps:
            procurement.requisition_endorse(
                actor=endorser or self.hod, requisition=requisition, comment="Inahitajika kwa kazi za kila siku."
            )
        if "reviewed" in steps:
            procurement.requisition_review(
                actor=self.officer,
                requisition=requisition,
                recommendation="approve",
                specification="Vipimo vimehakikiwa na Kitengo cha TEHAMA; vinaendana na mifumo ya Serikali.",
                comment="Napendekeza kiidhinishwe.",
            )
        if "approved" in steps:
            procurement.requisition_approve(actor=self.manager, requisition=requisition, comment="Imeidhinishwa.")
        requisition.refresh_from_db()
        return requisition

    def order(self, requisition, lpo, supplier, prices, *, things):
        if PurchaseOrder.objects.filter(lpo_number=lpo).exists():
            return PurchaseOrder.objects.get(lpo_number=lpo)
        lines = []
        for line, price, thing in zip(requisition.lines.all(), prices, things, strict=True):
            entry = {"requisition_line": line, "quantity": line.quantity, "unit_price": Decimal(price)}
            entry["asset_model" if isinstance(thing, AssetModel) else "consumable_item"] = thing
            entry["warranty_months"] = 24 if isinstance(thing, AssetModel) else 0
            lines.append(entry)
        return procurement.purchase_order_create(
            actor=self.officer,
            requisition=requisition,
            supplier=supplier,
            lpo_number=lpo,
            nest_reference=f"KDC/NeST/RFQ/{self.year.start_year}/{lpo[-3:]}",
            order_date=self.today - dt.timedelta(days=21),
            expected_delivery=self.today + dt.timedelta(days=7),
            lines=lines,
        )

    def run(self):
        self.budgets()
        suppliers = list(Supplier.objects.order_by("name")[:3])
        if not suppliers:
            return
        laptop, printer = self.model("ProBook 450 G9"), self.model("LaserJet Pro M404dn")

        # 1. draft
        self.raise_(
            "staff.health",
            "Kompyuta ya mezani kwa dirisha la dawa, Kituo cha Afya Mngeta.",
            [("Kompyuta ya mezani, Core i5, 8 GB", "Desktop computers", 1, "1700000")],
        )
        # 2. submitted, waiting for hod.health
        found = self.raise_(
            "staff.health",
            "Printa kwa ofisi ya Mganga Mkuu wa Wilaya.",
            [("Printa ya leza, duplex, mtandao", "Printers", 1, "1000000")],
        )
        if found:
            self.up_to(found, "submitted")
        # 3. returned for changes by the ICT technical review
        found = self.raise_(
            "staff.finance",
            "Skana kwa nyaraka za malipo.",
            [("Skana ya nyaraka", "Scanners", 1, "900000")],
            budget=("FEDHA", FundingSource.OWN_SOURCE),
        )
        if found:
            self.up_to(found, "endorsed", endorser=self.manager)
            procurement.requisition_review(
                actor=self.officer,
                requisition=found,
                recommendation="return",
                comment="Taja idadi ya kurasa kwa siku na kama inahitaji ADF.",
            )
        # 4. endorsed, waiting for the ICT technical review
        found = self.raise_(
            "staff.health",
            "UPS kwa kompyuta za GoT-HoMIS, Kituo cha Afya Mlimba.",
            [("UPS 1500VA", "UPS units", 3, "450000")],
        )
        if found:
            self.up_to(found, "endorsed")
        # 5. reviewed, waiting for the Accounting Officer
        found = self.raise_(
            "hod.health",
            "Projekta kwa mafunzo ya watumishi wa afya.",
            [("Projekta 3600 lumens", "Projectors", 1, "1500000")],
        )
        if found:
            self.up_to(found, "reviewed", endorser=self.manager)
        # 6. approved, not yet ordered (committed in the budget)
        found = self.raise_(
            "staff.health",
            "Tableti kwa ukusanyaji wa takwimu za chanjo.",
            [("Tableti inchi 10", "Tablets", 4, "700000")],
        )
        if found:
            self.up_to(found, "approved")
        # 7. ordered: network switches for the ICT unit
        found = self.raise_(
            "technician",
            "Swichi za mtandao kwa jengo jipya la utawala.",
            [("Swichi ya mtandao 24 port", "Network switches", 2, "1200000")],
            budget=("TEHAMA", FundingSource.OWN_SOURCE),
        )
        if found:
            self.up_to(found, "approved", endorser=self.manager)
            switch = AssetModel.objects.filter(category__name_en="Network switches").first()
            self.order(
                found,
                f"KDC/LPO/{self.year.start_year}/002",
                suppliers[1 % len(suppliers)],
                ["1050000"],
                things=[switch],
            )
        # 8. partly received: three laptops ordered, two arrived and are in the register
        found = self.raise_(
            "staff.health",
            "Kompyuta mpakato tatu kwa waratibu wa huduma za afya.",
            [("Kompyuta mpakato inchi 14, Core i5, 8 GB", "Laptops", 3, "2100000")],
        )
        if found:
            self.up_to(found, "approved")
            order = self.order(found, f"KDC/LPO/{self.year.start_year}/001", suppliers[0], ["1850000"], things=[laptop])
            procurement.goods_receipt_record(
                actor=self.officer,
                order=order,
                received_on=self.today - dt.timedelta(days=6),
                delivery_note="DN-4471",
                invoice_number="INV-KCS-2291",
                committee_note="Kamati ya ukaguzi na upokeaji imekagua na kupokea kompyuta mbili; moja bado.",
                lines=[
                    {"order_line": order.lines.get(), "quantity": 2, "serial_numbers": ["5CD4281PR1", "5CD4281PR2"]}
                ],
            )
        # 9. received: toner, invoiced, payment pending
        toner = ConsumableItem.objects.filter(code="TONER-HP-59A").first()
        if toner is not None:
            found = self.raise_(
                "staff.finance",
                "Tona kwa printa za Idara ya Fedha.",
                [("Tona HP 59A", "Toner and ink", 6, "190000")],
                budget=("FEDHA", FundingSource.OWN_SOURCE),
            )
            if found:
                self.up_to(found, "approved", endorser=self.manager)
                order = self.order(
                    found, f"KDC/LPO/{self.year.start_year}/003", suppliers[-1], ["160000"], things=[toner]
                )
                procurement.goods_receipt_record(
                    actor=self.officer,
                    order=order,
                    received_on=self.today - dt.timedelta(days=3),
                    invoice_number="INV-TN-0091",
                    committee_note="Zimepokelewa zikiwa salama.",
                    lines=[{"order_line": order.lines.get(), "quantity": 6}],
                )
        # 10. closed: a printer delivered, invoiced and paid
        found = self.raise_(
            "hod.health",
            "Printa kwa ofisi ya takwimu za afya.",
            [("Printa ya leza", "Printers", 1, "1000000")],
        )
        if found:
            self.up_to(found, "approved", endorser=self.manager)
            order = self.order(found, f"KDC/LPO/{self.year.start_year}/004", suppliers[0], ["900000"], things=[printer])
            receipt = procurement.goods_receipt_record(
                actor=self.officer,
                order=order,
                received_on=self.today - dt.timedelta(days=14),
                invoice_number="INV-KCS-2240",
                committee_note="Imekaguliwa na kupokelewa.",
                lines=[{"order_line": order.lines.get(), "quantity": 1, "serial_numbers": ["VNB3K40PR9"]}],
            )
            procurement.goods_receipt_settle(
                actor=self.officer,
                receipt=receipt,
                invoice_number="INV-KCS-2240",
                payment_voucher="PV/AFYA/0457",
                paid_on=self.today - dt.timedelta(days=2),
            )
            procurement.requisition_close(actor=self.officer, requisition=found, comment="Malipo yamekamilika.")
        # 11. rejected by the head of department
        found = self.raise_(
            "staff.health",
            "Kompyuta mpakato ya pili kwa matumizi binafsi ofisini.",
            [("Kompyuta mpakato", "Laptops", 1, "2000000")],
        )
        if found:
            self.up_to(found, "submitted")
            procurement.requisition_reject(
                actor=self.hod, requisition=found, reason="Tayari una kompyuta inayofanya kazi."
            )
        # 12. cancelled by the requester
        found = self.raise_(
            "staff.finance",
            "Projekta kwa vikao vya bajeti.",
            [("Projekta", "Projectors", 1, "1400000")],
            budget=("FEDHA", FundingSource.OWN_SOURCE),
        )
        if found:
            procurement.requisition_cancel(
                actor=found.requested_by, requisition=found, reason="Tutatumia projekta ya ukumbi wa halmashauri."
            )
        if self.stdout:
            self.stdout.write(
                f"Procurement: {BudgetLine.objects.count()} budget lines, {Requisition.objects.count()} requisitions "
                f"({self.created} new), {PurchaseOrder.objects.count()} purchase orders."
            )


def seed(stdout=None):
    # All or nothing: a half-made requisition would be skipped (found by its purpose) on the next run.
    with transaction.atomic():
        DemoProcurement(stdout).run()

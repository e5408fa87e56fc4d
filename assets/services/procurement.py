"""Every change in procurement: budget lines, each step of a requisition, purchase orders and goods received.

Each workflow function is keyword-only, atomic, locks the requisition (or order) row, checks
`REQUISITION_TRANSITIONS` and who may act, writes a `RequisitionEvent`, and tells the next person by
e-mail after commit. Nobody endorses, reviews or approves a requisition they raised. Goods received
create assets through `asset_register` and ledger receipts through `consumable_receive`.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kilombero_ict.models import Department, User
from kilombero_ict.references import next_reference
from kilombero_ict.roles import ICT_ROLES, ROLE_GROUPS, Role, has_role, user_roles
from kilombero_ict.uploads import validate_upload

from ..mail import send_to_people
from ..models import (
    EDITABLE_STATUSES,
    REQUISITION_TRANSITIONS,
    AssetModel,
    BudgetLine,
    Category,
    ConsumableItem,
    GoodsReceipt,
    GoodsReceiptLine,
    PurchaseOrder,
    PurchaseOrderLine,
    Recommendation,
    Requisition,
    RequisitionDocument,
    RequisitionEvent,
    RequisitionLine,
    RequisitionStatus,
    Supplier,
)
from ..selectors.procurement import budget_line_figures
from .consumables import consumable_receive
from .register import asset_register, asset_update

S = RequisitionStatus
CENT = Decimal("0.01")


def _tsh(value: Decimal) -> str:
    return f"TSh {value.quantize(CENT):,.2f}".replace(".00", "")


def _lock(requisition: Requisition | int) -> Requisition:
    """The requisition row, read fresh and locked until the transaction ends.

    Its department and requester come in the same statement (for the checks and the mail) but are
    not locked: only the requisition's row is (`of=("self",)`).
    """
    pk = requisition.pk if isinstance(requisition, Requisition) else requisition
    return Requisition.objects.select_for_update(of=("self",)).select_related("department", "requested_by").get(pk=pk)


def _require_transition(requisition: Requisition, to_status: str) -> None:
    if to_status not in REQUISITION_TRANSITIONS[requisition.status]:
        raise ValidationError(
            _("%(ref)s is %(status)s and cannot become %(target)s.")
            % {
                "ref": requisition.reference,
                "status": S(requisition.status).label.lower(),
                "target": S(to_status).label.lower(),
            },
            code="transition",
        )


def _not_own(actor: User, requisition: Requisition) -> None:
    if requisition.requested_by_id == actor.pk:
        raise ValidationError(
            _("You raised %(ref)s, so somebody else must decide on it.") % {"ref": requisition.reference},
            code="own",
        )


def _move(requisition: Requisition, *, actor: User, to_status: str, comment: str = "") -> RequisitionEvent:
    _require_transition(requisition, to_status)
    from_status = requisition.status
    requisition.status = to_status
    requisition.save()
    return RequisitionEvent.objects.create(
        requisition=requisition,
        actor=actor,
        at=timezone.now(),
        from_status=from_status,
        to_status=to_status,
        comment=comment,
    )


def _people_with_role(role: str):
    return User.objects.filter(is_active=True, groups__name=ROLE_GROUPS[role]).distinct()


def _heads_of(department: Department):
    heads = list(_people_with_role(Role.HOD).filter(department=department))
    if not heads and department.head_id and department.head.is_active:
        heads = [department.head]
    return heads


STEP_SUBJECTS = {
    S.SUBMITTED: gettext_lazy("Requisition %(ref)s waits for your endorsement"),
    S.ENDORSED: gettext_lazy("Requisition %(ref)s waits for the ICT technical review"),
    S.REVIEWED: gettext_lazy("Requisition %(ref)s waits for your approval"),
    S.APPROVED: gettext_lazy("Requisition %(ref)s is approved"),
    S.RETURNED: gettext_lazy("Requisition %(ref)s was returned to you for changes"),
    S.REJECTED: gettext_lazy("Requisition %(ref)s was rejected"),
    S.CANCELLED: gettext_lazy("Requisition %(ref)s was cancelled"),
    S.PARTLY_RECEIVED: gettext_lazy("Part of requisition %(ref)s has arrived"),
    S.RECEIVED: gettext_lazy("Everything on requisition %(ref)s has arrived"),
}


def _tell_next(requisition: Requisition, event: RequisitionEvent, *, actor: User) -> None:
    """Queue mail (sent after commit) to whoever must act next, or to the requester when it concerns them."""
    status = requisition.status
    if status == S.SUBMITTED:
        people = _heads_of(requisition.department)
    elif status == S.ENDORSED:
        people = list(_people_with_role(Role.ICT_OFFICER))
    elif status == S.REVIEWED:
        people = list(_people_with_role(Role.MANAGEMENT))
    elif status == S.APPROVED:
        people = [requisition.requested_by, *_people_with_role(Role.ICT_OFFICER)]
    elif status in (S.RETURNED, S.REJECTED, S.CANCELLED, S.PARTLY_RECEIVED, S.RECEIVED):
        people = [requisition.requested_by]
    else:
        return
    seen = {actor.pk}
    recipients = []
    for person in people:
        if person.pk not in seen:
            seen.add(person.pk)
            recipients.append(person)
    send_to_people(
        recipients,
        subject=STEP_SUBJECTS[status],
        template="requisition_step",
        context={
            "ref": requisition.reference,
            "requisition": requisition,
            "event": event,
            "status_label": S(status).label,
            "path": requisition.get_absolute_url(),
        },
    )


# --- budget lines ------------------------------------------------------------------------------


@transaction.atomic
def budget_line_save(
    *,
    actor: User,
    fiscal_year: str,
    department: Department,
    funding_source: str,
    amount: Decimal,
    description: str = "",
) -> BudgetLine:
    """Create or update the budget line of (year, department, source). Guard: the ICT officer; amount not negative."""
    if not has_role(actor, Role.ICT_OFFICER):
        raise ValidationError(_("Only the ICT officer may do this."), code="not_ict_officer")
    line = (
        BudgetLine.objects.select_for_update()
        .filter(fiscal_year=fiscal_year, department=department, funding_source=funding_source)
        .first()
    ) or BudgetLine(fiscal_year=fiscal_year, department=department, funding_source=funding_source)
    line.amount = amount
    line.description = description
    line.full_clean(validate_unique=False)
    line.save()
    return line


# --- requisitions ------------------------------------------------------------------------------


def _check_lines(lines: list[dict]) -> list[dict]:
    clean = [line for line in lines if line]
    if not clean:
        raise ValidationError(_("Add at least one line: what you need, how many and the estimated price."))
    for line in clean:
        if not line.get("description", "").strip():
            raise ValidationError(_("Every line needs a description."))
        if not isinstance(line.get("category"), Category):
            raise ValidationError(_("Every line needs a category."))
        if not line.get("quantity") or line["quantity"] < 1:
            raise ValidationError(_("Enter a quantity of at least 1."))
        price = line.get("estimated_unit_price")
        if price is None or price < 0:
            raise ValidationError(_("Enter an estimated unit price of zero or more."))
    return clean


def _check_budget_line(budget_line: BudgetLine | None, department: Department) -> None:
    if budget_line is not None and budget_line.department_id != department.pk:
        raise ValidationError({"budget_line": _("Choose a budget line of the requisition's department.")})


def _write_lines(requisition: Requisition, lines: list[dict]) -> None:
    requisition.lines.all().delete()
    RequisitionLine.objects.bulk_create(
        RequisitionLine(
            requisition=requisition,
            description=line["description"].strip(),
            category=line["category"],
            quantity=line["quantity"],
            estimated_unit_price=line["estimated_unit_price"],
        )
        for line in lines
    )


@transaction.atomic
def requisition_create(
    *,
    actor: User,
    purpose: str,
    lines: list[dict],
    required_by: dt.date | None = None,
    budget_line: BudgetLine | None = None,
    department: Department | None = None,
) -> Requisition:
    """Raise a draft requisition (`PR-2026-0013`) for the actor's department.

    Guard: the actor holds a role and belongs to a department (ICT staff may raise for another
    department); at least one valid line; a budget line of that department. Side effect: a "draft" event.
    """
    roles = user_roles(actor)
    if not roles:
        raise ValidationError(_("Only council staff may raise a requisition."))
    if department is None or not roles.is_ict:
        department = actor.department
    if department is None:
        raise ValidationError(_("Your account has no department; ask the ICT unit to set it."))
    if not (purpose or "").strip():
        raise ValidationError({"purpose": _("Say what the equipment is for.")})
    if required_by is not None and required_by < timezone.localdate():
        raise ValidationError({"required_by": _("The date cannot be in the past.")})
    clean = _check_lines(lines)
    _check_budget_line(budget_line, department)
    requisition = Requisition.objects.create(
        reference=next_reference("PR", width=4),
        department=department,
        requested_by=actor,
        purpose=purpose.strip(),
        required_by=required_by,
        budget_line=budget_line,
        status=S.DRAFT,
    )
    _write_lines(requisition, clean)
    RequisitionEvent.objects.create(requisition=requisition, actor=actor, to_status=S.DRAFT)
    return requisition


@transaction.atomic
def requisition_update(
    *,
    actor: User,
    requisition: Requisition,
    purpose: str,
    lines: list[dict],
    required_by: dt.date | None = None,
    budget_line: BudgetLine | None = None,
) -> Requisition:
    """Change a draft or returned requisition. Guard: the requester only, while draft or returned."""
    requisition = _lock(requisition)
    if requisition.requested_by_id != actor.pk:
        raise ValidationError(_("Only the person who raised %(ref)s may change it.") % {"ref": requisition.reference})
    if requisition.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("%(ref)s is %(status)s and can no longer be changed.")
            % {"ref": requisition.reference, "status": S(requisition.status).label.lower()}
        )
    if not (purpose or "").strip():
        raise ValidationError({"purpose": _("Say what the equipment is for.")})
    clean = _check_lines(lines)
    _check_budget_line(budget_line, requisition.department)
    requisition.purpose = purpose.strip()
    requisition.required_by = required_by
    requisition.budget_line = budget_line
    requisition.save()
    _write_lines(requisition, clean)
    return requisition


@transaction.atomic
def requisition_submit(*, actor: User, requisition: Requisition, comment: str = "") -> Requisition:
    """Send a draft (or returned) requisition to the head of department. Guard: the requester; a budget line chosen."""
    requisition = _lock(requisition)
    if requisition.requested_by_id != actor.pk:
        raise ValidationError(_("Only the person who raised %(ref)s may submit it.") % {"ref": requisition.reference})
    _require_transition(requisition, S.SUBMITTED)
    if requisition.budget_line_id is None:
        raise ValidationError(_("Choose the budget line the purchase will be charged to before submitting."))
    event = _move(requisition, actor=actor, to_status=S.SUBMITTED, comment=comment)
    _tell_next(requisition, event, actor=actor)
    return requisition


def may_endorse(user: User, requisition: Requisition) -> bool:
    """The head of the requisition's department, or management standing in; never the requester."""
    roles = user_roles(user)
    if requisition.requested_by_id == user.pk:
        return False
    return (roles.is_hod and user.department_id == requisition.department_id) or roles.is_management


def may_review(user: User, requisition: Requisition) -> bool:
    return has_role(user, Role.ICT_OFFICER) and requisition.requested_by_id != user.pk


def may_approve(user: User, requisition: Requisition) -> bool:
    return (
        has_role(user, Role.MANAGEMENT)
        and user.has_perm("assets.approve_requisition")
        and requisition.requested_by_id != user.pk
    )


# Who decides at each step (reject and return are open to the same person).
DECIDERS = {S.SUBMITTED: may_endorse, S.ENDORSED: may_review, S.REVIEWED: may_approve}


@transaction.atomic
def requisition_endorse(*, actor: User, requisition: Requisition, comment: str = "") -> Requisition:
    """The head of department endorses a submitted requisition. Guard: `may_endorse`; not their own."""
    requisition = _lock(requisition)
    _not_own(actor, requisition)
    if not may_endorse(actor, requisition):
        raise ValidationError(_("Only the head of the department may endorse this requisition."))
    event = _move(requisition, actor=actor, to_status=S.ENDORSED, comment=comment)
    _tell_next(requisition, event, actor=actor)
    return requisition


@transaction.atomic
def requisition_review(
    *, actor: User, requisition: Requisition, recommendation: str, specification: str = "", comment: str = ""
) -> Requisition:
    """The ICT officer's technical review: writes the specification and recommends approve, reject or return.

    Approve or reject moves the requisition on to the Accounting Officer with the recommendation;
    return sends it back to the requester (a comment is then required).
    """
    requisition = _lock(requisition)
    _not_own(actor, requisition)
    if not may_review(actor, requisition):
        raise ValidationError(_("Only the ICT officer may do the technical review."))
    if recommendation not in Recommendation.values:
        raise ValidationError({"recommendation": _("Choose a recommendation.")})
    if recommendation == Recommendation.RETURN:
        if not comment.strip():
            raise ValidationError({"comment": _("Say what must change.")})
        target = S.RETURNED
    else:
        if recommendation == Recommendation.REJECT and not comment.strip():
            raise ValidationError({"comment": _("Give the reason for recommending rejection.")})
        target = S.REVIEWED
    _require_transition(requisition, target)
    requisition.specification = specification.strip()
    requisition.recommendation = recommendation
    event = _move(requisition, actor=actor, to_status=target, comment=comment)
    _tell_next(requisition, event, actor=actor)
    return requisition


@transaction.atomic
def requisition_approve(*, actor: User, requisition: Requisition, comment: str = "") -> Requisition:
    """The Accounting Officer approves. Guard: management with `approve_requisition`; not their own;
    the budget line must still cover the estimate (figures in TSh in the refusal).

    The budget line is locked too, so two approvals against one line cannot both spend the last shilling.
    """
    requisition = _lock(requisition)
    _not_own(actor, requisition)
    if not may_approve(actor, requisition):
        raise ValidationError(_("Only the Accounting Officer (management) may approve requisitions."))
    _require_transition(requisition, S.APPROVED)
    if requisition.budget_line_id is None:
        raise ValidationError(_("%(ref)s has no budget line to charge.") % {"ref": requisition.reference})
    BudgetLine.objects.select_for_update().filter(pk=requisition.budget_line_id).get()
    line = budget_line_figures(requisition.budget_line_id)
    estimate = sum((item.estimated_total for item in requisition.lines.all()), Decimal("0.00"))
    if line.remaining - estimate < 0:
        raise ValidationError(
            _(
                "Approval refused: %(ref)s needs %(estimate)s but the budget line %(line)s has only %(remaining)s "
                "left (amount %(amount)s, committed %(committed)s, spent %(spent)s); it would be %(short)s short."
            )
            % {
                "ref": requisition.reference,
                "estimate": _tsh(estimate),
                "line": str(line),
                "remaining": _tsh(line.remaining),
                "amount": _tsh(line.amount),
                "committed": _tsh(line.committed),
                "spent": _tsh(line.spent),
                "short": _tsh(estimate - line.remaining),
            },
            code="over_budget",
        )
    event = _move(requisition, actor=actor, to_status=S.APPROVED, comment=comment)
    _tell_next(requisition, event, actor=actor)
    return requisition


def _decider_check(actor: User, requisition: Requisition) -> None:
    check = DECIDERS.get(requisition.status)
    if check is None or not check(actor, requisition):
        raise ValidationError(
            _("%(ref)s is %(status)s; only the person who decides at this step may do this.")
            % {"ref": requisition.reference, "status": S(requisition.status).label.lower()}
        )


@transaction.atomic
def requisition_reject(*, actor: User, requisition: Requisition, reason: str) -> Requisition:
    """Whoever decides at the current step rejects, with a reason. Final."""
    requisition = _lock(requisition)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason.")})
    _require_transition(requisition, S.REJECTED)
    _not_own(actor, requisition)
    _decider_check(actor, requisition)
    requisition.reason = reason.strip()
    event = _move(requisition, actor=actor, to_status=S.REJECTED, comment=reason.strip())
    _tell_next(requisition, event, actor=actor)
    return requisition


@transaction.atomic
def requisition_return(*, actor: User, requisition: Requisition, comment: str) -> Requisition:
    """Whoever decides at the current step sends it back to the requester for changes, saying what to change."""
    requisition = _lock(requisition)
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Say what must change.")})
    _require_transition(requisition, S.RETURNED)
    _not_own(actor, requisition)
    _decider_check(actor, requisition)
    event = _move(requisition, actor=actor, to_status=S.RETURNED, comment=comment.strip())
    _tell_next(requisition, event, actor=actor)
    return requisition


def may_cancel(user: User, requisition: Requisition) -> bool:
    return requisition.requested_by_id == user.pk or has_role(user, Role.ICT_OFFICER)


@transaction.atomic
def requisition_cancel(*, actor: User, requisition: Requisition, reason: str) -> Requisition:
    """The requester (or the ICT officer) cancels at any open step before ordering, with a reason."""
    requisition = _lock(requisition)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason.")})
    if not may_cancel(actor, requisition):
        raise ValidationError(_("Only the person who raised it or the ICT officer may cancel a requisition."))
    _require_transition(requisition, S.CANCELLED)
    requisition.reason = reason.strip()
    event = _move(requisition, actor=actor, to_status=S.CANCELLED, comment=reason.strip())
    _tell_next(requisition, event, actor=actor)
    return requisition


@transaction.atomic
def requisition_close(*, actor: User, requisition: Requisition, comment: str = "") -> Requisition:
    """The ICT officer closes a fully received requisition once every delivery is invoiced and paid."""
    requisition = _lock(requisition)
    if not has_role(actor, Role.ICT_OFFICER):
        raise ValidationError(_("Only the ICT officer may do this."), code="not_ict_officer")
    _require_transition(requisition, S.CLOSED)
    unpaid = GoodsReceipt.objects.filter(order__requisition=requisition).filter(
        Q(invoice_number="") | Q(payment_voucher="") | Q(paid_on__isnull=True)
    )
    if unpaid.exists():
        raise ValidationError(_("Record the invoice, payment voucher and paid date of every delivery first."))
    _move(requisition, actor=actor, to_status=S.CLOSED, comment=comment)
    return requisition


def requisition_abilities(user: User, requisition: Requisition) -> dict:
    """What `user` may do on this requisition now (flags for the page; the services check again)."""
    status = requisition.status
    own = requisition.requested_by_id == user.pk
    transitions = REQUISITION_TRANSITIONS[status]
    decider = DECIDERS.get(status)
    decides = bool(decider and decider(user, requisition))
    officer = has_role(user, Role.ICT_OFFICER)
    return {
        "edit": own and status in EDITABLE_STATUSES,
        "submit": own and S.SUBMITTED in transitions,
        "endorse": status == S.SUBMITTED and may_endorse(user, requisition),
        "review": status == S.ENDORSED and may_review(user, requisition),
        "approve": status == S.REVIEWED and may_approve(user, requisition),
        "reject": decides and S.REJECTED in transitions,
        "return": decides and S.RETURNED in transitions,
        "cancel": S.CANCELLED in transitions and may_cancel(user, requisition),
        "order": officer and status in (S.APPROVED, S.ORDERED),
        "close": officer and status == S.RECEIVED,
        "add_document": may_add_document(user, requisition),
    }


# --- purchase orders ---------------------------------------------------------------------------


@transaction.atomic
def purchase_order_create(
    *,
    actor: User,
    requisition: Requisition,
    supplier: Supplier,
    lpo_number: str,
    lines: list[dict],
    nest_reference: str = "",
    order_date: dt.date | None = None,
    expected_delivery: dt.date | None = None,
    vat_rate: Decimal | None = None,
    notes: str = "",
) -> PurchaseOrder:
    """Issue an LPO for lines of an approved requisition; the requisition becomes "ordered".

    Guard: the ICT officer; the requisition approved (or already ordered, for a second supplier);
    an unused LPO number; each line tied to a line of this requisition, not more than was asked for
    over all orders; tracked categories name an asset model of that category, consumables an item.
    """
    if not has_role(actor, Role.ICT_OFFICER):
        raise ValidationError(_("Only the ICT officer may do this."), code="not_ict_officer")
    requisition = _lock(requisition)
    if requisition.status not in (S.APPROVED, S.ORDERED):
        raise ValidationError(
            _("%(ref)s is %(status)s; only approved requisitions can be ordered.")
            % {"ref": requisition.reference, "status": S(requisition.status).label.lower()}
        )
    lpo_number = (lpo_number or "").strip()
    if not lpo_number:
        raise ValidationError({"lpo_number": _("Enter the LPO number.")})
    if PurchaseOrder.objects.filter(lpo_number__iexact=lpo_number).exists():
        raise ValidationError({"lpo_number": _("The LPO number %(lpo)s is already recorded.") % {"lpo": lpo_number}})
    order_date = order_date or timezone.localdate()
    if expected_delivery is not None and expected_delivery < order_date:
        raise ValidationError({"expected_delivery": _("Delivery cannot be expected before the order date.")})
    wanted = [line for line in lines if line and line.get("quantity")]
    if not wanted:
        raise ValidationError(_("Order at least one line."))
    own_lines = {line.pk: line for line in requisition.lines.select_related("category")}
    already = {}
    for row in PurchaseOrderLine.objects.filter(requisition_line__requisition=requisition).values(
        "requisition_line", "quantity"
    ):
        already[row["requisition_line"]] = already.get(row["requisition_line"], 0) + row["quantity"]
    order = PurchaseOrder(
        lpo_number=lpo_number,
        nest_reference=(nest_reference or "").strip(),
        requisition=requisition,
        supplier=supplier,
        order_date=order_date,
        expected_delivery=expected_delivery,
        vat_rate=Decimal("18.00") if vat_rate is None else vat_rate,
        notes=notes,
        created_by=actor,
    )
    order.full_clean(exclude=["requisition", "supplier", "created_by"])
    made = []
    for line in wanted:
        req_line = own_lines.get(getattr(line.get("requisition_line"), "pk", None))
        if req_line is None:
            raise ValidationError(_("Each order line must buy a line of %(ref)s.") % {"ref": requisition.reference})
        quantity = line["quantity"]
        if quantity < 1:
            raise ValidationError(_("Enter a quantity of at least 1."))
        if already.get(req_line.pk, 0) + quantity > req_line.quantity:
            raise ValidationError(
                _("%(what)s: %(asked)s asked for, %(ordered)s already ordered; %(more)s more cannot be ordered.")
                % {
                    "what": req_line.description,
                    "asked": req_line.quantity,
                    "ordered": already.get(req_line.pk, 0),
                    "more": quantity,
                }
            )
        already[req_line.pk] = already.get(req_line.pk, 0) + quantity
        unit_price = line.get("unit_price")
        if unit_price is None or unit_price < 0:
            raise ValidationError(_("Enter a unit price of zero or more."))
        asset_model: AssetModel | None = line.get("asset_model")
        item: ConsumableItem | None = line.get("consumable_item")
        if req_line.category.tracked_individually:
            if asset_model is None or not asset_model.category.tracked_individually:
                raise ValidationError(
                    _("%(what)s: choose the asset model; each unit will be registered as an asset.")
                    % {"what": req_line.description}
                )
            item = None
        else:
            if item is None:
                raise ValidationError(
                    _("%(what)s: choose the consumable item the store will receive.") % {"what": req_line.description}
                )
            asset_model = None
        made.append(
            PurchaseOrderLine(
                requisition_line=req_line,
                description=(line.get("description") or req_line.description).strip(),
                quantity=quantity,
                unit_price=unit_price,
                asset_model=asset_model,
                consumable_item=item,
                warranty_months=12 if line.get("warranty_months") is None else line["warranty_months"],
            )
        )
    try:
        with transaction.atomic():
            order.save()
    except IntegrityError:
        raise ValidationError(
            {"lpo_number": _("The LPO number %(lpo)s is already recorded.") % {"lpo": lpo_number}}
        ) from None
    for line in made:
        line.order = order
    PurchaseOrderLine.objects.bulk_create(made)
    if requisition.status == S.APPROVED:
        _move(
            requisition,
            actor=actor,
            to_status=S.ORDERED,
            comment=_("LPO %(lpo)s to %(supplier)s") % {"lpo": lpo_number, "supplier": supplier.name},
        )
    return order


# --- goods received ----------------------------------------------------------------------------


def _add_months(day: dt.date, months: int) -> dt.date:
    from .maintenance import add_months

    return add_months(day, months)


@transaction.atomic
def goods_receipt_record(
    *,
    actor: User,
    order: PurchaseOrder,
    lines: list[dict],
    received_on: dt.date | None = None,
    delivery_note: str = "",
    committee_note: str = "",
    invoice_number: str = "",
) -> GoodsReceipt:
    """Record a delivery against an order: quantities per line, serials for tracked equipment.

    Guard: ICT staff; the order's requisition ordered or partly received; at least one unit; never
    more than ordered over all deliveries; one distinct serial number per unit of tracked equipment.
    Side effects: an asset in store per unit (supplier, cost with VAT, LPO, invoice, dates, warranty,
    the requisition's department and funding source), a ledger receipt per consumable line, and the
    requisition moves to partly received or received.
    """
    if not has_role(actor, *ICT_ROLES):
        raise ValidationError(_("Only ICT staff may do this."), code="not_ict")
    order = PurchaseOrder.objects.select_for_update().get(pk=order.pk)
    requisition = _lock(order.requisition_id)
    if requisition.status not in (S.ORDERED, S.PARTLY_RECEIVED):
        raise ValidationError(
            _("%(ref)s is %(status)s; nothing more can be received on it.")
            % {"ref": requisition.reference, "status": S(requisition.status).label.lower()}
        )
    received_on = received_on or timezone.localdate()
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date cannot be in the future.")})
    if received_on < order.order_date:
        raise ValidationError({"received_on": _("Goods cannot arrive before the order date.")})
    order_lines = {
        line.pk: line
        for line in order.lines.select_related("asset_model", "consumable_item", "requisition_line__category")
    }
    received = {}
    for row in GoodsReceiptLine.objects.filter(order_line__order=order).values("order_line", "quantity"):
        received[row["order_line"]] = received.get(row["order_line"], 0) + row["quantity"]
    wanted = [line for line in lines if line and line.get("quantity")]
    if not wanted:
        raise ValidationError(_("Enter the quantity received on at least one line."))
    seen_serials = set()
    for line in wanted:
        order_line = order_lines.get(getattr(line.get("order_line"), "pk", None))
        if order_line is None:
            raise ValidationError(_("Each received line must be a line of LPO %(lpo)s.") % {"lpo": order.lpo_number})
        quantity = line["quantity"]
        if quantity < 0:
            raise ValidationError(_("A quantity cannot be negative."))
        before = received.get(order_line.pk, 0)
        if before + quantity > order_line.quantity:
            raise ValidationError(
                _(
                    "%(what)s: %(ordered)s ordered, %(before)s already received; receiving %(now)s more "
                    "would be more than was ordered."
                )
                % {"what": order_line.description, "ordered": order_line.quantity, "before": before, "now": quantity}
            )
        received[order_line.pk] = before + quantity
        if order_line.asset_model_id:
            serials = [s.strip() for s in line.get("serial_numbers") or [] if s and s.strip()]
            if len(serials) != quantity:
                raise ValidationError(
                    _("%(what)s: give one serial number per unit received (%(count)s).")
                    % {"what": order_line.description, "count": quantity}
                )
            for serial in serials:
                if serial.upper() in seen_serials:
                    raise ValidationError(_("The serial number %(serial)s is given twice.") % {"serial": serial})
                seen_serials.add(serial.upper())
            line["serial_numbers"] = serials
    receipt = GoodsReceipt.objects.create(
        reference=next_reference("GRN", width=4),
        order=order,
        received_on=received_on,
        delivery_note=delivery_note.strip(),
        committee_note=committee_note.strip(),
        invoice_number=invoice_number.strip(),
        received_by=actor,
    )
    supplier = order.supplier
    funding = requisition.budget_line.funding_source if requisition.budget_line_id else ""
    department = Department.objects.get(pk=requisition.department_id)
    for line in wanted:
        order_line = order_lines[line["order_line"].pk]
        gross_unit = (order_line.unit_price * (100 + order.vat_rate) / 100).quantize(CENT)
        receipt_line = GoodsReceiptLine.objects.create(
            receipt=receipt,
            order_line=order_line,
            quantity=line["quantity"],
            serial_numbers=line.get("serial_numbers") or [],
        )
        if order_line.asset_model_id:
            made = []
            for serial in receipt_line.serial_numbers:
                try:
                    asset = asset_register(
                        actor=actor,
                        model=order_line.asset_model,
                        serial_number=serial,
                        department=department,
                        supplier=supplier,
                        purchase_date=received_on,
                        purchase_cost=gross_unit,
                        order_number=order.lpo_number,
                        invoice_number=receipt.invoice_number,
                        funding_source=funding,
                        warranty_end=_add_months(received_on, order_line.warranty_months)
                        if order_line.warranty_months
                        else None,
                        notes=_("Received on %(grn)s for %(ref)s.")
                        % {"grn": receipt.reference, "ref": requisition.reference},
                    )
                except ValidationError as exc:
                    raise ValidationError(
                        _("%(what)s, serial %(serial)s: %(problem)s")
                        % {"what": order_line.description, "serial": serial, "problem": " ".join(exc.messages)}
                    ) from None
                made.append(asset)
            receipt_line.assets.set(made)
        elif order_line.consumable_item_id:
            receipt_line.movement = consumable_receive(
                actor=actor,
                item=order_line.consumable_item,
                quantity=line["quantity"],
                supplier=supplier,
                order_number=order.lpo_number,
                invoice_number=receipt.invoice_number,
                unit_cost=gross_unit,
                occurred_on=received_on,
                note=_("Received on %(grn)s for %(ref)s.") % {"grn": receipt.reference, "ref": requisition.reference},
            )
            receipt_line.save(update_fields=["movement"])
    _update_received_status(requisition, actor=actor, receipt=receipt)
    return receipt


def _update_received_status(requisition: Requisition, *, actor: User, receipt: GoodsReceipt) -> None:
    ordered = {}
    for row in PurchaseOrderLine.objects.filter(order__requisition=requisition).values("requisition_line", "quantity"):
        ordered[row["requisition_line"]] = ordered.get(row["requisition_line"], 0) + row["quantity"]
    arrived = {}
    for row in GoodsReceiptLine.objects.filter(order_line__order__requisition=requisition).values(
        "order_line__requisition_line", "quantity"
    ):
        key = row["order_line__requisition_line"]
        arrived[key] = arrived.get(key, 0) + row["quantity"]
    asked = dict(requisition.lines.values_list("pk", "quantity"))
    complete = all(arrived.get(pk, 0) >= quantity for pk, quantity in asked.items()) or (
        all(arrived.get(pk, 0) >= quantity for pk, quantity in ordered.items())
        and all(ordered.get(pk, 0) >= quantity for pk, quantity in asked.items())
    )
    target = S.RECEIVED if complete else S.PARTLY_RECEIVED
    if target == requisition.status:
        return
    event = _move(requisition, actor=actor, to_status=target, comment=receipt.reference)
    _tell_next(requisition, event, actor=actor)


@transaction.atomic
def goods_receipt_settle(
    *,
    actor: User,
    receipt: GoodsReceipt,
    invoice_number: str,
    payment_voucher: str = "",
    paid_on: dt.date | None = None,
) -> GoodsReceipt:
    """Record the supplier's invoice and the payment of a delivery (the money side).

    Guard: the ICT officer; an invoice number; a paid date needs a voucher and is not in the future.
    Side effect: assets of the delivery that had no invoice number get this one (through `asset_update`).
    """
    if not has_role(actor, Role.ICT_OFFICER):
        raise ValidationError(_("Only the ICT officer may do this."), code="not_ict_officer")
    receipt = GoodsReceipt.objects.select_for_update().get(pk=receipt.pk)
    invoice_number = (invoice_number or "").strip()
    if not invoice_number:
        raise ValidationError({"invoice_number": _("Enter the invoice number.")})
    if paid_on is not None and not (payment_voucher or "").strip():
        raise ValidationError({"payment_voucher": _("Enter the payment voucher number of the payment.")})
    if paid_on is not None and paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("The date cannot be in the future.")})
    receipt.invoice_number = invoice_number
    receipt.payment_voucher = (payment_voucher or "").strip()
    receipt.paid_on = paid_on
    receipt.save()
    for line in receipt.lines.prefetch_related("assets"):
        for asset in line.assets.all():
            if not asset.invoice_number:
                asset_update(actor=actor, asset=asset, invoice_number=invoice_number)
    return receipt


# --- documents ---------------------------------------------------------------------------------

DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
FINAL_STATUSES = (S.CLOSED, S.REJECTED, S.CANCELLED)


def may_add_document(user: User, requisition: Requisition) -> bool:
    """The requester, the heads and approvers on its way, and ICT staff, while the requisition is not final."""
    if requisition.status in FINAL_STATUSES:
        return False
    roles = user_roles(user)
    return (
        requisition.requested_by_id == user.pk
        or roles.is_ict
        or roles.is_management
        or (roles.is_hod and user.department_id == requisition.department_id)
    )


@transaction.atomic
def requisition_document_add(*, actor: User, requisition: Requisition, uploaded, title: str) -> RequisitionDocument:
    """Keep a quotation, specification or signed form with a requisition.

    Guard: `may_add_document`; a title; a PDF, office document or image whose content matches its
    name, at most 10 MB. Side effect: a history line naming the document.
    """
    requisition = _lock(requisition)
    if not may_add_document(actor, requisition):
        raise ValidationError(_("You cannot add documents to %(ref)s.") % {"ref": requisition.reference})
    if not (title or "").strip():
        raise ValidationError({"title": _("Give the document a title.")})
    name = validate_upload(uploaded, kinds=("pdf", "office", "image"), max_bytes=DOCUMENT_MAX_BYTES)
    document = RequisitionDocument(
        requisition=requisition, title=title.strip(), file_name=name, uploaded_by=actor, uploaded_at=timezone.now()
    )
    document.file.save(name, uploaded, save=False)
    document.save()
    RequisitionEvent.objects.create(
        requisition=requisition,
        actor=actor,
        from_status=requisition.status,
        to_status=requisition.status,
        comment=_("Document added: %(title)s") % {"title": document.title},
    )
    return document

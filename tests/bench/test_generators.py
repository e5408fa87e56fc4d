"""The benchmark's data generators at a small scale: consistent rows, sequences past them, pages that resolve.

The generators load with COPY and skip the services, so these tests check what the services would
otherwise guarantee: references and tags continue after the generated ones, acknowledgements carry
the fingerprint of the text shown, requisitions have the history their status implies, the approval
actions have enough fresh rows, and every page the harness measures is a real address of the portal.

The data set is made once for the module, inside a transaction that is rolled back when the module
ends (so later tests see the empty database); each test runs in a savepoint inside it (`db`), so
what one test changes is gone before the next.
"""

import pytest
from django.db import connection, transaction
from django.urls import Resolver404, resolve
from django.utils import translation

from bench import corpus, pages
from bench.data import run_generators

SCALE = 0.01
APPS = ["kilombero_ict", "assets", "procurement", "helpdesk", "policies", "risk"]


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            corpus.start_run(SCALE)
            steps = run_generators(SCALE, echo=lambda message: None, names=APPS)
            # Check the deferred foreign keys of the generated rows now, once: otherwise every test's
            # savepoint would queue them again and check them at its end.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield {step.name: step for step in steps}
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def bench_data(generated, db):
    corpus.start_run(SCALE)
    return generated


def test_every_generator_runs_and_reports_its_rows(bench_data):
    assert [name for name, step in bench_data.items() if step.skipped] == []
    assert bench_data["assets"].rows["assets"] == corpus.scaled_count(20000, SCALE, minimum=200)
    assert bench_data["helpdesk"].rows["tickets"] == corpus.scaled("tickets", SCALE)
    replies = bench_data["helpdesk"].rows["replies and notes"] + bench_data["helpdesk"].rows["status events"]
    assert replies == corpus.scaled("followups", SCALE)  # one row per follow-up, as django-helpdesk holds them
    assert bench_data["policies"].rows["versions"] == 60
    assert bench_data["risk"].rows["risks"] == 200
    assert bench_data["procurement"].rows["requisitions"] == corpus.scaled_count(2000, SCALE, minimum=300)


def test_tickets_are_the_corpus_tickets_with_references_numbered_per_year(bench_data):
    from helpdesk.models import Ticket

    run = corpus.current_run()
    data = corpus.tickets(run.scale, run.anchor, run.seed)
    showcase = Ticket.objects.get(pk=data.showcase)
    expected = data.tickets[data.showcase - 1]
    assert (showcase.subject, showcase.status, showcase.requester.username) == (
        expected.subject,
        expected.status,
        expected.requester,
    )
    assert showcase.replies.count() + showcase.events.count() == 12
    references = list(Ticket.objects.values_list("reference", flat=True))
    assert len(set(references)) == len(references)


def test_new_references_and_tags_continue_after_the_generated_ones(bench_data):
    from django.db import transaction

    from assets.models import Asset
    from assets.services.tags import next_asset_tag
    from helpdesk.models import Ticket
    from kilombero_ict.references import next_reference
    from risk.models import Risk

    with transaction.atomic():
        ticket_ref = next_reference("T", width=5)
        tag = next_asset_tag()
        risk_ref = next_reference("R", width=3)
    assert not Ticket.objects.filter(reference=ticket_ref).exists()
    year_prefix = ticket_ref.rsplit("-", 1)[0]
    numbers = [int(r.rsplit("-", 1)[1]) for r in Ticket.objects.filter(reference__startswith=year_prefix + "-")
               .values_list("reference", flat=True)]  # fmt: skip
    assert int(ticket_ref.rsplit("-", 1)[1]) == max(numbers, default=0) + 1
    assert not Asset.objects.filter(tag__iexact=tag).exists()
    assert not Risk.objects.filter(reference=risk_ref).exists()


def test_requisitions_have_the_history_their_status_implies(bench_data):
    from assets.models import (
        REQUISITION_TRANSITIONS,
        BudgetLine,
        GoodsReceiptLine,
        PurchaseOrderLine,
        Requisition,
        RequisitionEvent,
        RequisitionStatus,
    )
    from kilombero_ict.models import Department

    run = corpus.current_run()
    statuses = dict(Requisition.objects.values_list("id", "status"))
    assert set(statuses.values()) == set(RequisitionStatus.values)  # every stage has rows
    reached = {}
    for requisition, from_status, to_status, at in RequisitionEvent.objects.order_by("at", "id").values_list(
        "requisition", "from_status", "to_status", "at"
    ):
        previous = reached.get(requisition, "")
        assert from_status == previous
        assert previous == "" or to_status in REQUISITION_TRANSITIONS[previous], (previous, to_status)
        assert at <= run.anchor
        reached[requisition] = to_status
    assert reached == statuses
    # Every department has budget lines for two fiscal years, and none is overspent.
    years = set(BudgetLine.objects.values_list("fiscal_year", flat=True))
    assert len(years) == 2
    assert BudgetLine.objects.values("department").distinct().count() == Department.objects.count()
    # What was ordered and what arrived agree with the status.
    ordered, arrived = {}, {}
    for requisition, quantity in PurchaseOrderLine.objects.values_list("order__requisition", "quantity"):
        ordered[requisition] = ordered.get(requisition, 0) + quantity
    for requisition, quantity in GoodsReceiptLine.objects.values_list("order_line__order__requisition", "quantity"):
        arrived[requisition] = arrived.get(requisition, 0) + quantity
    for pk, status in statuses.items():
        if status in ("ordered", "partly_received", "received", "closed"):
            assert ordered.get(pk), status
        else:
            assert pk not in ordered, status
        if status in ("received", "closed"):
            assert arrived[pk] == ordered[pk]
        elif status == "partly_received":
            assert 0 < arrived[pk] < ordered[pk]
        else:
            assert pk not in arrived


def test_procurement_references_continue_after_the_generated_ones(bench_data):
    from assets.models import GoodsReceipt, Requisition
    from kilombero_ict.references import next_reference

    with transaction.atomic():
        requisition_ref = next_reference("PR", width=4)
        receipt_ref = next_reference("GRN", width=4)
    assert not Requisition.objects.filter(reference=requisition_ref).exists()
    assert not GoodsReceipt.objects.filter(reference=receipt_ref).exists()
    year_prefix = requisition_ref.rsplit("-", 1)[0]
    numbers = [
        int(r.rsplit("-", 1)[1])
        for r in Requisition.objects.filter(reference__startswith=year_prefix + "-").values_list("reference", flat=True)
    ]
    assert int(requisition_ref.rsplit("-", 1)[1]) == max(numbers, default=0) + 1


def test_the_requisition_approval_has_a_fresh_requisition_for_every_submission(bench_data):
    from assets.models import Requisition, RequisitionStatus
    from assets.selectors.procurement import budget_lines_with_figures, with_totals
    from assets.services.procurement import requisition_approve
    from kilombero_ict.models import User

    pages._REVIEWED.clear()
    first, second = pages.nth_reviewed_requisition_url(0), pages.nth_reviewed_requisition_url(64)
    assert first != second and pages.nth_reviewed_requisition_approve_url(0) == first + "approve/"
    resolve(pages.nth_reviewed_requisition_approve_url(0))
    # The budget lines cover approving all of them (the service refuses an approval beyond what remains)...
    needed = {}
    for requisition in with_totals(Requisition.objects.filter(reference__in=pages._REVIEWED[:65])):
        needed[requisition.budget_line_id] = needed.get(requisition.budget_line_id, 0) + requisition.estimated_total
    remaining = {line.pk: line.remaining for line in budget_lines_with_figures().filter(pk__in=needed)}
    assert all(remaining[pk] >= amount for pk, amount in needed.items())
    # ... and management's benchmark account may approve them.
    manager = User.objects.get(username=corpus.SIGN_IN_AS[corpus.MANAGEMENT])
    requisition = Requisition.objects.get(reference=pages._REVIEWED[0])
    assert requisition_approve(actor=manager, requisition=requisition).status == RequisitionStatus.APPROVED


def test_acknowledgements_carry_the_fingerprint_of_the_text_shown(bench_data):
    from policies.markdown import text_fingerprint
    from policies.models import Acknowledgement

    assert Acknowledgement.objects.count() == corpus.scaled_count(50000, SCALE, minimum=500)
    for ack in Acknowledgement.objects.select_related("version__document")[:50]:
        version = ack.version
        title = version.document.title_en if ack.language == "en" else version.document.title_sw
        assert ack.text_sha256 == text_fingerprint(
            title=title, number=version.number, html=version.html_in(ack.language)
        )
        assert ack.accepted_at >= version.published_at


def test_the_approval_action_has_a_fresh_acceptance_for_every_submission(bench_data):
    from risk.models import RiskAcceptance

    proposed = RiskAcceptance.objects.filter(status="proposed", risk__status="assessed").count()
    assert proposed >= 5 + 60  # the harness's default warm-up + rounds
    pages._PROPOSED.clear()
    assert pages.nth_proposed_acceptance_url(0) != pages.nth_proposed_acceptance_url(1)


def test_pages_found_in_the_data_resolve(bench_data):
    for find in (
        pages.showcase_ticket_url,
        pages.own_ticket_url,
        pages.busiest_asset_url,
        pages.busiest_consumable_url,
        pages.fullest_licence_url,
        pages.busiest_risk_url,
        pages.first_policy_url,
        pages.superseded_version_url,
        pages.busiest_requisition_url,
        pages.fullest_order_url,
    ):
        resolve(find().split("?")[0])


def test_every_fixed_page_and_form_is_an_address_of_the_portal(settings):
    settings.BENCH = True
    for spec in [*pages.PAGES, *pages.ACTIONS]:
        url = spec.url if isinstance(spec, pages.Page) else spec.form_url
        if callable(url):
            continue
        path = url.split("?")[0]
        try:
            with translation.override("en" if path.startswith("/en/") else "sw"):
                resolve(path)
        except Resolver404:  # pragma: no cover - the assertion below names the page
            pytest.fail(f"{spec.name}: {url} is not an address of the portal")


def test_the_attachment_is_a_real_png():
    name, content_type, data = pages.small_attachment(0)["attachments"]
    assert name.endswith(".png") and content_type == "image/png"
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) < 5000

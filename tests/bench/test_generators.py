"""The benchmark's data generators at a small scale: consistent rows, sequences past them, pages that resolve.

The generators load with COPY and skip the services, so these tests check what the services would
otherwise guarantee: references and tags continue after the generated ones, acknowledgements carry
the fingerprint of the text shown, the approval action has enough fresh rows, and every page the
harness measures is a real address of the portal.
"""

import pytest
from django.urls import Resolver404, resolve
from django.utils import translation

from bench import corpus, pages
from bench.data import run_generators

SCALE = 0.01
APPS = ["kilombero_ict", "assets", "helpdesk", "policies", "risk"]


@pytest.fixture
def bench_data(db):
    corpus.start_run(SCALE)
    steps = run_generators(SCALE, echo=lambda message: None, names=APPS)
    return {step.name: step for step in steps}


def test_every_generator_runs_and_reports_its_rows(bench_data):
    assert [name for name, step in bench_data.items() if step.skipped] == []
    assert bench_data["assets"].rows["assets"] == corpus.scaled_count(20000, SCALE, minimum=200)
    assert bench_data["helpdesk"].rows["tickets"] == corpus.scaled("tickets", SCALE)
    replies = bench_data["helpdesk"].rows["replies and notes"] + bench_data["helpdesk"].rows["status events"]
    assert replies == corpus.scaled("followups", SCALE)  # one row per follow-up, as django-helpdesk holds them
    assert bench_data["policies"].rows["versions"] == 60
    assert bench_data["risk"].rows["risks"] == 200


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

"""Query counts of filing a request and of its form, and the quick form markup (issue 11)."""

import re
import uuid
from html.parser import HTMLParser

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail as outbox
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from helpdesk import forms
from helpdesk.models import OutboundMail, Ticket
from tests.conftest import signed_in

from .factories import category, png

# Session, user (with roles), category; the form's key; holidays, SLA target, reference; ticket, event,
# file; organisation, mail; the key's target; the mail claimed and sent after commit; two savepoint
# statements of the service inside the key's transaction.
FILING_QUERIES = 16


def filing_data(n=0):
    return {
        "category": category().pk,
        "subject": f"Printa inakwama ({n})",
        "description": "Kila karatasi ya pili inakwama.",
        "impact": 2,
        "urgency": 2,
        "contact_phone": "0754 000 111",
        "attachments": [png()],
        "submission_key": str(uuid.uuid4()),
    }


@pytest.mark.django_db(transaction=True)
def test_filing_a_request_with_a_file_runs_a_fixed_number_of_queries(people):
    client = signed_in(people["staff"])
    client.get(reverse("helpdesk:new"), {"subject": "printa"})
    data = filing_data()
    ContentType.objects.get_for_model(Ticket)  # cached for the life of a process, as in any worker after its first form
    with CaptureQueriesContext(connection) as captured:
        response = client.post(reverse("helpdesk:new"), data)
    assert response.status_code == 302
    statements = [q["sql"] for q in captured.captured_queries if not q["sql"].startswith(("BEGIN", "COMMIT"))]
    assert len(statements) == FILING_QUERIES, "\n".join(sql[:120] for sql in statements)
    ticket = Ticket.objects.get()
    assert ticket.attachments.count() == 1
    assert OutboundMail.objects.get(ticket=ticket).sent_at is not None and len(outbox.outbox) == 1


@pytest.mark.django_db
def test_the_request_form_runs_the_same_queries_whatever_equipment_the_person_holds(people, django_assert_num_queries):
    from assets.models import AssetStatus
    from tests.assets.factories import AssetFactory

    def hold():
        AssetFactory(holder_user=people["staff"], status=AssetStatus.DEPLOYED)

    client = signed_in(people["staff"])
    path = reverse("helpdesk:new")
    hold()
    client.get(path, {"subject": "printa"})
    with django_assert_num_queries(9) as few:
        client.get(path, {"subject": "printa"})
    for _ in range(5):
        hold()
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(path, {"subject": "printa"})
    assert response.content.decode().count("T/ICT/2026/") == 6


class Markup(HTMLParser):
    """Tags with their attributes (classes sorted, order ignored) and the text, whitespace collapsed."""

    def __init__(self, html):
        super().__init__()
        self.items = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = [(k, " ".join(sorted((v or "").split())) if k == "class" else v) for k, v in attrs]
        self.items.append((tag, tuple(sorted(attrs))))

    def handle_endtag(self, tag):
        self.items.append(("/" + tag,))

    def handle_data(self, data):
        if data.strip():
            self.items.append((re.sub(r"\s+", " ", data.strip()),))


def ticket_form(people, ict):
    return forms.TicketForm(
        user=people["technician" if ict else "staff"], ict=ict, initial={"subject": "Printa", "contact_phone": "07"}
    )


def bound(form_class, data, **kwargs):
    form = form_class(data, **kwargs)
    form.is_valid()
    return form


FORMS = {
    "reply": lambda people: forms.ReplyForm(ict=True, can_ask=True),
    "reply, staff": lambda people: forms.ReplyForm(),
    "reply, errors": lambda people: bound(forms.ReplyForm, {"body": "", "is_internal": "on"}, ict=True, can_ask=True),
    "assign": lambda people: forms.AssignForm(initial={"assignee": people["technician"].pk}),
    "assign, errors": lambda people: bound(forms.AssignForm, {"assignee": "99999", "note": "<b>n</b>"}),
    "resolve, errors": lambda people: bound(forms.ResolveForm, {"resolution": ""}),
    "cancel, errors": lambda people: bound(forms.CancelForm, {"reason": '<script>alert("x")</script>' * 300}),
    "reopen": lambda people: forms.ReasonForm(),
    "rate": lambda people: forms.RateForm(),
    "rate, errors": lambda people: bound(forms.RateForm, {"score": "9", "comment": "a<b"}),
    "priority": lambda people: forms.PriorityForm(initial={"priority": 2}),
    "priority, errors": lambda people: bound(forms.PriorityForm, {"priority": "7", "reason": ""}),
    "category": lambda people: forms.CategoryForm(initial={"category": category().pk}),
    "asset, errors": lambda people: bound(forms.AssetForm, {"asset_tag": "HAKUNA-1"}),
    "security": lambda people: forms.SecurityForm(initial={"is_security_incident": True}),
    "request, staff": lambda people: ticket_form(people, ict=False),
    "request, ICT": lambda people: ticket_form(people, ict=True),
    "request, errors": lambda people: bound(
        forms.TicketForm, {"subject": "", "impact": "7", "asset_tag": "HAKUNA"}, user=people["staff"], ict=False
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(FORMS))
def test_quick_form_writes_the_markup_crispy_writes(name, people):
    crispy = Template("{% load crispy_forms_tags %}{{ form|crispy }}")
    quick = Template("{% load helpdesk_forms %}{{ form|quick_form }}")
    ours = quick.render(Context({"form": FORMS[name](people)}))
    theirs = crispy.render(Context({"form": FORMS[name](people)}))  # a fresh form: crispy changes widget attrs
    assert Markup(ours).items == Markup(theirs).items

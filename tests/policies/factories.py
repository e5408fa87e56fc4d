"""Factories and helpers for the policies tests: documents by factory, versions through the services."""

import datetime as dt

import factory
from django.utils import timezone

from policies import services
from policies.markdown import text_fingerprint
from policies.models import Audience, DocumentKind, PolicyDocument
from tests.factories import DepartmentFactory

BODY_SW = "## Madhumuni\n\nKila mtumishi alinde **nywila** yake."
BODY_EN = "## Purpose\n\nEvery staff member protects their **password**."


class PolicyDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyDocument
        django_get_or_create = ["slug"]

    title_sw = factory.Sequence(lambda n: f"Waraka wa Majaribio {n}")
    title_en = factory.Sequence(lambda n: f"Test Circular {n}")
    slug = factory.Sequence(lambda n: f"waraka-{n}")
    kind = DocumentKind.CIRCULAR
    reference = factory.Sequence(lambda n: f"KDC/TEHAMA/T/{n:03d}")
    owner = factory.SubFactory(DepartmentFactory, code="TEHAMA", name_sw="Kitengo cha TEHAMA", name_en="ICT Unit")
    audience = Audience.PUBLIC
    review_every_months = 12
    next_review_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=365))
    acceptance_required = True


def draft(document, author, **overrides):
    fields = {
        "body_sw": BODY_SW,
        "body_en": BODY_EN,
        "effective_date": timezone.localdate(),
        "is_material": True,
    }
    fields.update(overrides)
    return services.version_create(document=document, actor=author, **fields)


def publish(document, people, **overrides):
    """A new version of `document`, written by the ICT officer, approved by management and published."""
    version = draft(document, people["ict_officer"], **overrides)
    services.version_submit(version=version, actor=people["ict_officer"])
    services.version_approve(version=version, actor=people["management"])
    return services.version_publish(version=version, actor=people["ict_officer"])


def shown_hash(version, language="sw"):
    document = version.document
    title = getattr(document, f"title_{language}") or document.title_sw
    return text_fingerprint(title=title, number=version.number, html=version.html_in(language))


def accept(version, user, language="sw", ip="10.0.0.5"):
    return services.acknowledgement_accept(
        version=version, user=user, language=language, shown_sha256=shown_hash(version, language), ip_address=ip
    )

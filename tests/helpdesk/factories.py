"""Helpers that make helpdesk rows the way people do: through the services."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from helpdesk import services
from helpdesk.models import Article, Category, Impact, Urgency
from kilombero_ict.roles import Role
from tests.factories import UserFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"


def png(name="skrini.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def pdf(name="barua.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def docx(name="ripoti.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def category(code="printer") -> Category:
    return Category.objects.get(code=code)


def file_ticket(
    requester,
    *,
    filed_by=None,
    subject="Printa imekwama",
    description="Karatasi imekwama kwenye printa.",
    code="printer",
    impact=Impact.LOW,
    urgency=Urgency.MEDIUM,
    attachments=(),
    **extra,
):
    return services.ticket_file(
        filed_by=filed_by or requester,
        requester=requester,
        category=category(code),
        subject=subject,
        description=description,
        impact=impact,
        urgency=urgency,
        attachments=list(attachments),
        **extra,
    )


def worked_ticket(requester, technician, **kwargs):
    """A ticket taken and started by `technician`."""
    ticket = file_ticket(requester, **kwargs)
    ticket = services.ticket_assign(ticket=ticket, actor=technician, assignee=technician)
    return services.ticket_start(ticket=ticket, actor=technician)


def resolved_ticket(requester, technician, **kwargs):
    ticket = worked_ticket(requester, technician, **kwargs)
    return services.ticket_resolve(ticket=ticket, actor=technician, resolution="Tumebadilisha roli ya printa.")


def outsider(department, username="t.outsider"):
    """A staff member of another department."""
    return UserFactory(username=username, department=department, roles=[Role.STAFF])


def article(author, *, slug="printer-jam", publish=True, audience=Article.Audience.STAFF, **fields):
    values = {
        "title_sw": "Karatasi imekwama kwenye printa",
        "title_en": "Paper jammed in the printer",
        "body_sw": "Zima printa, toa karatasi polepole.",
        "body_en": "Switch the printer off and pull the paper slowly.",
        "audience": audience,
        "slug": slug,
        **fields,
    }
    made = services.article_create(actor=author, **values)
    if publish:
        made = services.article_publish(article=made, actor=author)
    return made

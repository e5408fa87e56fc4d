"""Periodic reviews of policy documents."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kilombero_ict.roles import Role

from ..models import (
    PolicyDocument,
    PolicyReview,
    ReviewOutcome,
)
from .common import (
    _refuse,
    _require,
    add_months,
)

# --- reviews -------------------------------------------------------------------------------------


@transaction.atomic
def document_review_record(
    *, document: PolicyDocument, actor, outcome: str, next_review_date: dt.date, note: str = ""
) -> PolicyReview:
    """Record the periodic review of a document and set its next review date.

    Guard: the ICT officer; a known outcome; the next review lies after today and within five
    years; a note is required when the document needs a new version. Side effects: a review row
    (the trace: who, when, from which due date to which); the document's next review date.
    """
    _require(actor, Role.ICT_OFFICER, message=_("Only the ICT officer records policy reviews."))
    if outcome not in ReviewOutcome.values:
        _refuse(_("Choose the outcome of the review."), field="outcome", code="outcome")
    today = timezone.localdate()
    if next_review_date <= today:
        _refuse(_("The next review must be after today."), field="next_review_date", code="past")
    if next_review_date > add_months(today, 60):
        _refuse(_("Review at least every five years."), field="next_review_date", code="far")
    if outcome == ReviewOutcome.REVISION and not (note or "").strip():
        _refuse(_("Say what the new version has to change."), field="note", code="required")
    locked = PolicyDocument.objects.select_for_update().get(pk=document.pk)
    review = PolicyReview.objects.create(
        document=locked,
        reviewed_by=actor,
        outcome=outcome,
        note=(note or "").strip(),
        previous_due=locked.next_review_date,
        next_due=next_review_date,
    )
    locked.next_review_date = next_review_date
    locked.save(update_fields=["next_review_date"])
    return review

"""Documents due for review, and recording a review."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View

from kilombero_ict.roles import user_roles

from .. import selectors, services
from ..forms import (
    ReviewForm,
    default_next_review,
)
from .common import _apply_errors, _page

# --- reviews -------------------------------------------------------------------------------------


class ReviewListView(View):
    """`/policies/reviews/`: documents past (or within a month of) their next review date."""

    def get(self, request):
        today = timezone.localdate()
        page = _page(request, selectors.documents_due_for_review(today=today))
        for document in page:
            document.overdue = document.next_review_date < today
            document.days = (document.next_review_date - today).days
            document.review_form = ReviewForm(
                initial={"next_review_date": default_next_review(document)}, prefix=f"d{document.pk}"
            )
        return render(
            request,
            "policies/reviews.html",
            {
                "page": page,
                "today": today,
                "soon": today + dt.timedelta(days=30),
                "can_record": user_roles(request.user).is_ict_officer,
            },
        )


class ReviewRecordView(View):
    """POST: the ICT officer records the review of a document."""

    def post(self, request, slug):
        document = selectors.document_get_for(request.user, slug)
        form = ReviewForm(request.POST, prefix=f"d{document.pk}")
        if form.is_valid():
            try:
                services.document_review_record(
                    document=document,
                    actor=request.user,
                    outcome=form.cleaned_data["outcome"],
                    next_review_date=form.cleaned_data["next_review_date"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The review of %(title)s was recorded; next review on %(date)s.")
                    % {
                        "title": document.title,
                        "date": date_format(form.cleaned_data["next_review_date"], "DATE_FORMAT"),
                    },
                )
                return redirect("policies:reviews")
        return render(request, "policies/review_form.html", {"document": document, "form": form}, status=400)

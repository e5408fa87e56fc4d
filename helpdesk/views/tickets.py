"""Ticket pages: the list and queues, filing a request, one ticket with its timeline, files, exports."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from django.views import View

from kilombero_ict.exports import csv_response, xlsx_response
from kilombero_ict.idempotency import once
from kilombero_ict.models import localized
from kilombero_ict.roles import user_roles
from kilombero_ict.uploads import serve_upload

from .. import listing, selectors, services
from ..forms import (
    ORDERINGS,
    SLA_STATES,
    AssetForm,
    AssignForm,
    CancelForm,
    CategoryForm,
    PriorityForm,
    RateForm,
    ReasonForm,
    ReplyForm,
    ResolveForm,
    SecurityForm,
    TicketFilterForm,
    TicketForm,
    TicketStartForm,
)
from ..models import Category, Priority, Status, Ticket
from ..pagination import CappedPaginator
from ..rules import REOPEN_DAYS, abilities

PAGE_SIZE = 50
SEARCH_COUNT_CAP = 1000
EXPORT_LIMIT = 50000

QUEUE_LABELS = {
    "unassigned": gettext_lazy("Unassigned"),
    "mine": gettext_lazy("Assigned to me"),
    "open": pgettext_lazy("helpdesk", "Open"),
    "overdue": pgettext_lazy("helpdesk", "Overdue"),
    "all": pgettext_lazy("helpdesk", "All"),
    "requested": gettext_lazy("My requests"),
    "department": gettext_lazy("My department"),
}


def apply_errors(form, exc: ValidationError) -> None:
    """Put a service's refusal next to the field it concerns, or at the top of the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def filters_used(filters: dict) -> bool:
    """Whether any filter narrows the list (the order alone does not)."""
    return bool(filters and any(filters.get(k) for k in filters if k != "order"))


class TicketListView(View):
    """`/helpdesk/`: the person's queues, filters and full-text search; 50 rows a page, fixed query count."""

    template_name = "helpdesk/ticket_list.html"

    def get(self, request):
        user = request.user
        roles = user_roles(user)
        queues = selectors.queues_for(user)
        default_queue = "open" if roles.is_ict else queues[0] if roles.is_hod else "all"
        queue = request.GET.get("queue") or default_queue
        if queue not in queues:
            queue = default_queue
        show_department = roles.is_ict
        form = TicketFilterForm(request.GET or None, ict=roles.is_ict, show_department=show_department)
        filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
        order_key = filters.get("order") or ("priority" if queue in ("unassigned", "mine", "overdue") else "newest")
        now = timezone.now()
        tickets = selectors.ticket_list(user, queue=queue, filters=filters, order=ORDERINGS[order_key][0], now=now)
        counts = selectors.queue_counts(user, now)
        # Unfiltered, the list holds exactly what its queue's box counts: the same number, one query fewer.
        paginator = CappedPaginator(
            tickets,
            PAGE_SIZE,
            known_count=None if filters_used(filters) else counts.get(queue),
            # Counting the matches of a common word means testing each of them: say "more than 1000" sooner.
            cap=SEARCH_COUNT_CAP if filters.get("q") else None,
        )
        page = paginator.get_page(request.GET.get("page"))
        # The page's rows as plain values (only the columns shown); the count above reads no columns at all.
        # The page's ids are found first, without joins, then only those rows are joined to their names:
        # deep pages (OFFSET 10,000) no longer join every row they skip (46 ms -> 13 ms).
        start, end = max(page.start_index() - 1, 0), page.end_index()
        page_ids = tickets.values("pk")[start:end]
        shown = Ticket.objects.filter(pk__in=page_ids).order_by(*tickets.query.order_by)
        rows = listing.ticket_rows(shown.values(*listing.COLUMNS), now=now, ict=roles.is_ict)
        page.object_list = rows
        context = {
            "form": form,
            "page": page,
            "paginator": paginator,
            "rows": rows,
            "queue": queue,
            "queues": [(key, QUEUE_LABELS[key], counts.get(key)) for key in queues],
            "is_ict": roles.is_ict,
            "filtered": filters_used(filters),
        }
        return render(request, self.template_name, context, status=400 if form.is_bound and form.errors else 200)


class TicketExportView(View):
    """`/helpdesk/export/`: the current list as CSV or XLSX (visible tickets only, no replies or notes)."""

    def get(self, request):
        user = request.user
        roles = user_roles(user)
        form = TicketFilterForm(request.GET or None, ict=roles.is_ict, show_department=roles.is_ict)
        filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
        queue = request.GET.get("queue") or "all"
        if queue not in selectors.queues_for(user):
            queue = "all"
        order_key = filters.get("order") or "newest"
        now = timezone.now()
        tickets = selectors.ticket_list(user, queue=queue, filters=filters, order=ORDERINGS[order_key][0], now=now)
        tickets = tickets.select_related("rating")[:EXPORT_LIMIT]
        header = [
            pgettext("helpdesk", "Reference"),
            _("Filed"),
            _("Requester"),
            _("Department"),
            pgettext("helpdesk", "Category"),
            _("Subject"),
            _("Priority"),
            _("Status"),
            _("Assigned to"),
            _("First response due"),
            _("First response"),
            _("Resolution due"),
            _("Resolved"),
            _("SLA"),
            pgettext("helpdesk", "Rating"),
        ]
        if roles.is_ict:
            header.append(_("Security incident"))
        # Labels are fixed now, in the person's language: the rows are produced while the response streams.
        sla_labels = {key: str(label) for key, label in SLA_STATES}
        status_labels = {key: str(label) for key, label in Status.choices}
        priority_labels = {key: str(label) for key, label in Priority.choices}
        yes, no = _("Yes"), _("No")

        language = translation.get_language()

        def rows():
            with translation.override(language):
                for ticket in tickets.iterator(chunk_size=2000):
                    rating = getattr(ticket, "rating", None)
                    row = [
                        ticket.reference,
                        timezone.localtime(ticket.created_at),
                        ticket.requester.get_full_name() or ticket.requester.username,
                        localized(ticket.department, "name") if ticket.department else "",
                        localized(ticket.category, "name"),
                        ticket.subject,
                        priority_labels.get(ticket.priority, ""),
                        status_labels.get(ticket.status, ""),
                        (ticket.assignee.get_full_name() or ticket.assignee.username) if ticket.assignee else "",
                        timezone.localtime(ticket.first_response_due),
                        timezone.localtime(ticket.first_response_at) if ticket.first_response_at else None,
                        timezone.localtime(ticket.resolution_due),
                        timezone.localtime(ticket.resolved_at) if ticket.resolved_at else None,
                        sla_labels.get(ticket.sla_state(now), ""),
                        rating.score if rating else None,
                    ]
                    if roles.is_ict:
                        row.append(yes if ticket.is_security_incident else no)
                    yield row

        stamp = timezone.localdate().isoformat()
        if request.GET.get("format") == "xlsx":
            return xlsx_response(f"tickets-{stamp}.xlsx", [(_("Tickets"), header, rows())])
        return csv_response(f"tickets-{stamp}.csv", header, rows())


class TicketCreateView(View):
    """`/helpdesk/new/`: step 1 asks a few words and offers help articles; step 2 is the request form."""

    def _form(self, request, *args, **kwargs):
        return TicketForm(*args, user=request.user, ict=user_roles(request.user).is_ict, **kwargs)

    def get(self, request):
        if "subject" not in request.GET:
            return render(request, "helpdesk/ticket_new_start.html", {"start_form": TicketStartForm()})
        start_form = TicketStartForm(request.GET)
        if not start_form.is_valid():
            return render(request, "helpdesk/ticket_new_start.html", {"start_form": start_form}, status=400)
        subject = start_form.cleaned_data["subject"]
        form = self._form(request, initial={"subject": subject, "contact_phone": request.user.phone})
        return self._render(request, form, subject)

    def post(self, request):
        form = self._form(request, request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                ticket, _created = once(
                    key=request.POST.get("submission_key"),
                    user=request.user,
                    create=lambda: services.ticket_file(
                        filed_by=request.user,
                        requester=data.get("requester") or request.user,
                        category=data["category"],
                        subject=data["subject"],
                        description=data["description"],
                        impact=data["impact"],
                        urgency=data["urgency"],
                        location=data.get("location"),
                        contact_phone=data.get("contact_phone", ""),
                        attachments=data.get("attachments") or [],
                        is_security_incident=data.get("is_security_incident", False),
                        asset=data.get("asset"),
                    ),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Your request %(ref)s has been received. Quote this number when you call the ICT unit.")
                    % {"ref": ticket.reference},
                )
                return redirect(ticket.get_absolute_url())
        return self._render(request, form, request.POST.get("subject", ""), status=400)

    def _render(self, request, form, subject, status=200):
        context = {
            "form": form,
            "subject": subject,
            "suggestions": selectors.article_suggestions(request.user, subject),
            # The same rows as the form's category choices (read once for both).
            "categories": list(form.fields["category"].queryset),
        }
        return render(request, "helpdesk/ticket_new.html", context, status=status)


def detail_context(request, ticket, *, bound: dict | None = None) -> dict:
    """Everything the ticket page shows, with the action forms the person may use (some possibly bound with errors)."""
    user = request.user
    now = timezone.now()
    can = abilities(user, ticket, has_rating=hasattr(ticket, "rating"), now=now)
    entries, request_files = selectors.ticket_timeline(user, ticket)
    bound = bound or {}
    context = {
        "ticket": ticket,
        "can": can,
        "entries": entries,
        "request_files": request_files,
        "sla_state": ticket.sla_state(now),
        "rating": getattr(ticket, "rating", None),
        "reopen_days": REOPEN_DAYS,
        "is_requester": ticket.requester_id == user.pk,
    }
    if any(entry.kind == "event" and entry.item.kind == "category" for entry in entries):
        names = {category.code: category.name for category in Category.objects.all()}
        for entry in entries:
            event = entry.item
            if entry.kind == "event" and event.kind == "category":
                event.display_from = names.get(event.from_value, event.from_value)
                event.display_to = names.get(event.to_value, event.to_value)
    if can.reply or can.note:
        initial = {}
        canned = []
        if can.see_internal:
            canned = list(selectors.canned_responses_for(ticket))
            chosen = request.GET.get("canned")
            for response in canned:
                if chosen and str(response.pk) == chosen:
                    initial["body"] = response.text_for(
                        language=ticket.requester.preferred_language,
                        name=ticket.requester.get_full_name() or ticket.requester.username,
                        reference=ticket.reference,
                    )
            if not can.reply:
                initial["is_internal"] = True
        context["canned"] = canned
        context["reply_form"] = bound.get("reply") or ReplyForm(
            initial=initial, ict=can.see_internal, can_ask=can.ask_requester
        )
    if can.assign:
        context["assign_form"] = bound.get("assign") or AssignForm(initial={"assignee": ticket.assignee_id})
    if can.resolve:
        context["resolve_form"] = bound.get("resolve") or ResolveForm()
    if can.cancel:
        context["cancel_form"] = bound.get("cancel") or CancelForm()
    if can.reopen:
        context["reopen_form"] = bound.get("reopen") or ReasonForm()
    if can.rate:
        context["rate_form"] = bound.get("rate") or RateForm()
    if can.change_priority:
        context["priority_form"] = bound.get("priority") or PriorityForm(initial={"priority": ticket.priority})
    if can.change_category:
        context["category_form"] = bound.get("category") or CategoryForm(initial={"category": ticket.category_id})
    if can.change_asset:
        context["asset_form"] = bound.get("asset") or AssetForm(
            initial={"asset_tag": ticket.asset_tag if ticket.asset_id else ""}
        )
    if can.see_internal and ticket.is_security_incident:
        from risk.selectors import risks_for_ticket

        context["linked_risks"] = risks_for_ticket(user, ticket)
    if can.flag_security:
        context["security_form"] = bound.get("security") or SecurityForm(
            initial={"is_security_incident": not ticket.is_security_incident}
        )
    context["bound_form"] = next(iter(bound), None)
    return context


class TicketDetailView(View):
    """`/helpdesk/<ref>/`: one ticket, its SLA, its timeline and the actions the person may take."""

    def get(self, request, ref):
        ticket = selectors.ticket_get_for(request.user, ref)
        return render(request, "helpdesk/ticket_detail.html", detail_context(request, ticket))


class AttachmentView(View):
    """A ticket's file, streamed only to people who may see it (internal-note files to ICT staff only)."""

    def get(self, request, ref, pk):
        attachment = selectors.attachment_get_for(request.user, ref, pk)
        try:
            return serve_upload(attachment.file, attachment.name, inline=request.GET.get("view") == "1")
        except FileNotFoundError:
            from django.http import Http404

            raise Http404 from None


class TicketActionView(View):
    """Base of the POST-only actions on a ticket: validate the form, call one service, redirect.

    A refusal or a bad input re-renders the ticket page with the form's messages (status 400).
    """

    http_method_names = ["post"]
    form_class = None
    key = ""
    files = False

    def get_form(self, request, ticket):
        if self.form_class is None:
            return None
        return self.form_class(request.POST, request.FILES if self.files else None)

    def perform(self, request, ticket, data):
        raise NotImplementedError

    def success_message(self, ticket):
        return _("Saved.")

    def post(self, request, ref):
        ticket = selectors.ticket_get_for(request.user, ref)
        form = self.get_form(request, ticket)
        if form is None or form.is_valid():
            try:
                self.perform(request, ticket, form.cleaned_data if form is not None else {})
            except ValidationError as exc:
                if form is None:
                    messages.error(request, " ".join(exc.messages))
                    return redirect(ticket.get_absolute_url())
                apply_errors(form, exc)
            else:
                messages.success(request, self.success_message(ticket))
                return redirect(ticket.get_absolute_url())
        ticket = selectors.ticket_get_for(request.user, ref)
        context = detail_context(request, ticket, bound={self.key: form})
        return render(request, "helpdesk/ticket_detail.html", context, status=400)


class ReplyView(TicketActionView):
    key = "reply"
    files = True

    def get_form(self, request, ticket):
        can = abilities(request.user, ticket, has_rating=True)
        return ReplyForm(request.POST, request.FILES, ict=can.see_internal, can_ask=can.ask_requester)

    def perform(self, request, ticket, data):
        self.internal = data.get("is_internal", False)
        once(
            key=request.POST.get("submission_key"),
            user=request.user,
            create=lambda: services.ticket_reply(
                ticket=ticket,
                author=request.user,
                body=data["body"],
                is_internal=self.internal,
                attachments=data.get("attachments") or [],
                ask_requester=data.get("ask_requester", False),
            ),
        )

    def success_message(self, ticket):
        return _("Your internal note was added.") if self.internal else _("Your reply was sent.")


class AssignView(TicketActionView):
    form_class = AssignForm
    key = "assign"

    def perform(self, request, ticket, data):
        services.ticket_assign(ticket=ticket, actor=request.user, assignee=data["assignee"], note=data["note"])

    def success_message(self, ticket):
        return _("The assignment was changed.")


class TakeView(TicketActionView):
    """ "Take it": assign the ticket to oneself."""

    def perform(self, request, ticket, data):
        services.ticket_assign(ticket=ticket, actor=request.user, assignee=request.user)

    def success_message(self, ticket):
        return _("The ticket is now yours.")


class StartView(TicketActionView):
    def perform(self, request, ticket, data):
        services.ticket_start(ticket=ticket, actor=request.user)

    def success_message(self, ticket):
        return _("Work on the ticket has started.")


class ResumeView(TicketActionView):
    def perform(self, request, ticket, data):
        services.ticket_resume(ticket=ticket, actor=request.user)

    def success_message(self, ticket):
        return _("The ticket is in progress again; the SLA clock runs.")


class ResolveView(TicketActionView):
    form_class = ResolveForm
    key = "resolve"

    def perform(self, request, ticket, data):
        services.ticket_resolve(ticket=ticket, actor=request.user, resolution=data["resolution"])

    def success_message(self, ticket):
        return _("The ticket is resolved; the requester has been told.")


class ConfirmView(TicketActionView):
    def perform(self, request, ticket, data):
        services.ticket_confirm(ticket=ticket, actor=request.user)

    def success_message(self, ticket):
        return _("Thank you. The request is closed.")


class ReopenView(TicketActionView):
    form_class = ReasonForm
    key = "reopen"

    def perform(self, request, ticket, data):
        services.ticket_reopen(ticket=ticket, actor=request.user, reason=data["reason"])

    def success_message(self, ticket):
        return _("The request is open again.")


class CancelView(TicketActionView):
    form_class = CancelForm
    key = "cancel"

    def perform(self, request, ticket, data):
        services.ticket_cancel(ticket=ticket, actor=request.user, reason=data["reason"])

    def success_message(self, ticket):
        return _("The request was cancelled.")


class RateView(TicketActionView):
    form_class = RateForm
    key = "rate"

    def perform(self, request, ticket, data):
        services.ticket_rate(ticket=ticket, actor=request.user, score=data["score"], comment=data["comment"])

    def success_message(self, ticket):
        return _("Thank you for your rating.")


class PriorityView(TicketActionView):
    form_class = PriorityForm
    key = "priority"

    def perform(self, request, ticket, data):
        services.ticket_set_priority(
            ticket=ticket, actor=request.user, priority=data["priority"], reason=data["reason"]
        )

    def success_message(self, ticket):
        return _("The priority was changed and the due times follow it.")


class CategoryView(TicketActionView):
    form_class = CategoryForm
    key = "category"

    def perform(self, request, ticket, data):
        services.ticket_set_category(ticket=ticket, actor=request.user, category=data["category"])

    def success_message(self, ticket):
        return _("The category was changed.")


class AssetView(TicketActionView):
    form_class = AssetForm
    key = "asset"

    def perform(self, request, ticket, data):
        services.ticket_set_asset(ticket=ticket, actor=request.user, asset=data["asset"])

    def success_message(self, ticket):
        return _("The equipment of the request was changed.")


class LinkRiskView(View):
    """POST: link this security incident to a risk of the register, by the risk's reference (ICT staff)."""

    http_method_names = ["post"]

    def post(self, request, ref):
        from risk import selectors as risk_selectors
        from risk import services as risk_services

        ticket = selectors.ticket_get_for(request.user, ref)
        reference = (request.POST.get("risk") or "").strip().upper()
        try:
            risk = risk_selectors.risk_get_for(request.user, reference)
        except Http404:
            messages.error(request, _("There is no risk %(ref)s in the register.") % {"ref": reference[:20]})
            return redirect(ticket.get_absolute_url())
        try:
            risk_services.risk_link_incident(risk=risk, ticket=ticket, by=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("%(ref)s is now linked to %(risk)s.") % {"ref": ticket.reference, "risk": risk.reference}
            )
        return redirect(ticket.get_absolute_url())


class SecurityView(TicketActionView):
    form_class = SecurityForm
    key = "security"

    def perform(self, request, ticket, data):
        services.ticket_flag_security(
            ticket=ticket, actor=request.user, is_security_incident=data["is_security_incident"], note=data["note"]
        )

    def success_message(self, ticket):
        return _("The security incident flag was changed.")

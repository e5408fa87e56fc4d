"""The knowledge base: reading and searching articles, suggestions while filing, feedback, writing (ICT staff)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from kilombero_ict.roles import user_roles

from .. import selectors, services
from ..forms import ArticleForm, DeflectionForm, FeedbackForm
from ..models import ArticleFeedback, Category
from ..pagination import CappedPaginator
from ..text import render_markdown
from .tickets import apply_errors

PAGE_SIZE = 50


class KnowledgeBaseView(View):
    """`/helpdesk/kb/`: search and browse the articles the person may read (drafts too for ICT staff)."""

    def get(self, request):
        ict = user_roles(request.user).is_ict
        text = (request.GET.get("q") or "").strip()[:200]
        categories = list(Category.objects.filter(is_active=True))
        category = next((c for c in categories if c.code == request.GET.get("category")), None)
        articles = selectors.article_search(request.user, text, category=category, include_drafts=ict)
        page = CappedPaginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
        context = {"page": page, "q": text, "categories": categories, "category": category, "is_ict": ict}
        return render(request, "helpdesk/kb_list.html", context)


class SuggestView(View):
    """`/helpdesk/kb/suggest/?subject=...`: the help articles that match a subject, as a page fragment.

    Used by static/js/helpdesk.js while the person types; without JavaScript the request form's
    first step shows the same list.
    """

    def get(self, request):
        subject = (request.GET.get("subject") or "").strip()[:200]
        context = {"suggestions": selectors.article_suggestions(request.user, subject), "subject": subject}
        return render(request, "helpdesk/includes/suggestions.html", context)


class ArticleView(View):
    """`/helpdesk/kb/<slug>/`: one article in the reader's language, with "was this helpful?"."""

    def get(self, request, slug):
        article = selectors.article_get_for(request.user, slug)
        feedback = None
        if request.user.is_authenticated:
            feedback = ArticleFeedback.objects.filter(article=article, user=request.user).first()
        subject = (request.GET.get("subject") or "").strip()[:200]
        context = {
            "article": article,
            "body_html": render_markdown(article.body),
            "feedback": feedback,
            "subject": subject,
            "is_ict": user_roles(request.user).is_ict,
            "can_file": bool(user_roles(request.user)),
            "new_ticket_query": urlencode({"subject": subject}) if subject else "",
        }
        return render(request, "helpdesk/kb_article.html", context)


class ArticleFeedbackView(View):
    http_method_names = ["post"]

    def post(self, request, slug):
        article = selectors.article_get_for(request.user, slug)
        form = FeedbackForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose yes or no."))
            return redirect(article.get_absolute_url())
        try:
            services.article_give_feedback(article=article, user=request.user, helpful=form.cleaned_data["helpful"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Thank you; your answer helps us improve the articles."))
        return redirect(article.get_absolute_url())


class ArticleSolvedView(View):
    """ "This solved it": count the request that was not needed. Nothing is filed and nothing is closed."""

    http_method_names = ["post"]

    def post(self, request, slug):
        article = selectors.article_get_for(request.user, slug)
        form = DeflectionForm(request.POST)
        subject = form.cleaned_data["subject"] if form.is_valid() else ""
        try:
            services.article_record_deflection(article=article, user=request.user, subject=subject)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Glad it helped. No request was filed."))
        return redirect(article.get_absolute_url())


class ArticleCreateView(View):
    def get(self, request):
        return render(request, "helpdesk/kb_form.html", {"form": ArticleForm(), "article": None})

    def post(self, request):
        form = ArticleForm(request.POST)
        if form.is_valid():
            try:
                article = services.article_create(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The article was saved as a draft. Publish it when it is ready."))
                return redirect(article.get_absolute_url())
        return render(request, "helpdesk/kb_form.html", {"form": form, "article": None}, status=400)


class ArticleEditView(View):
    def get(self, request, slug):
        article = selectors.article_get_for(request.user, slug)
        return render(request, "helpdesk/kb_form.html", {"form": ArticleForm(instance=article), "article": article})

    def post(self, request, slug):
        article = selectors.article_get_for(request.user, slug)
        form = ArticleForm(request.POST, instance=article)
        if form.is_valid():
            try:
                article = services.article_update(article=article, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The article was saved."))
                return redirect(article.get_absolute_url())
        article.refresh_from_db()
        return render(request, "helpdesk/kb_form.html", {"form": form, "article": article}, status=400)


class ArticlePublishView(View):
    http_method_names = ["post"]
    publish = True

    def post(self, request, slug):
        article = selectors.article_get_for(request.user, slug)
        service = services.article_publish if self.publish else services.article_unpublish
        try:
            service(article=article, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("The article is published.") if self.publish else _("The article was withdrawn.")
            )
        return redirect(article.get_absolute_url())

"""Changes to the knowledge base: writing, publishing and withdrawing articles, feedback and deflections."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..models import Article, ArticleFeedback, Deflection
from ..rules import is_ict

# Addresses under /helpdesk/kb/ that belong to pages, not articles.
RESERVED_SLUGS = {"new", "suggest", "search", "edit"}
ARTICLE_FIELDS = (
    "slug",
    "category",
    "title_sw",
    "title_en",
    "summary_sw",
    "summary_en",
    "body_sw",
    "body_en",
    "audience",
)


def _require_ict(actor) -> None:
    if not is_ict(actor):
        raise ValidationError(_("Only ICT staff may write knowledge-base articles."), code="not_allowed")


def article_check(values: dict, *, exclude_pk=None) -> dict:
    """The article's fields cleaned (address made from the title when empty), or ValidationError per field."""
    values = dict(values)
    for name in ("title_sw", "title_en", "summary_sw", "summary_en", "body_sw", "body_en"):
        if name in values:
            values[name] = (values[name] or "").strip()
    slug = slugify(values.get("slug") or values.get("title_en") or values.get("title_sw") or "")[:80]
    errors = {}
    if not values.get("title_sw"):
        errors["title_sw"] = _("Write the Swahili title.")
    if not values.get("body_sw"):
        errors["body_sw"] = _("Write the Swahili text.")
    if not slug:
        errors["slug"] = _("Give the article an address made of letters, digits and hyphens.")
    elif slug in RESERVED_SLUGS:
        errors["slug"] = _("This address is used by the portal; choose another.")
    elif Article.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        errors["slug"] = _("Another article already has this address.")
    if errors:
        raise ValidationError(errors)
    values["slug"] = slug
    return values


@transaction.atomic
def article_create(*, actor, **fields) -> Article:
    """Write a new article as a draft. Guard: ICT staff; Swahili title and text; a free address. Side effect: history."""
    _require_ict(actor)
    unknown = set(fields) - set(ARTICLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown article fields: {sorted(unknown)}")
    values = article_check(fields)
    now = timezone.now()
    article = Article(author=actor, created_at=now, updated_at=now, **values)
    article._history_user = actor
    article.full_clean(exclude=["author", "category"])
    article.save()
    return article


@transaction.atomic
def article_update(*, article: Article, actor, **changes) -> Article:
    """Change an article's text or settings (a published one stays published). Guard: ICT staff. Side effect: history."""
    _require_ict(actor)
    unknown = set(changes) - set(ARTICLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown article fields: {sorted(unknown)}")
    article = Article.objects.select_for_update().get(pk=article.pk)
    current = {name: getattr(article, name) for name in ARTICLE_FIELDS}
    values = article_check({**current, **changes}, exclude_pk=article.pk)
    for name, value in values.items():
        setattr(article, name, value)
    article.updated_at = timezone.now()
    article._history_user = actor
    article.full_clean(exclude=["author", "category"])
    article.save()
    return article


@transaction.atomic
def article_publish(*, article: Article, actor) -> Article:
    """Publish a draft so that its readers find it. Guard: ICT staff; not already published. Side effect: history."""
    _require_ict(actor)
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.is_published:
        raise ValidationError(_("The article is already published."), code="unchanged")
    article.is_published = True
    article.published_at = timezone.now()
    article._history_user = actor
    article.save(update_fields=["is_published", "published_at"])
    return article


@transaction.atomic
def article_unpublish(*, article: Article, actor) -> Article:
    """Withdraw a published article (it becomes a draft again). Guard: ICT staff; published. Side effect: history."""
    _require_ict(actor)
    article = Article.objects.select_for_update().get(pk=article.pk)
    if not article.is_published:
        raise ValidationError(_("The article is not published."), code="unchanged")
    article.is_published = False
    article._history_user = actor
    article.save(update_fields=["is_published"])
    return article


def _require_readable(article: Article, user) -> None:
    from ..selectors import articles_visible_to

    if not articles_visible_to(user).filter(pk=article.pk).exists():
        raise ValidationError(_("This article is not available."), code="not_found")


@transaction.atomic
def article_give_feedback(*, article: Article, user, helpful: bool) -> ArticleFeedback:
    """Record whether an article helped this person; a second answer replaces the first.

    Guard: the person can read the published article. Side effect: the article's counters move.
    """
    _require_readable(article, user)
    Article.objects.select_for_update().filter(pk=article.pk).first()
    previous = ArticleFeedback.objects.filter(article=article, user=user).first()
    if previous is not None and previous.helpful == helpful:
        return previous
    counters = {"helpful_count": F("helpful_count") + 1} if helpful else {"unhelpful_count": F("unhelpful_count") + 1}
    if previous is not None:
        if previous.helpful:
            counters["helpful_count"] = F("helpful_count") - 1
        else:
            counters["unhelpful_count"] = F("unhelpful_count") - 1
        previous.helpful = helpful
        previous.at = timezone.now()
        previous.save(update_fields=["helpful", "at"])
        feedback = previous
    else:
        feedback = ArticleFeedback.objects.create(article=article, user=user, helpful=helpful, at=timezone.now())
    Article.objects.filter(pk=article.pk).update(**counters)
    return feedback


@transaction.atomic
def article_record_deflection(*, article: Article, user, subject: str = "") -> Deflection:
    """ "This solved it" on the request form: count a request that did not need to be filed. Files and closes nothing.

    Guard: the person can read the published article. Side effect: the article's deflection counter.
    """
    _require_readable(article, user)
    deflection = Deflection.objects.create(
        article=article, user=user, subject=(subject or "").strip()[:200], at=timezone.now()
    )
    Article.objects.filter(pk=article.pk).update(deflection_count=F("deflection_count") + 1)
    return deflection

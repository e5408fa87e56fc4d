"""The knowledge base: articles in Swahili and English that answer common questions before they become tickets."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from kilombero_ict.models import localized

from .tickets import SEARCH_CONFIG, Category


class Article(models.Model):
    """A help article, written by ICT staff in Swahili and English (Markdown, sanitised when shown).

    Published and withdrawn only through `helpdesk.services.article_publish` / `article_unpublish`.
    `PUBLIC` articles can be read by anyone, also without signing in; `STAFF` ones by signed-in
    council staff only. The helpful/not helpful and deflection counters are kept by services.
    """

    class Audience(models.TextChoices):
        PUBLIC = "public", _("Everyone, also without signing in")
        STAFF = "staff", _("Council staff only (signed in)")

    slug = models.SlugField(
        _("address"), max_length=80, unique=True, help_text=_("Part of the link, e.g. password-reset.")
    )
    category = models.ForeignKey(
        Category,
        verbose_name=pgettext_lazy("helpdesk", "category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    title_sw = models.CharField(_("title (Swahili)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_sw = models.CharField(_("summary (Swahili)"), max_length=300, blank=True)
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    body_sw = models.TextField(
        _("text (Swahili)"), max_length=30000, help_text=_("Markdown: # heading, - list, **bold**.")
    )
    body_en = models.TextField(_("text (English)"), max_length=30000, blank=True)
    audience = models.CharField(_("who may read it"), max_length=10, choices=Audience.choices, default=Audience.STAFF)
    is_published = models.BooleanField(_("published"), default=False, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last change"), default=timezone.now, editable=False)
    helpful_count = models.PositiveIntegerField(_("helpful"), default=0, editable=False)
    unhelpful_count = models.PositiveIntegerField(_("not helpful"), default=0, editable=False)
    deflection_count = models.PositiveIntegerField(_("requests avoided"), default=0, editable=False)
    search_vector = models.GeneratedField(
        expression=SearchVector("title_sw", "title_en", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary_sw", "summary_en", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body_sw", "body_en", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    history = HistoricalRecords(excluded_fields=["helpful_count", "unhelpful_count", "deflection_count"])

    class Meta:
        verbose_name = _("knowledge-base article")
        verbose_name_plural = _("knowledge-base articles")
        ordering = ["title_sw"]
        indexes = [
            models.Index(fields=["is_published", "audience"], name="helpdesk_article_visible_idx"),
            GinIndex(fields=["search_vector"], name="helpdesk_article_search_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("helpdesk:kb-article", kwargs={"slug": self.slug})

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def summary(self) -> str:
        return localized(self, "summary")

    @property
    def body(self) -> str:
        return localized(self, "body")


class ArticleFeedback(models.Model):
    """One person's "was this helpful?" answer to one article; answering again changes the answer."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    helpful = models.BooleanField(_("helpful"))
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("article feedback")
        verbose_name_plural = _("article feedback")
        constraints = [models.UniqueConstraint(fields=["article", "user"], name="helpdesk_feedback_once_per_person")]

    def __str__(self):
        return f"{self.article_id} {self.user_id} {self.helpful}"


class Deflection(models.Model):
    """A request that was not filed because an article solved it ("this solved it" on the request form)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="deflections")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(_("what the person was about to ask"), max_length=200, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("knowledge-base deflection")
        verbose_name_plural = _("knowledge-base deflections")
        ordering = ["-at"]
        indexes = [models.Index(fields=["at"], name="helpdesk_deflection_at_idx")]

    def __str__(self):
        return f"{self.article_id} {self.at:%Y-%m-%d}"

"""A paginator whose count stays cheap on very long lists: it stops counting at `cap`."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts at most `cap` + 1 rows (one `COUNT` over a `LIMIT`ed subquery), so page 1 of 200,000 is as cheap as of 200."""

    cap = 10000

    def __init__(self, object_list, per_page, *args, known_count: int | None = None, cap: int | None = None, **kwargs):
        """`known_count`: the number of rows when the caller has already counted them (no count query then);
        `cap`: count at most this many (a lower cap for word searches, whose count tests every match)."""
        super().__init__(object_list, per_page, *args, **kwargs)
        self.known_count = known_count
        if cap is not None:
            self.cap = cap

    @cached_property
    def count(self):
        if self.known_count is not None:
            return min(self.known_count, self.cap + 1)
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def is_capped(self) -> bool:
        return self.count > self.cap

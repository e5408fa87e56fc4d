"""Human references that people quote on the phone: T-2026-00042, R-2026-007, PR-2026-0013."""

from django.utils import timezone

from .models import ReferenceSequence


def next_reference(prefix: str, *, width: int, year: int | None = None) -> str:
    """Hand out the next reference of series `prefix` for `year` (default: this year, local time).

    Call it inside the transaction that saves the row carrying the reference: the number is
    unique under concurrent creation and is returned to the pool if that transaction rolls back.
    """
    year = year or timezone.localdate().year
    number = ReferenceSequence.next_value(f"{prefix}-{year}")
    return f"{prefix}-{year}-{number:0{width}d}"


def next_references(prefix: str, count: int, *, width: int, year: int | None = None) -> list[str]:
    """The next `count` references of series `prefix` for `year`, in order, taken in one statement."""
    if count <= 0:
        return []
    year = year or timezone.localdate().year
    return [f"{prefix}-{year}-{number:0{width}d}" for number in ReferenceSequence.take(f"{prefix}-{year}", count)]

"""References are unique when many are taken at the same instant, across connections."""

import threading

import pytest
from django.db import connection, transaction

from kilombero_ict.references import next_reference


@pytest.mark.django_db
def test_reference_format_and_sequence_per_year():
    assert next_reference("T", width=5, year=2026) == "T-2026-00001"
    assert next_reference("T", width=5, year=2026) == "T-2026-00002"
    assert next_reference("T", width=5, year=2027) == "T-2027-00001"
    assert next_reference("PR", width=4, year=2026) == "PR-2026-0001"


@pytest.mark.django_db(transaction=True)
def test_fifty_references_taken_at_once_are_distinct():
    results, errors = [], []
    barrier = threading.Barrier(10)

    def worker():
        try:
            barrier.wait()
            for _ in range(5):
                with transaction.atomic():
                    results.append(next_reference("C", width=5, year=2026))
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 50 and len(set(results)) == 50


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_filing_gives_its_number_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        next_reference("R", width=3, year=2026)
        raise RuntimeError("the filing failed")
    assert next_reference("R", width=3, year=2026) == "R-2026-001"


@pytest.mark.django_db
def test_references_taken_together_follow_on_from_the_others():
    from kilombero_ict.references import next_references

    assert next_reference("HX", width=3, year=2031) == "HX-2031-001"
    assert next_references("HX", 3, width=3, year=2031) == ["HX-2031-002", "HX-2031-003", "HX-2031-004"]
    assert next_references("HX", 0, width=3, year=2031) == []
    assert next_reference("HX", width=3, year=2031) == "HX-2031-005"
    assert next_references("HY", 2, width=2, year=2031) == ["HY-2031-01", "HY-2031-02"]  # a new series

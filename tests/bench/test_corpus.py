import datetime as dt

from bench import corpus
from bench.bulk import copy_line, copy_value

ANCHOR = dt.datetime(2026, 11, 28, tzinfo=dt.timezone(dt.timedelta(hours=3)))


def test_the_data_set_is_the_same_in_every_process():
    first = corpus.tickets.__wrapped__(0.01, ANCHOR)
    again = corpus.tickets.__wrapped__(0.01, ANCHOR)
    assert first == again
    assert corpus.people.__wrapped__(0.01) == corpus.people.__wrapped__(0.01)


def test_sizes_follow_the_scale_and_follow_ups_sum_exactly():
    data = corpus.tickets(0.01, ANCHOR)
    assert len(data.tickets) == corpus.scaled("tickets", 0.01)
    assert len(data.followups) == corpus.scaled("followups", 0.01)
    assert sum(1 for f in data.followups if f.ticket == data.showcase) == 12
    assert all(t.created_at < ANCHOR and t.updated_at <= ANCHOR for t in data.tickets)
    assert corpus.scaled("users", 1.0) == 2000 and corpus.scaled("tickets", 1.0) == 50000


def test_the_accounts_the_harness_signs_in_as_exist_with_their_roles():
    people = {p.username: p for p in corpus.people(0.01)}
    for role, username in corpus.SIGN_IN_AS.items():
        assert role in people[username].roles
    assert people["technician"].is_ict and not people["staff.health"].is_ict
    assert len(corpus.department_codes(1.0)) == 30


def test_copy_values_are_escaped_for_postgresql_text_format():
    assert copy_value(None) == "\\N"
    assert copy_value(True) == "t"
    assert copy_value("a\tb\nc\\d") == "a\\tb\\nc\\\\d"
    assert copy_value(ANCHOR) == "2026-11-28T00:00:00+03:00"
    assert copy_line([1, "x", None]) == "1\tx\t\\N\n"

"""The performance harness of issue 11: `make bench` (never part of `make test`).

It builds a scaled data set in a database of its own, serves the portal with gunicorn and
production settings, measures every registered page over real HTTP beside a floor page and
beside django-helpdesk loaded with the same tickets, and writes bench/RESULTS.md.
See bench/README.md for how an app adds its data generator and its pages.

This package's `__init__` imports nothing: `bench.corpus` is also imported by the peer's own
virtual environment, which has none of the portal's code.
"""

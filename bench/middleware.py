"""Counts the SQL queries of each request and says how many in the `X-Query-Count` response header.

Installed only when the portal runs with BENCH=1 (see the end of kilombero_ict/settings.py), as
the outermost middleware, so it counts everything a request costs: session, authentication,
the access table, the view, the template and saving the session. It works with DEBUG off, as
it wraps the database connection instead of reading `connection.queries`.
"""

from contextlib import ExitStack

from django.db import connections

HEADER = "X-Query-Count"


class QueryCounter:
    """An execute wrapper that counts the statements run through it."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = QueryCounter()
        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(counter))
            response = self.get_response(request)
        response[HEADER] = str(counter.count)
        return response

"""The benchmark's own databases, beside the checkout's: `<name>_bench_portal` and `<name>_bench_peer`.

`<name>` is the database of the checkout's DATABASE_URL (from the environment or `.env`, which
`make db` writes), so every worktree benchmarks in databases of its own. Both are dropped and
created again at the start of each run, and left in place afterwards for inspection.
"""

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent


def checkout_database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    env_file = ROOT / ".env"
    if not url and env_file.exists():
        for line in env_file.read_text(encoding="utf-8").splitlines():
            key, _, value = line.strip().partition("=")
            if key.strip() == "DATABASE_URL":
                url = value.strip().strip('"').strip("'")
    if not url:
        raise SystemExit("[bench] DATABASE_URL is not set and .env has none: run `make db` first.")
    return url


@dataclass(frozen=True)
class Database:
    url: str

    @property
    def name(self) -> str:
        return unquote(urlparse(self.url).path.lstrip("/"))

    def sibling(self, suffix: str) -> "Database":
        parts = urlparse(self.url)
        return Database(urlunparse(parts._replace(path=f"/{self.name}_{suffix}")))

    def connect(self, dbname: str | None = None):
        import psycopg2

        parts = urlparse(self.url)
        return psycopg2.connect(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=unquote(parts.username or ""),
            password=unquote(parts.password or "") or None,
            dbname=dbname or self.name,
            connect_timeout=10,
        )

    def recreate(self) -> None:
        """Drop (closing its connections) and create this database."""
        conn = self.connect("postgres")
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{self.name}"')
        conn.close()

    def scalar(self, sql: str, params=None):
        conn = self.connect()
        try:
            with conn.cursor() as cursor:
                cursor.execute(sql, params)
                row = cursor.fetchone()
                return row[0] if row else None
        finally:
            conn.close()


def bench_databases() -> tuple[Database, Database]:
    """(the portal's benchmark database, django-helpdesk's)."""
    base = Database(checkout_database_url())
    return base.sibling("bench_portal"), base.sibling("bench_peer")

#!/usr/bin/env python3
"""Find or start PostgreSQL for the portal and record it in .env (run by `make run` and `make test`).

In this order:
1. DATABASE_URL from the environment or .env: use it as it is.
2. A server on 127.0.0.1:5432 that lets the `postgres` user in: create the role and database.
3. The installed PostgreSQL programs: a project-local cluster in .pgdata/ on port 54329
   (owned by the `postgres` system user when this runs as root).
4. Debian or Ubuntu as root: install the `postgresql` package, after saying so.
5. Otherwise: stop with the one command that would install it.

Every failure is one sentence on stderr and exit status 1, never a traceback.
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlparse

ROOT = Path(__file__).resolve().parent.parent
ENV_FILE = ROOT / ".env"
PGDATA = ROOT / ".pgdata"
LOCAL_PORT = 54329
DB_NAME = os.environ.get("KILOMBERO_DB_NAME", "kilombero")
DB_USER = "kilombero"
DB_PASSWORD = "kilombero"


def say(message: str) -> None:
    print(f"[database] {message}", flush=True)


def fail(message: str) -> None:
    print(f"[database] {message}", file=sys.stderr, flush=True)
    sys.exit(1)


def read_env_file() -> dict[str, str]:
    values = {}
    if ENV_FILE.exists():
        for line in ENV_FILE.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                key, _, value = line.partition("=")
                values[key.strip()] = value.strip().strip('"').strip("'")
    return values


def write_env_value(key: str, value: str) -> None:
    """Set `key` in .env, creating the file for development (DEBUG on) when it is missing."""
    lines = []
    if ENV_FILE.exists():
        lines = ENV_FILE.read_text(encoding="utf-8").splitlines()
    else:
        lines = [
            "# Written by scripts/ensure_db.py for development on this machine; see .env.example.",
            "DEBUG=true",
        ]
    lines = [line for line in lines if not line.strip().startswith(f"{key}=")]
    lines.append(f"{key}={value}")
    ENV_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")


def ensure_env_file() -> None:
    if not ENV_FILE.exists():
        write_env_value("DEBUG", "true")


def try_connect(**kwargs):
    import psycopg2

    try:
        return psycopg2.connect(connect_timeout=5, **kwargs), None
    except psycopg2.Error as exc:
        return None, str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def check_url(url: str) -> None:
    parsed = urlparse(url)
    if parsed.scheme not in ("postgres", "postgresql", "pgsql", "psql"):
        fail(f"DATABASE_URL must start with postgres:// (it starts with {parsed.scheme}://).")
    conn, error = try_connect(dsn=url.replace("pgsql://", "postgres://").replace("psql://", "postgres://"))
    if conn is None:
        host = parsed.hostname or "localhost"
        fail(f"cannot connect to PostgreSQL at {host}:{parsed.port or 5432} given by DATABASE_URL: {error}")
    conn.close()


def provision(host: str, port: int, admin_user: str = "postgres") -> str:
    """Create the portal's role and database on a server that lets `admin_user` in; return the URL."""
    conn, error = try_connect(host=host, port=port, user=admin_user, dbname="postgres")
    if conn is None:
        fail(
            f"PostgreSQL answers on {host}:{port} but does not let user {admin_user} in ({error}); "
            "set DATABASE_URL in .env (see .env.example)."
        )
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [DB_USER])
        if cur.fetchone() is None:
            say(f"creating role {DB_USER}")
            cur.execute(f"CREATE ROLE {DB_USER} LOGIN CREATEDB PASSWORD %s", [DB_PASSWORD])
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME])
        if cur.fetchone() is None:
            say(f"creating database {DB_NAME}")
            cur.execute(f"CREATE DATABASE \"{DB_NAME}\" OWNER {DB_USER} ENCODING 'UTF8' TEMPLATE template0")
    conn.close()
    return f"postgres://{DB_USER}:{quote(DB_PASSWORD)}@{host}:{port}/{DB_NAME}"


def server_binaries() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if candidates:
        return Path(candidates[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def run_as_owner(args: list[str]) -> subprocess.CompletedProcess:
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(args, capture_output=True, text=True, check=False)


def local_cluster(bindir: Path) -> str:
    data = PGDATA / "data"
    sockets = PGDATA / "socket"
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            fail("running as root and there is no `postgres` system user to own .pgdata/; run as a normal user.")
    else:
        owner = pwd.getpwuid(os.geteuid())
    if not (data / "PG_VERSION").exists():
        say(f"creating a project-local PostgreSQL cluster in {PGDATA}")
        sockets.mkdir(parents=True, exist_ok=True)
        data.mkdir(parents=True, exist_ok=True)
        for path in (PGDATA, data, sockets):
            os.chown(path, owner.pw_uid, owner.pw_gid)
        os.chmod(data, 0o700)
        result = run_as_owner(
            [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"]
        )
        if result.returncode != 0:
            fail(f"initdb failed in {data}: {result.stderr.strip().splitlines()[-1:]}")
    if not port_open("127.0.0.1", LOCAL_PORT):
        say(f"starting the project-local cluster on 127.0.0.1:{LOCAL_PORT}")
        result = run_as_owner(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(PGDATA / "server.log"),
                "-w",
                "-o",
                f"-p {LOCAL_PORT} -k {sockets} -c listen_addresses=127.0.0.1",
                "start",
            ]
        )
        if result.returncode != 0:
            fail(f"the project-local cluster did not start; see {PGDATA / 'server.log'}.")
    return provision("127.0.0.1", LOCAL_PORT)


def install_with_apt() -> None:
    say("PostgreSQL is not installed; installing the Debian package `postgresql` with apt-get.")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "postgresql"]):
        if subprocess.run(cmd, env=env, check=False).returncode != 0:
            fail("apt-get could not install PostgreSQL; install it with: apt-get install postgresql")
    versions = os.listdir("/etc/postgresql") if os.path.isdir("/etc/postgresql") else []
    for version in versions:
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], check=False)
    for _ in range(20):
        if port_open("127.0.0.1", 5432):
            return
        time.sleep(0.5)


def main() -> None:
    url = os.environ.get("DATABASE_URL") or read_env_file().get("DATABASE_URL")
    if url:
        if f":{LOCAL_PORT}/" in url and not port_open("127.0.0.1", LOCAL_PORT):
            bindir = server_binaries()
            if bindir:
                local_cluster(bindir)
        check_url(url)
        ensure_env_file()
        say("PostgreSQL is ready (DATABASE_URL).")
        return
    if port_open("127.0.0.1", 5432):
        url = provision("127.0.0.1", 5432)
    else:
        bindir = server_binaries()
        if bindir is None and os.geteuid() == 0 and Path("/etc/debian_version").exists() and shutil.which("apt-get"):
            install_with_apt()
            if port_open("127.0.0.1", 5432):
                url = provision("127.0.0.1", 5432)
            else:
                bindir = server_binaries()
        if url is None:
            if bindir is None:
                fail(
                    "PostgreSQL is not installed: install it with `sudo apt-get install postgresql` "
                    "(Debian/Ubuntu), or set DATABASE_URL in .env to a server you can use."
                )
            url = local_cluster(bindir)
    write_env_value("DATABASE_URL", url)
    say(f"PostgreSQL is ready; DATABASE_URL written to {ENV_FILE.name}.")


if __name__ == "__main__":
    try:
        main()
    except ImportError:
        fail("psycopg2 is missing: run `make install` (or pip install -r requirements.txt) first.")
    except KeyboardInterrupt:
        fail("interrupted.")

"""Backups of the database (pg_dump custom format) and of the uploaded files (tar.gz), and their restore.

`manage.py backup` writes `kilombero-<stamp>.dump` and `media-<stamp>.tar.gz` side by side and keeps
the newest N pairs; `manage.py restore <stamp>` puts both back. The PostgreSQL client programs of
the server's major version must be installed (Debian: postgresql-client).
"""

import os
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone


class BackupError(Exception):
    """A backup or restore could not be done; the message says why in one sentence."""


@dataclass(frozen=True)
class BackupSet:
    stamp: str
    dump: Path
    media: Path


def _pg_env() -> tuple[dict, list[str]]:
    db = connection.settings_dict
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = ["--host", str(db.get("HOST") or "localhost"), "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return env, args


def _program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed; install the PostgreSQL client (apt-get install postgresql-client)."
        )
    return path


def backup_sets(directory: Path) -> list[BackupSet]:
    """Complete backups in `directory`, oldest first."""
    sets = []
    for dump in sorted(directory.glob("kilombero-*.dump")):
        stamp = dump.stem.removeprefix("kilombero-")
        media = directory / f"media-{stamp}.tar.gz"
        if media.exists():
            sets.append(BackupSet(stamp, dump, media))
    return sets


def backup_create(*, directory: Path, keep: int) -> BackupSet:
    """Dump the database and archive MEDIA_ROOT; delete all but the newest `keep` backups."""
    if keep < 1:
        raise BackupError("keep must be at least 1.")
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    dump = directory / f"kilombero-{stamp}.dump"
    media = directory / f"media-{stamp}.tar.gz"
    env, args = _pg_env()
    result = subprocess.run(
        [_program("pg_dump"), "--format=custom", "--no-owner", "--file", str(dump), *args,
         connection.settings_dict["NAME"]],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        dump.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {result.stderr.strip().splitlines()[-1:]}")
    media_root = Path(settings.MEDIA_ROOT)
    partial = media.with_suffix(".partial")
    with tarfile.open(partial, "w:gz") as archive:
        if media_root.exists():
            archive.add(media_root, arcname="media")
    partial.rename(media)
    for old in backup_sets(directory)[:-keep]:
        old.dump.unlink(missing_ok=True)
        old.media.unlink(missing_ok=True)
    return BackupSet(stamp, dump, media)


def backup_restore(*, directory: Path, stamp: str) -> BackupSet:
    """Replace the database and MEDIA_ROOT with the backup `stamp` (the newest when stamp is "latest")."""
    sets = backup_sets(directory)
    if not sets:
        raise BackupError(f"there is no complete backup in {directory}.")
    chosen = sets[-1] if stamp == "latest" else next((s for s in sets if s.stamp == stamp), None)
    if chosen is None:
        raise BackupError(f"no backup {stamp} in {directory}; there are: {', '.join(s.stamp for s in sets)}.")
    connections.close_all()
    env, args = _pg_env()
    result = subprocess.run(
        [_program("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction", *args,
         "--dbname", connection.settings_dict["NAME"], str(chosen.dump)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip().splitlines()[-1:]}")
    media_root = Path(settings.MEDIA_ROOT)
    staging = media_root.with_name(media_root.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with tarfile.open(chosen.media, "r:gz") as archive:
        archive.extractall(staging, filter="data")
    restored = staging / "media"
    old = media_root.with_name(media_root.name + ".before-restore")
    shutil.rmtree(old, ignore_errors=True)
    if media_root.exists():
        media_root.rename(old)
    if restored.exists():
        restored.rename(media_root)
    else:
        media_root.mkdir(parents=True)
    shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)
    return chosen

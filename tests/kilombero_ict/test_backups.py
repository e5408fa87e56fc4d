"""backup -> wipe -> restore gives back the same rows and the same file contents."""

import hashlib

import pytest
from django.core.management import call_command

from kilombero_ict.models import Department, Location


def checksums(root):
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_round_trip(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    media = tmp_path / "media"
    (media / "helpdesk/2026/11").mkdir(parents=True)
    (media / "helpdesk/2026/11/a1.pdf").write_bytes(b"%PDF-1.7 scanned form")
    (media / "organisation/logo.png").parent.mkdir(parents=True)
    (media / "organisation/logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    Department.objects.create(code="AFYA", name_sw="Afya", name_en="Health")
    Location.objects.create(code="HQ", name="Makao Makuu")
    before_rows = (
        sorted(Department.objects.values_list("code", "name_sw")),
        sorted(Location.objects.values_list("code")),
    )
    before_files = checksums(media)

    backups = tmp_path / "backups"
    call_command("backup", dir=str(backups), keep=2, verbosity=0)
    call_command("backup", dir=str(backups), keep=2, verbosity=0)

    Location.objects.all().delete()
    Department.objects.all().delete()
    for path in media.rglob("*.pdf"):
        path.unlink()
    (media / "intruder.txt").write_text("written after the backup")

    call_command("restore", "latest", dir=str(backups), yes=True, verbosity=0)

    after_rows = sorted(Department.objects.values_list("code", "name_sw")), sorted(Location.objects.values_list("code"))
    assert after_rows == before_rows
    assert checksums(media) == before_files


@pytest.mark.django_db
def test_backup_keeps_only_the_newest(tmp_path, settings):
    from kilombero_ict.backups import backup_sets

    settings.MEDIA_ROOT = str(tmp_path / "media")
    backups = tmp_path / "backups"
    for stamp in ("20260101-000000", "20260102-000000", "20260103-000000"):
        (backups).mkdir(exist_ok=True)
        (backups / f"kilombero-{stamp}.dump").write_bytes(b"x")
        (backups / f"media-{stamp}.tar.gz").write_bytes(b"x")
    call_command("backup", dir=str(backups), keep=2, verbosity=0)
    assert next(s.stamp for s in backup_sets(backups)) == "20260103-000000"
    assert len(backup_sets(backups)) == 2


def test_restore_without_backups_says_so(tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="no complete backup"):
        call_command("restore", "latest", dir=str(tmp_path), yes=True)

"""Heavy operations measured for time and peak memory, each in a fresh process of its own:
the CSV import of 10,000 assets and the XLSX export of 20,000 assets (issue 11).

They switch themselves on when the asset register exists in the checkout: `assets.resources`
with an `AssetResource` (django-import-export) and an `assets.Asset` model. Until then each is
reported as not measured, with the reason. The harness runs

    python -m bench.ops <operation> --scale S

with Django set up on the benchmark database; the process prints one JSON line: rows, seconds,
its peak resident memory and the memory it had before the operation began.

The import takes the admin's path: django-import-export's `import_data` twice, a dry run (the
preview page) and then the real import (the confirm button), as the importing user; the file
is the register's own export of existing assets with new asset tags, so it fits whatever
columns AssetResource defines. An app may take over either step by defining in
`bench/data/assets.py` a function `import_file(n) -> (tablib.Dataset, callable(dataset))` or
`export_file(n, path) -> rows` (e.g. to time the streamed report download instead).
"""

import argparse
import importlib
import json
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Operation:
    name: str
    key: str
    full_rows: int
    goal: str
    max_seconds: float
    max_peak_mb: float | None  # None: "bounded", judged by the growth above the baseline
    bounded_growth_mb: float | None = None


OPERATIONS = [
    Operation("Import 10,000 assets (CSV, admin path)", "import-assets", 10000, "< 60 s, peak < 500 MB", 60, 500),
    Operation(
        "Export 20,000 assets (XLSX)", "export-assets", 20000, "< 30 s, memory bounded", 30, None, bounded_growth_mb=200
    ),
]


def unavailable() -> str | None:
    """Why the asset operations cannot run in this checkout, or None when they can."""
    from django.apps import apps

    try:
        apps.get_model("assets", "Asset")
    except LookupError:
        return "the asset register (assets.Asset) is not in this checkout yet"
    try:
        module = importlib.import_module("assets.resources")
    except ModuleNotFoundError:
        return "assets/resources.py is not in this checkout yet"
    if not hasattr(module, "AssetResource"):
        return "assets.resources has no AssetResource"
    return None


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _hook(name):
    try:
        module = importlib.import_module("bench.data.assets")
    except ModuleNotFoundError:
        return None
    return getattr(module, name, None)


def _importer():
    from django.contrib.auth import get_user_model

    from bench import corpus

    user = get_user_model().objects.get(username=corpus.SIGN_IN_AS[corpus.ICT_OFFICER])
    return user


def run_import(rows: int) -> dict:
    from assets.resources import AssetResource

    from assets.models import Asset

    hook = _hook("import_file")
    if hook:
        dataset, do_import = hook(rows)
        started = time.perf_counter()
        do_import(dataset)
        return {"rows": rows, "seconds": time.perf_counter() - started}
    user = _importer()
    existing = Asset.objects.order_by("pk")[:rows]
    source = AssetResource()
    dataset = source.export(queryset=existing)
    csv_text = dataset.csv
    import tablib

    dataset = tablib.Dataset().load(csv_text, format="csv")
    # New natural keys, so the import creates rows instead of updating the ones exported.
    resource_for_keys = AssetResource()
    key_columns = [
        resource_for_keys.fields[name].column_name
        for name in resource_for_keys._meta.import_id_fields
        if name in resource_for_keys.fields
    ]
    for column in key_columns:
        if column in dataset.headers:
            index = dataset.headers.index(column)
            values = dataset.get_col(index)
            del dataset[column]
            dataset.insert_col(
                index, [f"{v}-B{i}" if v else f"BENCH-{i:06d}" for i, v in enumerate(values)], header=column
            )
    baseline = _rss_mb()
    started = time.perf_counter()
    preview = AssetResource().import_data(
        dataset, dry_run=True, raise_errors=False, collect_failed_rows=True, user=user
    )
    if preview.has_errors() or preview.has_validation_errors():
        first = (preview.invalid_rows[:1] or preview.row_errors()[:1] or ["?"])[0]
        raise RuntimeError(f"the dry run refused the file: {first}")
    result = AssetResource().import_data(dataset, dry_run=False, raise_errors=True, user=user)
    seconds = time.perf_counter() - started
    created = result.totals.get("new", 0) if hasattr(result, "totals") else None
    return {"rows": len(dataset), "created": created, "seconds": seconds, "baseline_mb": baseline}


def run_export(rows: int, path: Path) -> dict:
    from assets.resources import AssetResource
    from import_export.formats.base_formats import XLSX

    from assets.models import Asset

    hook = _hook("export_file")
    baseline = _rss_mb()
    started = time.perf_counter()
    if hook:
        count = hook(rows, path)
    else:
        queryset = Asset.objects.order_by("pk")[:rows]
        dataset = AssetResource().export(queryset=queryset)
        path.write_bytes(XLSX().export_data(dataset))
        count = len(dataset)
    return {
        "rows": count,
        "seconds": time.perf_counter() - started,
        "baseline_mb": baseline,
        "bytes": path.stat().st_size,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description="Run one heavy operation and print its cost as JSON.")
    parser.add_argument("operation", choices=[op.key for op in OPERATIONS])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--out", default="bench/out")
    args = parser.parse_args(argv)
    import django

    django.setup()
    from bench import corpus

    op = next(o for o in OPERATIONS if o.key == args.operation)
    rows = corpus.scaled_count(op.full_rows, args.scale, 100)
    summary = run_import(rows) if op.key == "import-assets" else run_export(rows, Path(args.out) / "export-assets.xlsx")
    summary["peak_mb"] = _peak_mb()
    print(json.dumps(summary), flush=True)


if __name__ == "__main__":
    sys.exit(main())

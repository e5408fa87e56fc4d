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
import resource as rusage
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import scaled_count


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
        "Export 20,000 assets (XLSX, the register's download)",
        "export-assets",
        20000,
        "< 30 s, memory bounded",
        30,
        None,
        bounded_growth_mb=200,
    ),
    Operation(
        "Export 20,000 assets (XLSX, admin path)",
        "export-assets-admin",
        20000,
        "< 30 s, memory bounded",
        30,
        None,
        bounded_growth_mb=200,
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


def rows_for(op: Operation, scale: float) -> int:
    return scaled_count(op.full_rows, scale, 100)


def shortage(op: Operation, scale: float) -> str | None:
    """Why the benchmark data are too small for `op`, or None."""
    from django.apps import apps

    needed = rows_for(op, scale)
    have = apps.get_model("assets", "Asset").objects.count()
    if have < needed:
        return f"only {have:,} assets in the benchmark data, {needed:,} needed (bench/data/assets.py makes them)"
    return None


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _peak_mb() -> float:
    return rusage.getrusage(rusage.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


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


def _unique_fields(model) -> set[str]:
    """Names of the model's fields whose values must be unique (field options and single-field constraints)."""
    from django.db.models import F, UniqueConstraint

    names = {f.name for f in model._meta.concrete_fields if f.unique and not f.primary_key}
    for constraint in model._meta.constraints:
        if not isinstance(constraint, UniqueConstraint):
            continue
        if len(constraint.fields) == 1:
            names.add(constraint.fields[0])
        for expression in constraint.expressions:
            refs = [node.name for node in expression.flatten() if isinstance(node, F)]
            if len(refs) == 1:
                names.add(refs[0])
    return names


def _fresh_copies(resource_class, model, count: int):
    """The register's own export of `count` existing rows, with new natural keys and unique values,
    so that importing it creates rows instead of updating the exported ones."""
    import tablib

    source = resource_class()
    exported = source.export(queryset=source.get_queryset().order_by("pk")[:count])
    dataset = tablib.Dataset().load(exported.csv, format="csv")
    resource = resource_class()
    key_columns = [resource.fields[n].column_name for n in resource._meta.import_id_fields if n in resource.fields]
    unique = _unique_fields(model)
    stamp = f"{int(time.time()) % 46656:03x}"  # differs between runs on the same database
    unique_columns = [f.column_name for f in resource.fields.values() if f.attribute in unique]
    for column in dict.fromkeys(key_columns + unique_columns):
        if column not in dataset.headers:
            continue
        index = dataset.headers.index(column)
        values = dataset.get_col(index)
        del dataset[column]
        fresh = [
            f"{v}-{stamp}{i}" if v else (f"B{stamp}-{i:06d}" if column in key_columns else v)
            for i, v in enumerate(values)
        ]
        dataset.insert_col(index, fresh, header=column)
    return dataset


def _failed_rows(result) -> set[int]:
    """0-based indexes of the rows an import result refused (validation errors and other errors)."""
    numbers = {row.number for row in getattr(result, "invalid_rows", [])}
    numbers |= {number for number, _errors in result.row_errors()}
    return {n - 1 for n in numbers}


def run_import(rows: int) -> dict:
    from assets.models import Asset
    from assets.resources import AssetResource

    hook = _hook("import_file")
    if hook:
        dataset, do_import = hook(rows)
        started = time.perf_counter()
        do_import(dataset)
        return {"rows": rows, "seconds": time.perf_counter() - started, "source": "bench/data/assets.py"}
    user = _importer()
    # A few more candidates than needed: rows the register refuses as new ones (say, a return date already
    # past for a hand-over made today) are dropped after a refused preview, and the timing starts again.
    candidates = _fresh_copies(AssetResource, Asset, rows + rows // 10 + 10)
    chosen = list(range(min(rows, len(candidates))))  # indexes into `candidates`
    spare = len(chosen)
    refused_total = 0
    for _attempt in range(5):  # about one row in fifteen is refused (disposed, or lent until a day now past)
        dataset = candidates.subset(rows=chosen)
        baseline = _rss_mb()
        started = time.perf_counter()
        # The admin's two steps: the preview (a dry run), then the confirmed import.
        preview = AssetResource().import_data(
            dataset, dry_run=True, raise_errors=False, collect_failed_rows=True, user=user
        )
        refused = _failed_rows(preview)  # positions in `dataset`, i.e. in `chosen`
        if not refused:
            break
        refused_total += len(refused)
        chosen = [index for position, index in enumerate(chosen) if position not in refused]
        more = list(range(spare, min(len(candidates), spare + len(refused))))
        chosen += more
        spare += len(more)
    else:
        first = (preview.invalid_rows[:1] or preview.row_errors()[:1] or ["?"])[0]
        raise RuntimeError(f"the preview refused rows five times, e.g. {first}")
    result = AssetResource().import_data(dataset, dry_run=False, raise_errors=True, user=user)
    seconds = time.perf_counter() - started
    return {
        "rows": len(dataset),
        "created": result.totals.get("new"),
        "refused_candidates": refused_total,
        "seconds": seconds,
        "baseline_mb": baseline,
    }


def run_export(rows: int, path: Path, *, admin: bool = False) -> dict:
    """The XLSX export of `rows` assets: the hook in bench/data/assets.py (the register's download) or,
    with `admin` (or without a hook), the admin's export through AssetResource."""
    from import_export.formats.base_formats import XLSX

    from assets.resources import AssetResource

    hook = None if admin else _hook("export_file")
    baseline = _rss_mb()
    started = time.perf_counter()
    if hook:
        count = hook(rows, path)
    else:
        exporter = AssetResource()
        dataset = exporter.export(queryset=exporter.get_queryset().order_by("pk")[:rows])
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
    op = next(o for o in OPERATIONS if o.key == args.operation)
    rows = rows_for(op, args.scale)
    if op.key == "import-assets":
        summary = run_import(rows)
    else:
        summary = run_export(rows, Path(args.out) / f"{op.key}.xlsx", admin=op.key == "export-assets-admin")
    summary["peak_mb"] = _peak_mb()
    print(json.dumps(summary), flush=True)


if __name__ == "__main__":
    sys.exit(main())

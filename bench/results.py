"""Judging the numbers against the goals of issue 11 and writing bench/RESULTS.md.

Pure functions of the results dictionary the harness builds (also saved as bench/out/results.json),
so they are tested without running a benchmark (tests/bench/test_results.py).
"""

MET, MISSED, UNKNOWN = "met", "MISSED", "not measured"
MEMORY_GROWTH_LIMIT = 0.20
THROUGHPUT_FACTOR = 10


def _fmt(value, digits=1, unit=""):
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.{digits}f}{unit}"
    return f"{value:,}{unit}"


def page_goals(page: dict, spec: dict, floor_median_ms: float | None) -> list[tuple[str, str]]:
    """[(goal, verdict)] for one measured page; `spec` holds its goals (p95_ms, max_queries...)."""
    verdicts = []
    if page.get("skipped"):
        return [("measured", UNKNOWN)]
    if not page.get("samples"):
        got = ", ".join(f"{status} x{n}" for status, n in page.get("statuses", {}).items()) or "nothing"
        return [(f"a good answer (got {got})", MISSED)]
    if page.get("errors"):
        verdicts.append((f"no errors ({page['errors']})", MISSED))
    if spec.get("max_queries") is not None and page.get("queries_max") is not None:
        fixed = page["queries_min"] == page["queries_max"]
        ok = fixed and page["queries_max"] <= spec["max_queries"]
        verdicts.append((f"queries fixed, <= {spec['max_queries']}", MET if ok else MISSED))
    if spec.get("p95_ms") is not None:
        verdicts.append((f"p95 <= {spec['p95_ms']:g} ms", MET if page["p95_ms"] <= spec["p95_ms"] else MISSED))
    if spec.get("floor_ratio") is not None:
        if floor_median_ms:
            ok = page["median_ms"] <= spec["floor_ratio"] * floor_median_ms
            verdicts.append((f"median <= {spec['floor_ratio']:g}x floor", MET if ok else MISSED))
        else:
            verdicts.append((f"median <= {spec['floor_ratio']:g}x floor", UNKNOWN))
    if spec.get("gzip_kb") is not None and page.get("gzip_kb") is not None:
        ok = page["gzip_kb"] <= spec["gzip_kb"]
        verdicts.append((f"<= {spec['gzip_kb']:g} KB compressed", MET if ok else MISSED))
    if spec.get("first_load_kb") is not None:
        value = page.get("first_load_kb")
        verdict = UNKNOWN if value is None else MET if value <= spec["first_load_kb"] else MISSED
        verdicts.append((f"first load <= {spec['first_load_kb']:g} KB compressed", verdict))
    return verdicts


def memory_verdict(memory: list[dict]) -> tuple[str, str]:
    """(description, verdict) for "worker memory after 10,000 requests within 20% of after 1,000"."""
    first = next((m for m in memory if m["after"] >= 1000 and m.get("workers_mb")), None)
    later = next((m for m in memory if m["after"] >= 10000 and m.get("workers_mb")), None)
    if first is None or later is None:
        return ("worker memory", UNKNOWN)
    before, after = max(first["workers_mb"]), max(later["workers_mb"])
    growth = (after - before) / before
    text = (
        f"largest worker {before:.0f} MB after {first['after']:,} requests -> {after:.0f} MB after "
        f"{later['after']:,} ({growth:+.0%})"
    )
    return (text, MET if growth <= MEMORY_GROWTH_LIMIT else MISSED)


def throughput_verdict(ours: dict | None, peer: dict | None) -> tuple[str, str]:
    """Our ticket lists per second against django-helpdesk's, measured in the same run."""
    if not ours or not peer or not peer.get("units_per_second"):
        return ("ticket list throughput vs django-helpdesk", UNKNOWN)
    factor = ours["units_per_second"] / peer["units_per_second"]
    text = f"{ours['units_per_second']:.1f} vs {peer['units_per_second']:.1f} lists/s ({factor:.1f}x)"
    return (text, MET if factor >= THROUGHPUT_FACTOR else MISSED)


def _mark(verdicts):
    if not verdicts:
        return "-"
    missed = [goal for goal, verdict in verdicts if verdict == MISSED]
    unknown = [goal for goal, verdict in verdicts if verdict == UNKNOWN]
    if missed:
        return "MISSED: " + "; ".join(missed)
    if unknown:
        return "not measured: " + "; ".join(unknown)
    return "met"


def render(results: dict) -> str:
    """RESULTS.md from the results dictionary."""
    r = results
    floor = r.get("floor_median_ms")
    lines = [
        "# Performance results (issue 11)",
        "",
        "Written by `make bench`; every run rewrites this file. Medians, percentiles and ratios below come from",
        "one run in which all pages (the portal's, the floor and django-helpdesk's) were requested in shuffled,",
        "interleaved rounds, so the shared machine's noise falls on all of them alike.",
        "",
        "| | |",
        "| --- | --- |",
        f"| date | {r['date']} |",
        f"| machine | {r['machine']} |",
        f"| scale | {r['scale']:g} (1.0 = the data set of issue 11), seed {r['seed']} |",
        f"| commit | {r.get('commit', '-')} |",
        f"| software | {r.get('software', '-')} |",
        f"| method | {r.get('method', '-')} |",
        f"| whole run | {_fmt(r.get('total_seconds'), 0)} s |",
        "",
        "## Stages",
        "",
        "| stage | seconds |",
        "| --- | ---: |",
    ]
    lines += [f"| {s['name']} | {_fmt(s['seconds'])} |" for s in r.get("stages", [])]
    lines += ["", "## Data set", "", "| side | app | rows | seconds | note |", "| --- | --- | --- | ---: | --- |"]
    for step in r.get("data", []):
        rows = ", ".join(f"{n:,} {what}" for what, n in step.get("rows", {}).items()) or "-"
        lines.append(
            f"| portal | {step['name']} | {rows} | {_fmt(step.get('seconds'))} | {step.get('skipped') or ''} |"
        )
    peer = r.get("peer_data")
    if peer:
        rows = ", ".join(f"{n:,} {what}" for what, n in peer.get("rows", {}).items())
        seconds = sum(v for k, v in peer.get("seconds", {}).items() if k != "migrate")
        lines.append(f"| django-helpdesk | helpdesk | {rows} | {_fmt(seconds)} | {peer.get('note', '')} |")

    lines += [
        "",
        "## Pages",
        "",
        f"Floor: {_fmt(floor, 1, ' ms')} median. Sizes are of the HTML as served (no compression in gunicorn) and",
        "gzip level 6 of it; first load adds the CSS, JavaScript and images the page loads, as whitenoise serves",
        "them compressed. Queries are per request, counted by the server (X-Query-Count), min-max over the samples.",
        "",
        "| page | side | role | median ms | p95 ms | x floor | queries | HTML KB | gzip KB | first load KB | goals |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for page in r.get("pages", []):
        if page.get("skipped"):
            lines.append(
                f"| {page['name']} | {page['side']} | {page['role']} | | | | | | | | skipped: {page['skipped']} |"
            )
            continue
        queries = (
            "-"
            if page.get("queries_min") is None
            else str(page["queries_min"])
            if page["queries_min"] == page["queries_max"]
            else f"{page['queries_min']}-{page['queries_max']}"
        )
        ratio = page["median_ms"] / floor if floor and page.get("median_ms") else None
        lines.append(
            f"| {page['name']} | {page['side']} | {page['role']} | {_fmt(page.get('median_ms'))} | "
            f"{_fmt(page.get('p95_ms'))} | {_fmt(ratio, 2)} | {queries} | {_fmt(page.get('html_kb'))} | "
            f"{_fmt(page.get('gzip_kb'))} | {_fmt(page.get('first_load_kb'))} | {_mark(page.get('verdicts', []))} |"
        )

    lines += [
        "",
        "## Throughput (8 concurrent clients)",
        "",
        "| target | side | client | seconds | requests | requests/s | pages/s | errors | p50 ms | p99 ms |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for t in r.get("throughput", []):
        if t.get("skipped"):
            lines.append(f"| {t['name']} | {t['side']} | | | | | | | | skipped: {t['skipped']} |")
            continue
        lines.append(
            f"| {t['name']} | {t['side']} | {t['client']} | {_fmt(t['seconds'])} | {_fmt(t['requests'])} | "
            f"{_fmt(t['requests_per_second'])} | {_fmt(t['units_per_second'])} | {_fmt(t['errors'])} | "
            f"{_fmt(t.get('latency_p50_ms'))} | {_fmt(t.get('latency_p99_ms'))} |"
        )

    lines += [
        "",
        "## gunicorn worker memory (RSS)",
        "",
        "| after requests to the portal | workers MB |",
        "| ---: | --- |",
    ]
    for m in r.get("memory", []):
        workers = ", ".join(f"{mb:.0f}" for mb in m.get("workers_mb", [])) or "-"
        lines.append(f"| {_fmt(m['after'])} | {workers} |")

    lines += [
        "",
        "## Import and export",
        "",
        "| operation | rows | seconds | peak memory MB | goal | verdict |",
        "| --- | ---: | ---: | ---: | --- | --- |",
    ]
    for op in r.get("operations", []):
        if op.get("skipped"):
            lines.append(f"| {op['name']} | | | | {op.get('goal', '')} | not measured: {op['skipped']} |")
            continue
        lines.append(
            f"| {op['name']} | {_fmt(op.get('rows'))} | {_fmt(op.get('seconds'))} | {_fmt(op.get('peak_mb'), 0)} | "
            f"{op.get('goal', '')} | {op.get('verdict', '')} |"
        )

    lines += ["", "## Goals of issue 11", "", "| goal | measured | verdict |", "| --- | --- | --- |"]
    for goal in r.get("goals", []):
        lines.append(f"| {goal['goal']} | {goal['measured']} | {goal['verdict']} |")

    notes = r.get("notes", [])
    if notes:
        lines += ["", "## Not measured, and caveats", ""]
        lines += [f"- {note}" for note in notes]
    return "\n".join(lines) + "\n"


def summarise_goals(results: dict, specs: dict) -> list[dict]:
    """The goal list of issue 11, each with what was measured and the verdict."""
    pages = [p for p in results.get("pages", []) if p["side"] == "portal" and p.get("kind") != "floor"]
    measured = [p for p in pages if not p.get("skipped") and p.get("samples")]
    goals = []

    def over(predicate_name, check, describe):
        if not measured:
            return "-", UNKNOWN
        failed = [p for p in measured if not check(p)]
        if failed:
            return "; ".join(describe(p) for p in failed), MISSED
        return f"all {len(measured)} pages", MET

    def queries_ok(p):
        limit = specs[p["name"]].get("max_queries")
        if limit is None or p.get("queries_max") is None:
            return True
        return p["queries_min"] == p["queries_max"] and p["queries_max"] <= limit

    text, verdict = over(
        "queries",
        queries_ok,
        lambda p: f"{p['name']}: {p.get('queries_min')}-{p.get('queries_max')}",
    )
    goals.append({"goal": "every page: queries per request fixed and at most 15", "measured": text, "verdict": verdict})

    def p95_ok(p):
        limit = specs[p["name"]].get("p95_ms")
        return limit is None or p["p95_ms"] <= limit

    text, verdict = over(
        "p95", p95_ok, lambda p: f"{p['name']}: {p['p95_ms']:.0f} ms (goal {specs[p['name']]['p95_ms']:g})"
    )
    goals.append({"goal": "every page: p95 within its goal (150 ms; lists 100, search 200, filing 250)",
                  "measured": text, "verdict": verdict})  # fmt: skip

    floor = results.get("floor_median_ms")

    def ratio_ok(p):
        limit = specs[p["name"]].get("floor_ratio")
        return limit is None or not floor or p["median_ms"] <= limit * floor

    if floor:
        text, verdict = over("ratio", ratio_ok, lambda p: f"{p['name']}: {p['median_ms'] / floor:.1f}x")
    else:
        text, verdict = "no floor measurement", UNKNOWN
    goals.append({"goal": "every page: median at most 4x the floor page", "measured": text, "verdict": verdict})

    for label, kinds_or_names in (
        ("ticket list and ticket page: p95 <= 100 ms, <= 60 KB compressed", ("Ticket list", "Ticket page")),
    ):
        found = [p for p in measured if p["name"] in kinds_or_names]
        if not found:
            goals.append({"goal": label, "measured": "no ticket pages registered in this checkout", "verdict": UNKNOWN})
        else:
            bad = [p for p in found if p["p95_ms"] > 100 or (p.get("gzip_kb") or 0) > 60]
            text = "; ".join(f"{p['name']}: p95 {p['p95_ms']:.0f} ms, {p.get('gzip_kb') or 0:.0f} KB" for p in found)
            goals.append({"goal": label, "measured": text, "verdict": MISSED if bad else MET})

    homes = [p for p in measured if p.get("kind") == "home"]
    if homes:
        worst = max(homes, key=lambda p: p["p95_ms"])
        goals.append({"goal": "role-aware home pages: p95 <= 150 ms",
                      "measured": f"worst: {worst['name']} {worst['p95_ms']:.0f} ms",
                      "verdict": MET if worst["p95_ms"] <= 150 else MISSED})  # fmt: skip

    ours = next((t for t in results.get("throughput", []) if t["name"] == "Ticket list" and not t.get("skipped")), None)
    peer = next(
        (t for t in results.get("throughput", []) if t["side"] == "peer" and not t.get("skipped")),
        None,
    )
    text, verdict = throughput_verdict(ours, peer)
    if ours is None:
        text = "no ticket list page registered in this checkout" + (
            f" (django-helpdesk: {peer['units_per_second']:.1f} lists/s)" if peer else ""
        )
    goals.append({"goal": "ticket list throughput, 8 clients: at least 10x django-helpdesk's",
                  "measured": text, "verdict": verdict})  # fmt: skip

    for label, kind, limit in (("search p95 <= 200 ms", "search", 200), ("ticket filing p95 <= 250 ms", "filing", 250)):
        found = [p for p in measured if p.get("kind") == kind]
        if not found:
            goals.append({"goal": label, "measured": f"no {kind} page registered", "verdict": UNKNOWN})
            continue
        worst = max(found, key=lambda p: p["p95_ms"])
        goals.append({"goal": label, "measured": f"worst: {worst['name']} {worst['p95_ms']:.0f} ms",
                      "verdict": MET if worst["p95_ms"] <= limit else MISSED})  # fmt: skip

    for op in results.get("operations", []):
        goals.append(
            {
                "goal": f"{op['name']}: {op.get('goal', '')}",
                "measured": "-"
                if op.get("skipped")
                else f"{op.get('seconds', 0):.1f} s, peak {_fmt(op.get('peak_mb'), 0)} MB",
                "verdict": UNKNOWN if op.get("skipped") else op.get("verdict", UNKNOWN),
            }
        )

    text, verdict = memory_verdict(results.get("memory", []))
    goals.append({"goal": "worker memory after 10,000 requests within 20% of after 1,000",
                  "measured": text, "verdict": verdict})  # fmt: skip

    first = [p for p in measured if specs[p["name"]].get("first_load_kb") is not None]
    if first:
        bad = [
            p for p in first if p.get("first_load_kb") is None or p["first_load_kb"] > specs[p["name"]]["first_load_kb"]
        ]
        text = "; ".join(f"{p['name']}: {_fmt(p.get('first_load_kb'))} KB" for p in first)
        has_policy = any("olic" in p["name"] for p in first)
        goals.append({"goal": "home page and policy page first load <= 150 KB compressed",
                      "measured": text + ("" if has_policy else " (no policy page registered yet)"),
                      "verdict": MISSED if bad else MET if has_policy else UNKNOWN})  # fmt: skip
    return goals

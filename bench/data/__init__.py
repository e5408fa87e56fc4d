"""The registry of data generators: one module per app, `bench/data/<app>.py`, run in this order.

A generator module defines

    REQUIRES = ("helpdesk.Ticket", ...)   # models that must exist, else the module is skipped
    def generate(scale: float, rng: random.Random) -> dict[str, int]:
        ...                               # fill the app's tables; return {"what": row count}

It runs inside Django against the benchmark database, after every generator before it in
`GENERATORS` (so the organisation layer's people, departments and locations are there: look
them up by natural key). Use `bench.bulk.copy_rows` or `bulk_create(batch_size=5000)` - never
one query per row - and `bench.corpus` for anything the django-helpdesk side must hold too.
`rng` is the app's own `random.Random`, seeded from the benchmark seed and the app's name;
`bench.corpus.current_run()` has the run's scale, seed and the data set's "now" (`anchor`).
"""

import importlib
import time
from dataclasses import dataclass, field

from django.apps import apps

from bench import corpus

GENERATORS = ["kilombero_ict", "assets", "procurement", "helpdesk", "policies", "risk"]


@dataclass
class Step:
    name: str
    seconds: float = 0.0
    rows: dict = field(default_factory=dict)
    skipped: str = ""  # the reason, when the generator did not run


def _missing_models(requires) -> list[str]:
    missing = []
    for label in requires:
        try:
            apps.get_model(label)
        except LookupError:
            missing.append(label)
    return missing


def run_generators(scale: float, seed: int = corpus.SEED, names=None, echo=print) -> list[Step]:
    """Run every available generator in order; report rows and seconds for each."""
    if not corpus._current or (corpus.current_run().scale, corpus.current_run().seed) != (scale, seed):
        corpus.start_run(scale, seed)
    steps = []
    for name in names or GENERATORS:
        step = Step(name)
        steps.append(step)
        try:
            module = importlib.import_module(f"bench.data.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"bench.data.{name}":
                raise
            step.skipped = f"no generator yet (bench/data/{name}.py)"
            echo(f"[data] {name}: skipped, {step.skipped}")
            continue
        missing = _missing_models(getattr(module, "REQUIRES", ()))
        if missing:
            step.skipped = f"models not in this checkout: {', '.join(missing)}"
            echo(f"[data] {name}: skipped, {step.skipped}")
            continue
        started = time.perf_counter()
        step.rows = module.generate(scale, corpus.rng_for(name, seed)) or {}
        step.seconds = time.perf_counter() - started
        rows = ", ".join(f"{count:,} {what}" for what, count in step.rows.items())
        echo(f"[data] {name}: {rows} in {step.seconds:.1f} s")
    return steps

"""Honest timing: warm-up runs first, then the median of several runs, all with time.perf_counter.

rdflib can take minutes on one query at a million triples, so its runs get a time budget: a
SIGALRM interrupts the pure-Python evaluation and the query is reported as over budget (its ratio
is then a lower bound) instead of holding the whole benchmark up.
"""
from __future__ import annotations

import resource
import signal
import statistics
import time
from collections.abc import Callable
from typing import Any


SLOW_S = 1.0


class OverBudget(Exception):
    """A run took longer than its budget."""


def _alarm(signum: int, frame: Any) -> None:
    raise OverBudget()


def in_thread(fn: Callable[[], int], budget: float) -> int:
    """Run ``fn`` in a daemon thread and give up after ``budget`` seconds (raising OverBudget).

    For engines whose work happens in Rust (pyoxigraph), where a signal would only be seen once the
    query is over. A query given up on goes on running to its end in the background (it cannot be
    stopped), so the worker exits as soon as its measurements are done.
    """
    import threading

    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller
            box["error"] = exc

    t = threading.Thread(target=work, daemon=True)
    t.start()
    t.join(budget)
    if t.is_alive():
        raise OverBudget()
    if "error" in box:
        raise box["error"]
    return box["value"]


def time_runs(fn: Callable[[], int], repeat: int, warmup: int = 1, budget: float | None = None,
              threaded: bool = False) -> dict[str, Any]:
    """Run ``fn`` (which returns a row count) ``warmup`` times, then ``repeat`` times; report the median.

    With a ``budget`` (seconds), a run that goes over it stops the measurement: the result says
    ``over_budget`` and gives the budget as a lower bound. A warm-up longer than the budget also
    counts as the only run, so a very slow engine is measured once rather than not at all.
    """
    times: list[float] = []
    rows = None
    plain = fn
    if budget and threaded:
        # Warm-up under the budget in a thread; the timed runs go back to the calling thread unless
        # the warm-up showed the query might need the budget (a thread start is itself ~0.1 ms).
        fn = (lambda f: lambda: in_thread(f, budget))(fn)
    alarm = bool(budget) and not threaded
    old = signal.signal(signal.SIGALRM, _alarm) if alarm else None
    try:
        i = -1
        while i + 1 < warmup + repeat:
            i += 1
            if alarm:
                signal.setitimer(signal.ITIMER_REAL, budget)
            t0 = time.perf_counter()
            try:
                rows = fn()
            except OverBudget:
                return {"over_budget": True, "median_s": None, "lower_bound_s": budget, "runs": len(times) + 1,
                        "rows": rows}
            finally:
                if alarm:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            elapsed = time.perf_counter() - t0
            if i >= warmup:
                times.append(elapsed)
            elif budget and elapsed > budget / 4:
                times.append(elapsed)   # too slow to repeat within reason: the warm-up is the measurement
                break
            elif i == warmup - 1 and elapsed > SLOW_S and repeat > 3:
                repeat = 3              # a query over a second: three timed runs still give a median
            if i == warmup - 1 and threaded and budget and elapsed < budget / 5:
                fn = plain
    finally:
        if alarm:
            signal.signal(signal.SIGALRM, old)
    return {"median_s": round(statistics.median(times), 6), "min_s": round(min(times), 6), "runs": len(times),
            "rows": rows}


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    t0 = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t0


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB.

    VmHWM (Linux) rather than getrusage's ru_maxrss: ru_maxrss survives exec, so a worker started
    by a big parent would report the parent's peak instead of its own.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)

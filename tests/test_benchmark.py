"""The benchmark script's measuring functions work (what they measure is printed, never asserted)."""
from scripts.benchmark import machine_scaling, peak_memory_mib, speed_runs, write_cables


def test_speed_runs_and_peak_memory_measure_a_small_corpus(tmp_path):
    paths = write_cables(tmp_path / "cables", 6, seed=3)
    assert len(paths) == 6
    words, best, rounds = speed_runs(paths, cores=2, repeats=2)
    assert words > 1000
    assert set(best) == {"tokenizer", "one", "every"} and all(seconds > 0 for seconds in best.values())
    assert len(rounds) == 2 and all(best[key] == min(r[key] for r in rounds) for key in best)
    assert peak_memory_mib(tmp_path / "cables") > 50  # spaCy alone takes more than that


def test_a_measured_command_reports_its_own_peak_memory_not_the_benchmarks():
    import sys

    from scripts.common import measured

    ballast = bytearray(400 * 1024 * 1024)
    ballast[:: 4096] = b"x" * len(ballast[:: 4096])  # touch every page, so this process holds 400 MiB
    small = measured([sys.executable, "-c", "print('{\"answer\": 42}')"])
    large = measured([sys.executable, "-c", "x = bytearray(200 * 2**20); x[::4096] = b'x' * len(x[::4096])"])
    assert small["answer"] == 42 and small["peak_mib"] < 100  # a child started straight from here would report 400+
    assert 200 < large["peak_mib"] < 300
    del ballast


def test_machine_scaling_runs_the_loops_and_returns_a_ratio():
    import math

    # What it measures moves with the machine (one run against the next by up to 1.7x here): not asserted.
    for cores in (1, 2):
        ratio = machine_scaling(cores, loops=200_000)
        assert math.isfinite(ratio) and ratio > 0

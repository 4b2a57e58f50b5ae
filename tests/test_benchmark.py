"""The benchmark script's measuring functions work (what they measure is printed, never asserted)."""
from scripts.benchmark import peak_memory_mib, speed_runs, write_cables


def test_speed_runs_and_peak_memory_measure_a_small_corpus(tmp_path):
    paths = write_cables(tmp_path / "cables", 6, seed=3)
    assert len(paths) == 6
    words, best, rounds = speed_runs(paths, cores=2, repeats=2)
    assert words > 1000
    assert set(best) == {"tokenizer", "one", "every"} and all(seconds > 0 for seconds in best.values())
    assert len(rounds) == 2 and all(best[key] == min(r[key] for r in rounds) for key in best)
    assert peak_memory_mib(tmp_path / "cables") > 50  # spaCy alone takes more than that

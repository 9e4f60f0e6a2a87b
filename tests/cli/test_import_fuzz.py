"""Fuzzing the importers: random and mutated bytes give the clear line or an import.

Real files (the bundled snapshots, the seed texts, the example paste, a good
CSV and a workbook) are mutated the ways files get damaged (bits flipped,
bytes deleted, inserted or repeated, the end cut off), and random bytes are
tried as each kind. Each case runs `planterm import --dry-run` and, when that
passes, the real import into an empty database: the command must either
succeed or exit 1 with one line on standard error. Any other exception
propagates out of the in-process command line and fails the case, named by
its seed. The seeds are fixed, so every run tries the same cases.
"""

import io
import random
import shutil
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from planterm.services.bundled import load_bundled
from tests.conftest import DATA, NOW, REPO, Result, new_store

Run = Callable[..., Result]

SEEDS: dict[str, list[Path]] = {
    ".toml": sorted(DATA.glob("*.toml")),
    ".txt": [
        *sorted((REPO / "tests" / "data" / "seeds").glob("*.txt")),
        REPO / "docs" / "examples" / "vawg-action-plan.txt",
    ],
    ".csv": [REPO / "tests" / "data" / "bad" / "fine" / "crlf.csv"],
    ".tsv": [REPO / "tests" / "data" / "bad" / "duplicate-ref.tsv"],
    ".xlsx": [REPO / "tests" / "data" / "bad" / "duplicate-ref.xlsx"],
}
CASES_PER_KIND = 60
RANDOM_PER_KIND = 8
INTERESTING = [b"\x00", b"\xff", b"\xef\xbb\xbf", b"\r\n", b"\r", b'"', b"'", b"[[", b"]]",
               b"{", b"=", b"\t", b",", b"\n", b"\\", b'"""', b"\x1b[2J", "é".encode()]  # fmt: skip


def mutate(data: bytes, rng: random.Random) -> bytes:
    """`data` damaged one to four times, the ways a file on a disk or in a mail is."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(out) + 1)
        kind = rng.randrange(6)
        if kind == 0 and out:  # flip a bit
            at = min(at, len(out) - 1)
            out[at] ^= 1 << rng.randrange(8)
        elif kind == 1:  # delete a span
            del out[at : at + rng.randint(1, 64)]
        elif kind == 2:  # insert random bytes
            out[at:at] = rng.randbytes(rng.randint(1, 16))
        elif kind == 3:  # insert something a parser cares about
            out[at:at] = rng.choice(INTERESTING)
        elif kind == 4:  # repeat a span
            out[at:at] = out[at : at + rng.randint(1, 200)]
        else:  # cut the end off
            del out[at:]
    return bytes(out)


def cases() -> list[tuple[str, int]]:
    return [(suffix, n) for suffix in SEEDS for n in range(CASES_PER_KIND + RANDOM_PER_KIND)]


def fuzzed(suffix: str, n: int) -> bytes:
    rng = random.Random(f"{suffix}-{n}")
    if n >= CASES_PER_KIND:
        return rng.randbytes(rng.randint(0, 2048))
    seed = rng.choice(SEEDS[suffix]).read_bytes()
    if suffix == ".xlsx" and rng.random() < 0.7:
        return mutate_inside(seed, rng)
    return mutate(seed, rng)


def mutate_inside(workbook: bytes, rng: random.Random) -> bytes:
    """A sound zip with one of its XML parts damaged: a test of the XML reading, not of
    the zip's checksums."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    names = source.namelist()
    victim = rng.choice([n for n in names if n.startswith("xl/")] or names)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            data = source.read(name)
            target.writestr(name, mutate(data, rng) if name == victim else data)
    return out.getvalue()


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "empty.db"
    new_store(path).dispose()
    return path


@pytest.fixture(scope="module")
def bundled_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the bundled plans, the ones a damaged snapshot merges into."""
    path = tmp_path_factory.mktemp("template") / "bundled.db"
    store = new_store(path)
    load_bundled(store, now=NOW)
    store.dispose()
    return path


def assert_clear(result: Result, case: str) -> None:
    if result.code == 0:
        return
    assert result.code == 1, (case, result)
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("planterm: "), (case, result.err)
    assert "Traceback" not in result.err, (case, result.err)


@pytest.mark.parametrize("suffix", list(SEEDS))
def test_damaged_and_random_files_get_the_clear_line_or_import(
    planterm: Run, suffix: str, tmp_path: Path, empty_db: Path, bundled_template: Path
) -> None:
    plan = () if suffix == ".toml" else ("--plan", "fuzz")
    for n in range(CASES_PER_KIND + RANDOM_PER_KIND):
        case = f"{suffix} case {n}"
        path = tmp_path / f"case-{n}{suffix}"
        path.write_bytes(fuzzed(suffix, n))
        missing = tmp_path / "none.db"  # a dry run on a --db not made yet makes none
        with warnings.catch_warnings(record=True) as warned:
            warnings.simplefilter("always")
            dry = planterm("import", *plan, "--dry-run", str(path), db=missing)
        assert not warned, (case, [str(w.message) for w in warned])  # a line more on stderr
        assert_clear(dry, case)
        assert not missing.exists(), case
        if dry.code != 0:
            continue
        db = tmp_path / f"case-{n}.db"
        shutil.copyfile(empty_db, db)
        assert_clear(planterm("import", *plan, str(path), db=db), case)
        if suffix == ".toml":  # a colleague's damaged copy of plans we hold
            ours = tmp_path / f"ours-{n}.db"
            shutil.copyfile(bundled_template, ours)
            assert_clear(planterm("diff", str(path), db=ours), f"{case}, diff")
            assert_clear(planterm("import", "--merge", str(path), db=ours), f"{case}, merge")

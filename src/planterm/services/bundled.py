"""The bundled plans: the five documents planterm was designed from, as snapshots."""

from datetime import datetime
from importlib import resources
from pathlib import Path

from planterm.services.transfer import ImportedPlan, import_files
from planterm.storage.store import Store


def bundled_dir() -> Path:
    """Where the bundled snapshots are.

    An installed wheel carries them as `planterm/bundled`; a source checkout
    (an editable install, the tests) reads the repository's `data/` folder.
    """
    packaged = Path(str(resources.files("planterm"))) / "bundled"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"


def bundled_files() -> list[Path]:
    return sorted(bundled_dir().glob("*.toml"))


def load_bundled(store: Store, *, now: datetime) -> list[ImportedPlan]:
    return import_files(store, bundled_files(), replace=False, now=now)

"""Status words as spreadsheets write them, read onto a plan's key.

A tracker's Status column says "G", "Green", "Complete", "On track" or
"Delayed". A word is first looked up among the scheme's own names (key,
label, symbol, aliases); failing that, a common word for a category
("complete", "in progress", "delayed") picks the scheme's first status of
that category.
"""

from collections.abc import Iterable

from planterm.domain.schemes import BUILT_IN, RAG, Category, SchemeDef, StatusDef

CATEGORY_WORDS: dict[Category, tuple[str, ...]] = {
    Category.DONE: ("complete", "completed", "done", "achieved", "closed", "finished", "delivered"),
    Category.ACTIVE: (
        "on track", "on-track", "in progress", "ongoing", "started", "begun", "underway",
        "progressing",
    ),
    Category.AT_RISK: ("at risk", "at-risk", "delayed", "behind", "off track", "slipping"),
    Category.NOT_STARTED: ("not started", "not yet started", "not begun", "to start"),
    Category.DEFERRED: ("sequential", "deferred", "later", "on hold", "future"),
}  # fmt: skip

# Where a key has no status of a word's category, the one that covers it: the
# RAG key's Green is "Achieved or Adequate Progress", so "on track" is Green.
_STAND_IN = {
    Category.NOT_STARTED: Category.DEFERRED,
    Category.DEFERRED: Category.NOT_STARTED,
    Category.ACTIVE: Category.DONE,
}


def _normal(word: str) -> str:
    return " ".join(word.replace("_", " ").split()).casefold().rstrip(".")


def exact_status(scheme: SchemeDef, word: str) -> StatusDef | None:
    """The status whose own name (key, label, symbol, alias) `word` is."""
    wanted = _normal(word)
    for status in scheme.statuses:
        if any(wanted == _normal(name) for name in status.names()):
            return status
    return None


def read_status(scheme: SchemeDef, word: str) -> StatusDef | None:
    """The status of `scheme` that `word` means, or None when it means none."""
    found = exact_status(scheme, word)
    if found is not None:
        return found
    wanted = _normal(word)
    for category, words in CATEGORY_WORDS.items():
        if wanted in words:
            for candidate in (category, _STAND_IN.get(category)):
                status = next((s for s in scheme.statuses if s.category == candidate), None)
                if status is not None:
                    return status
    return None


def fitting_scheme(words: Iterable[str]) -> SchemeDef:
    """The built-in scheme the words fit best: every word read, most of them exactly.

    With no words, or words no scheme reads, the RAG key: the one boards read.
    """
    distinct = {w for w in words if w.strip()}
    best, best_score = RAG, (-1, -1)
    for scheme in (RAG, *(s for s in BUILT_IN.values() if s is not RAG)):
        read = sum(read_status(scheme, w) is not None for w in distinct)
        exact = sum(exact_status(scheme, w) is not None for w in distinct)
        if (read, exact) > best_score:
            best, best_score = scheme, (read, exact)
    return best


def listed_scheme(cells: Iterable[str]) -> SchemeDef | None:
    """The built-in scheme whose key a document writes out: every meaning of it listed.

    A plan states its key above the table ("Key", then "Action is complete.",
    "Action has begun and ..."), often with the colour as the only mark of each
    status. The scheme is the one whose every status meaning is among `cells`;
    None when no scheme's key is written there whole.
    """
    written = {_normal(c) for c in cells if c.strip()}
    found = [s for s in BUILT_IN.values() if all(_normal(x.meaning) in written for x in s.statuses)]
    return found[0] if len(found) == 1 else None

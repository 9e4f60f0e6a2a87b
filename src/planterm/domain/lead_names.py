"""Reading a "Lead agencies" cell into agencies.

Plans copied from Word run agency names together with no separator ("PCC City
Council County Council CCGs" is four) or join them with words ("DSA Exec with
support from the Safer Notts Board"). The cell is read left to right: a known
name or alias (longest first) is one agency; commas, semicolons, "and" and
connecting phrases separate; the words between are a new agency. Text before
"e.g." describes the examples after it and names no agency itself.

Two shared-word forms are read as two names: "public and voluntary sector" is
"public sector" and "voluntary sector", and "NHS Commissioner and Provider
agencies" is "NHS Commissioner agencies" and "NHS Provider agencies".
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass

_PLAIN_SEPARATORS = {",", ";", "/", "and", "&", "newline"}
_SEPARATOR = re.compile(
    r"(?P<sep>,|;|/|\n|\(|\)|&(?=\s)|\be\.g\.?(?=\s|$)|\bi\.e\.?(?=\s|$)"
    r"|\b(?:with support from|supported by|in partnership with|in conjunction with"
    r"|working with|alongside|with|via|including|and)\b)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\s,;/()]+")
_COLLECTIVE = (
    "agencies", "agency", "sector", "sectors", "partners", "services", "organisations",
    "bodies", "providers", "councils", "groups", "boards", "teams",
)  # fmt: skip
_ACRONYM = re.compile(r"^[A-Z]{2,}")
_ARTICLE = re.compile(r"^(?:the|all the)(?:\s+|$)", re.IGNORECASE)


NO_LEAD = frozenset({"n/a", "na", "tbc", "tba", "none", "-", "–", "not applicable"})


def _folded(name: str) -> str:
    return " ".join("and" if w == "&" else w for w in name.split()).casefold()


@dataclass(frozen=True)
class LeadReading:
    """The agencies a cell names, in order, and whether the cell said only that."""

    leads: tuple[str, ...]
    new: tuple[str, ...]
    verbatim: bool


@dataclass
class _Item:
    kind: str  # "known", "unknown" or "sep"
    text: str
    canonical: str = ""


def _word_pattern(word: str) -> str:
    """A word of a known name; "and" and "&" stand for each other."""
    return r"(?:and|&)" if word.casefold() in ("and", "&") else re.escape(word)


def _known_pattern(names: Mapping[str, str]) -> re.Pattern[str] | None:
    if not names:
        return None
    ordered = sorted(names, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(_word_pattern(w) for w in name.split()) for name in ordered)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


class LeadReader:
    """Reads lead cells against the agencies known by name or alias."""

    def __init__(self, names: Mapping[str, str]):
        """`names` maps every name and alias, as written, to its agency's name."""
        self._canonical = {_folded(k): v for k, v in names.items()}
        self._known = _known_pattern(names)

    def canonical(self, name: str) -> str | None:
        return self._canonical.get(_folded(name))

    def read(self, cell: str) -> LeadReading:
        if _folded(cell).strip(" .") in NO_LEAD:
            return LeadReading((), (), verbatim=False)
        items = _absorb_common_words(self._tokens(cell))
        verbatim = not _and_beside_unknown(items)
        items, dropped = _drop_descriptions(items)
        verbatim &= not dropped
        items, shared = self._share_words(items)
        verbatim &= not shared
        leads: list[str] = []
        new: list[str] = []
        for item in items:
            if item.kind == "sep":
                verbatim &= item.text in _PLAIN_SEPARATORS
                continue
            if item.kind == "known":
                verbatim &= item.text.casefold() == item.canonical.casefold()
                name = item.canonical
            else:
                name = _ARTICLE.sub("", item.text).strip(" .:-")
                verbatim &= name == item.text
                if not name:
                    continue
                known = self.canonical(name)
                if known is not None:
                    name = known
                else:
                    name = name[0].upper() + name[1:]
                    if name.casefold() not in (n.casefold() for n in new):
                        new.append(name)
            if name.casefold() not in (n.casefold() for n in leads):
                leads.append(name)
        return LeadReading(tuple(leads), tuple(new), verbatim)

    def _tokens(self, cell: str) -> list[_Item]:
        text = cell.strip()
        items: list[_Item] = []
        words: list[str] = []

        def flush() -> None:
            if words:
                items.append(_Item("unknown", " ".join(words)))
                words.clear()

        at = 0
        while at < len(text):
            if text[at] == "\n":
                flush()
                items.append(_Item("sep", "newline"))
                at += 1
                continue
            if text[at].isspace():
                at += 1
                continue
            known = self._known.match(text, at) if self._known else None
            if known:
                flush()
                matched = " ".join(known.group().split())
                items.append(_Item("known", matched, self.canonical(matched) or matched))
                at = known.end()
                continue
            separator = _SEPARATOR.match(text, at)
            if separator:
                flush()
                items.append(_Item("sep", separator["sep"].casefold()))
                at = separator.end()
                continue
            word = _WORD.match(text, at)
            assert word is not None  # a non-space, non-separator character starts a word
            words.append(word.group())
            at = word.end()
        flush()
        return items

    def _share_words(self, items: list[_Item]) -> tuple[list[_Item], bool]:
        """Read "public and voluntary sector" as two names sharing their last word."""
        changed = False
        for i in range(len(items) - 2):
            left, middle, right = items[i], items[i + 1], items[i + 2]
            if not (left.kind == "unknown" and right.kind != "sep" and middle.text == "and"):
                continue
            left_words, right_words = left.text.split(), right.text.split()
            last = right_words[-1]
            if len(right_words) < 2 or last.casefold() not in _COLLECTIVE:
                continue
            if len(left_words) == 1:
                names = (f"{left.text} {last}", right.text)
            elif left_words[0].isupper() and left_words[0] != right_words[0]:
                names = (f"{left.text} {last}", f"{left_words[0]} {right.text}")
            else:
                continue
            for item, name in ((left, names[0]), (right, names[1])):
                if item.kind == "known" and name == item.text:
                    continue
                canonical = self.canonical(name)
                item.kind, item.text = ("known", name) if canonical else ("unknown", name)
                item.canonical = canonical or ""
            changed = True
        return items, changed


def _absorb_common_words(items: list[_Item]) -> list[_Item]:
    """Keep "British Transport Police" whole: a one-word known name such as
    "Police" or "Probation", written beside unknown words with nothing between,
    is part of their name, not an agency of its own. Acronyms (PCC, CCGs) and
    names of several words still stand alone.
    """
    merged: list[_Item] = []
    for item in items:
        previous = merged[-1] if merged else None
        if previous is not None and _joins(previous, item):
            merged[-1] = _Item("unknown", f"{previous.text} {item.text}")
        else:
            merged.append(item)
    return merged


def _joins(left: _Item, right: _Item) -> bool:
    kinds = {left.kind, right.kind}
    if "sep" in kinds or kinds == {"known"}:
        return False
    if kinds == {"unknown"}:
        return True
    known = left if left.kind == "known" else right
    return len(known.text.split()) == 1 and not _ACRONYM.match(known.text)


def _and_beside_unknown(items: list[_Item]) -> bool:
    """Whether an "and" may join words of one name: "Health and Wellbeing Board"."""
    return any(
        item.kind == "sep"
        and item.text in ("and", "&")
        and "unknown"
        in {items[i - 1].kind if i else "", items[i + 1].kind if i + 1 < len(items) else ""}
        for i, item in enumerate(items)
    )


def _drop_descriptions(items: list[_Item]) -> tuple[list[_Item], bool]:
    """Drop the words before "e.g." back to the last name: they describe, names follow."""
    kept: list[_Item] = []
    dropped = False
    for item in items:
        if item.kind == "sep" and item.text.rstrip(".") in ("e.g", "eg", "i.e", "ie"):
            while kept and kept[-1].kind != "known":
                kept.pop()
                dropped = True
            continue
        kept.append(item)
    return kept, dropped

"""Edit an action, or write a new one: text, leads, owner, dates, fields."""

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import Suggester
from textual.widgets import Input, Label, Select, Static, TextArea

from planterm.config import parse_date
from planterm.display import safe_line
from planterm.domain.views import ActionFields
from planterm.errors import InputError
from planterm.ui.field_text import kept, shown
from planterm.ui.screens.editor_base import EditorModal


class LeadSuggester(Suggester):
    """Completes the last of the agencies (separated by ;) from those known."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.names = names

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(";")
        typed = last.lstrip()
        if not typed:
            return None
        for name in self.names:
            if name.casefold().startswith(typed.casefold()) and name != typed:
                prefix = f"{head}; " if head else ""
                return prefix + name
        return None


@dataclass(frozen=True)
class ActionDraft:
    values: ActionFields
    ref: str | None = None
    theme: str | None = None


def _fields_text(fields: dict[str, str]) -> str:
    return "\n".join(f"{name}: {value}" for name, value in fields.items())


def _parse_fields(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        name, colon, value = raw.partition(":")
        if not colon or not name.strip():
            raise InputError(
                f"line {number} has no 'name: value'",
                where="Fields",
                hint='write e.g. "Evidence based?: Yes"',
            )
        fields[name.strip()] = value.strip()
    return fields


def _date(raw: str, label: str) -> date | None:
    return parse_date(raw, source=label) if raw.strip() else None


class ActionEditor(EditorModal[ActionDraft]):
    AUTO_FOCUS = "#text"
    DEFAULT_CSS = """
    ActionEditor #text { height: 6; }
    ActionEditor #fields { height: 4; }
    ActionEditor.-short #text { height: 4; }
    ActionEditor.-short #fields { height: 3; }
    """

    def __init__(  # type: ignore[no-untyped-def]
        self,
        save,
        *,
        title: str,
        initial: ActionFields,
        agencies: list[str],
        new_ref: str | None = None,
        themes: list[str] | None = None,
        theme: str | None = None,
    ) -> None:
        super().__init__(save)
        self.title_text = title
        self.initial = initial
        self.agencies = agencies
        self.new_ref = new_ref
        self.themes = themes
        self.theme = theme

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label(Text(safe_line(self.title_text)), classes="title")
            if self.new_ref is not None and self.themes is not None:
                with Horizontal(classes="row"):
                    with Vertical():
                        yield Label("Ref")
                        yield Input(self.new_ref, id="ref")
                    with Vertical():
                        yield Label("Theme")
                        yield Select(
                            [(Text(safe_line(t)), t) for t in self.themes],
                            value=self.theme if self.theme in self.themes else self.themes[0],
                            allow_blank=False,
                            id="theme",
                        )
            yield Label("Recommendation")
            yield TextArea(shown(self.initial.text), id="text", soft_wrap=True)
            yield Label("Lead agencies (separated by ; as names may hold commas; → completes)")
            yield Input(
                shown(self._leads_text, one_line=True),
                id="leads",
                suggester=LeadSuggester(self.agencies),
                select_on_focus=False,
            )
            with Horizontal(classes="row"):
                with Vertical():
                    yield Label("Owner")
                    yield Input(shown(self.initial.owner or "", one_line=True), id="owner")
                with Vertical():
                    yield Label("Due (YYYY-MM-DD)")
                    yield Input(self.initial.due.isoformat() if self.initial.due else "", id="due")
                with Vertical():
                    yield Label("Start not before")
                    yield Input(
                        self.initial.start_after.isoformat() if self.initial.start_after else "",
                        id="start",
                    )
            yield Label("Fields (one 'name: value' a line)")
            yield TextArea(shown(_fields_text(self.initial.fields)), id="fields")
            yield Static(id="error")
            yield Static("ctrl+s saves · esc cancels · tab moves between fields", classes="hint")

    def on_mount(self) -> None:
        self.set_class(self.app.size.height < 30, "-short")
        self.query_one("#text", TextArea).focus()

    @property
    def _leads_text(self) -> str:
        return "; ".join(self.initial.leads)

    def _input(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value

    def _area(self, name: str) -> str:
        return self.query_one(f"#{name}", TextArea).text

    def draft(self) -> ActionDraft:
        text = kept(self._area("text"), self.initial.text)
        if not text.strip():
            raise InputError("an action needs its text", where="Recommendation")
        typed_leads = self._input("leads")
        fields_text = _fields_text(self.initial.fields)
        typed_fields = self._area("fields")
        values = ActionFields(
            text=text,
            leads=self.initial.leads  # a name may hold a ";" of its own
            if typed_leads == shown(self._leads_text, one_line=True)
            else tuple(n.strip() for n in typed_leads.split(";") if n.strip()),
            owner=kept(self._input("owner"), self.initial.owner or "", one_line=True).strip()
            or None,
            due=_date(self._input("due"), "Due"),
            start_after=_date(self._input("start"), "Start not before"),
            fields=self.initial.fields
            if typed_fields == shown(fields_text)
            else _parse_fields(typed_fields),
        )
        if self.new_ref is None:
            return ActionDraft(values)
        theme = self.query_one("#theme", Select).value
        return ActionDraft(values, ref=self._input("ref").strip() or None, theme=str(theme))

    def changed(self) -> bool:
        if self.new_ref is not None:
            typed = self.query_one("#text", TextArea).text.strip() or self._input("leads").strip()
            return bool(typed)
        try:
            current = self.draft()
        except InputError:
            return True
        if self.new_ref is not None:
            return bool(current.values.text.strip()) or current.values.leads != ()
        return current.values != self.initial

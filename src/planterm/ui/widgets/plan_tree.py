"""Plans and their themes, each with its counts by status as symbols and numbers."""

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from planterm.display import safe_line
from planterm.domain.views import PlanSummary, StatusCount, ThemeSummary, status_symbol
from planterm.ui.format import status_style
from planterm.ui.widgets.steady import SteadyScrollView


@dataclass(frozen=True)
class Place:
    """What a tree node stands for: a plan, or one theme of it."""

    plan: str
    theme: str | None = None


def counts_text(counts: tuple[StatusCount, ...]) -> Text:
    text = Text()
    for count in counts:
        if count.count:
            if text:
                text.append(" ")
            text.append(
                f"{status_symbol(count.status)}{count.count}", style=status_style(count.status)
            )
    return text


def _plan_label(summary: PlanSummary) -> Text:
    label = Text(safe_line(summary.key), style="bold")
    return label.append("  ").append_text(counts_text(summary.counts))


def _theme_label(theme: ThemeSummary) -> Text:
    label = Text(safe_line(theme.name))
    return label.append("  ").append_text(counts_text(theme.counts))


class PlanTree(Tree[Place], SteadyScrollView):
    """The left panel. Selecting a node shows its actions."""

    DEFAULT_CSS = """
    PlanTree { width: 32; min-width: 24; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(Text("Plans"), **kwargs)  # type: ignore[arg-type]
        self.show_root = False
        self.guide_depth = 2
        self._unfilled: dict[int, PlanSummary] = {}

    def show(self, summaries: list[PlanSummary], *, selected: Place | None) -> None:
        """Rebuild from `summaries`, keeping open plans open and the cursor in place.

        Moving the cursor while rebuilding posts no NodeHighlighted: the
        screen chose `selected` itself.
        """
        with self.prevent(Tree.NodeHighlighted):
            self._rebuild(summaries, selected)

    def update_plan(self, summary: PlanSummary) -> bool:
        """Relabel one plan and its themes in place; False if its themes changed or
        it is not here (then only `show` will do)."""
        node = next((n for n in self.root.children if n.data == Place(summary.key)), None)
        if node is None:
            return False
        if node.id in self._unfilled:
            self._unfilled[node.id] = summary
        elif [c.data.theme if c.data else None for c in node.children] != [
            t.name for t in summary.themes
        ]:
            return False
        else:
            for child, theme in zip(node.children, summary.themes, strict=True):
                child.set_label(_theme_label(theme))
        node.set_label(_plan_label(summary))
        return True

    def _fill(
        self, node: TreeNode[Place], summary: PlanSummary, selected: Place | None
    ) -> TreeNode[Place] | None:
        """Add a plan's themes under it; the leaf of `selected`, if one of them."""
        found = None
        for theme in summary.themes:
            leaf = node.add_leaf(_theme_label(theme), Place(summary.key, theme.name))
            if selected == Place(summary.key, theme.name):
                found = leaf
        return found

    def _on_tree_node_expanded(self, event: Tree.NodeExpanded[Place]) -> None:
        summary = self._unfilled.pop(event.node.id, None)
        if summary is not None:
            self._fill(event.node, summary, None)

    def _rebuild(self, summaries: list[PlanSummary], selected: Place | None) -> None:
        expanded = {node.data.plan for node in self.root.children if node.data and node.is_expanded}
        self.clear()
        target: TreeNode[Place] | None = None
        self._unfilled = {}
        for summary in summaries:
            node = self.root.add(
                _plan_label(summary),
                Place(summary.key),
                expand=summary.key in expanded,
                allow_expand=bool(summary.themes),
            )
            if selected == Place(summary.key):
                target = node
            if summary.key in expanded or (selected and selected.plan == summary.key):
                leaf = self._fill(node, summary, selected)
                if leaf is not None:
                    target = leaf
                    node.expand()
            else:
                # A plan's themes are added when it is first opened: at launch
                # 200 plans have ~1,100 themes, 60 ms of nodes nobody sees yet.
                self._unfilled[node.id] = summary
        if target is None and self.root.children:
            target = self.root.children[0]
        if target is not None:
            self.move_cursor(target)

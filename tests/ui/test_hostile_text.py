"""Hostile user text is shown literally in every widget of the app, never obeyed.

The hostile plan of `tests.hostile` is loaded beside the bundled plans and
one app run visits every place that shows user text, reading the rendered
screen each time: the markup must appear as typed, the controls as visible
escapes, and no raw escape, C1 or bidi character may reach the screen.
"""

import tomli_w
from textual import events
from textual.widgets import Input, TextArea

from planterm.io import snapshot
from planterm.services.detail import show_action
from planterm.services.transfer import import_docs
from planterm.storage.store import Store
from planterm.ui.app import PlantermApp
from planterm.ui.widgets.plan_tree import Place, PlanTree
from tests import hostile
from tests.conftest import NOW, TODAY
from tests.ui.conftest import screen_text, settle
from tests.ui.test_flows import go_to, main

SIZE = (160, 50)


def seen(app: PlantermApp) -> str:
    """The rendered screen, once it is known to hold no raw control or bidi character."""
    text = screen_text(app)
    assert not hostile.leaked(text), text
    return text


async def press(pilot, *keys: str) -> str:  # type: ignore[no-untyped-def]
    await pilot.press(*keys)
    await settle(pilot)
    return seen(pilot.app)


async def test_every_widget_shows_hostile_text_literally(bundled: Store, make_app) -> None:  # type: ignore[no-untyped-def]
    doc = snapshot.parse(tomli_w.dumps(hostile.snapshot()), source="hostile.toml")
    import_docs(bundled, [("hostile.toml", doc)], replace=False, now=NOW)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for number, (name, mark) in enumerate(hostile.MARKS.items(), start=1):
            await go_to(pilot, hostile.PLAN, str(number))  # the table and the detail pane
            text = seen(app)
            assert f"{name}:" in text and mark in text, name
            if name != "long_word":  # its 5,000 characters push the update out of sight
                assert f"update {name}:" in text and text.count(mark) >= 2, name
        await go_to(pilot, hostile.PLAN, "1")
        text = seen(app)
        assert "Owner [bold]b[/bold] [link=https://x]l[/link] [/] [@click=app.quit]q[/]" in text
        assert "Status  G Green [bold]b[/bold]" in text and "\\x1b]0;pwned\\x07" in text

        tree = main(app).query_one(PlanTree)
        plan = next(n for n in tree.root.children if n.data == Place(hostile.PLAN))
        plan.expand()
        await settle(pilot)
        assert "Theme [bold]b[/bold]" in seen(app)  # the theme's node in the plan tree

        text = await press(pilot, "s")  # the status picker: the scheme is user text too
        assert "1  G Green [bold]b[/bold]" in text and "Stuck \\x1b[31mred" in text
        await press(pilot, "escape")

        await press(pilot, "slash")  # a paste into the search, then the filter bar
        app.post_message(events.Paste("pwned \x1b]0;x\x07"))
        await settle(pilot)
        assert app.screen.query_one(Input).value == "pwned \\x1b]0;x\\x07"
        seen(app)
        assert "pwned \\x1b]0;x\\x07" in await press(pilot, "enter")
        await press(pilot, "escape")

        await go_to(pilot, hostile.PLAN, "3")
        text = await press(pilot, "e")  # the action editor, saved untouched
        assert "osc52: \\x1b]52;c;SGVsbG8=\\x07" in text
        assert app.screen.query_one("#text", TextArea).text == "osc52: \\x1b]52;c;SGVsbG8=\\x07"
        await press(pilot, "ctrl+s")
        await press(pilot, "enter")  # into the updates of the detail pane
        text = await press(pilot, "enter")  # the update editor
        assert "update osc52: \\x1b]52;c;SGVsbG8=\\x07" in text
        assert "Author [bold]b[/bold]" in text
        app.screen.query_one("#period", Input).value = "Q4 \\x07 typed"
        await press(pilot, "ctrl+s")
        stored = show_action(bundled, hostile.PLAN, "3", today=TODAY)
        assert stored.row.text == f"osc52: {hostile.OSC52}", "left as it opened: kept exactly"
        assert stored.updates[0].body == f"update osc52: {hostile.OSC52}"
        assert stored.updates[0].author == hostile.AUTHOR
        assert stored.updates[0].period == "Q4 \\x07 typed", "changed: saved as shown"

        text = await press(pilot, "m")  # the meeting view
        assert "Theme [bold]b[/bold]" in text and "title: \\x1b]0;pwned\\x07" in text
        assert "G Green [bold]b[/bold]" in text
        await press(pilot, "escape")
        text = await press(pilot, "a")  # the agency view
        assert "Agency [bold]b[/bold]" in text and "\\x1b]52;c;SGVsbG8=\\x07" in text
        await press(pilot, "escape")

        await press(pilot, "ctrl+p")  # the palette finds an action by its words
        text = await press(pilot, *"osc52")
        assert "osc52: \\x1b]52;c;SGVsbG8=\\x07" in text
        await press(pilot, "escape")

        await press(pilot, "x")  # an error naming the user's path: a notification
        app.screen.query_one("#path", Input).value = "/no/such/\x1b]0;pwned\x07/x.toml"
        text = await press(pilot, "enter")
        await settle(pilot)
        notes = [n.message for n in app._notifications]
        assert any("no/such/\\x1b]0;pwned\\x07/x.toml: cannot write" in n for n in notes)
        assert not hostile.leaked("".join(notes)), notes
        seen(app)

"""The main screen: `PlanView` plus every change a coordinator makes.

Status, updates, edits, new, delete, export, undo: each goes through a
service in a worker thread, pushes how to undo it, and reloads the screen.
A save based on an old read is refused by the service; the screen then shows
the other change and asks before saving over it.
"""

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual import on, work
from textual.binding import Binding, BindingType

from planterm.display import counted, safe_line
from planterm.domain.rules import Quarter
from planterm.domain.views import ActionRow, StatusView, UpdateView
from planterm.errors import ConflictError, PlantermError
from planterm.ui.screens.action_editor import ActionDraft, ActionEditor
from planterm.ui.screens.dialogs import (
    Ask,
    Confirm,
    ExportChoice,
    ExportDialog,
    NewPlan,
    ReportChoice,
    ReportDialog,
)
from planterm.ui.screens.main_view import FINDING_KEYS, PlanView
from planterm.ui.screens.status_picker import StatusChoice, StatusPicker
from planterm.ui.screens.update_editor import UpdateDraft, UpdateEditor
from planterm.ui.widgets.action_detail import UpdateList
from planterm.ui.widgets.plan_tree import Place

CHANGE_KEYS: list[BindingType] = [
    Binding("s", "status", "Status", id="action.status",
            tooltip="Set the status of the selected action: a digit 1..n, 0 untriaged"),
    Binding("u", "update", "Update", id="action.update",
            tooltip="Write an update: dated today, this quarter's period; ctrl+s saves"),
    Binding("e", "edit", "Edit", id="action.edit",
            tooltip="Edit the text, leads, owner, due and start dates, fields"),
    Binding("n", "new_action", "New", id="action.new",
            tooltip="Add an action to the selected plan or theme"),
    Binding("d", "delete", "Delete", id="action.delete", show=False,
            tooltip="Delete the selected action (asks first; ctrl+z brings it back)"),
    Binding("x", "export", "Export", id="file.export",
            tooltip="Write a TOML snapshot of this plan or all plans, to send round"),
    Binding("r", "report", "Report", id="file.report", show=False,
            tooltip="Write this plan's committee report: HTML, Excel, Markdown or CSV"),
    Binding("ctrl+z", "undo", "Undo", id="edit.undo",
            tooltip="Reverse the last change of this session; the history records it"),
]  # fmt: skip


class MainScreen(PlanView):
    # The footer shows keys in this order: the triage keys first, so that an
    # 80-column terminal still shows s, u, / and o.
    BINDINGS = [
        CHANGE_KEYS[0], CHANGE_KEYS[1], FINDING_KEYS[0], FINDING_KEYS[1],
        FINDING_KEYS[4], CHANGE_KEYS[5], CHANGE_KEYS[2], CHANGE_KEYS[3],
        FINDING_KEYS[2], FINDING_KEYS[5], CHANGE_KEYS[7], FINDING_KEYS[3], CHANGE_KEYS[4],
        CHANGE_KEYS[6],
    ]  # fmt: skip

    async def confirm(self, question: str, *, yes: str = "Yes", no: str = "No") -> bool:
        answer = await self.app.push_screen_wait(Confirm(question, yes=yes, no=no))
        return bool(answer)

    async def may_write(self, path: Path) -> bool:
        """Whether to write `path`: yes when it is new, else when the user says to replace it."""
        target = path.expanduser()
        return not target.exists() or await self.confirm(
            f"{target} exists. Replace it?", yes="Replace", no="Keep it"
        )

    async def saving_over(self, exc: ConflictError, retry: Callable[[], Awaitable[Any]]) -> None:
        """Show the other change; save over it only if the user says so."""
        if await self.confirm(
            f"{exc.message}. Save yours over it?", yes="Save mine", no="Keep theirs"
        ):
            await retry()
        self.refresh_all()

    def done(self, message: str, *, keep: int | None = None, plan: str | None = None) -> None:
        """Say what was done, and show it: `plan`, when it alone was changed, is re-read alone."""
        self.notify(safe_line(message), markup=False)
        self.refresh_all(keep, plan=plan)

    def _statuses(self, row: ActionRow) -> tuple[StatusView, ...]:
        for summary in self.summaries:
            if summary.key == row.plan:
                return summary.statuses
        return ()

    # ----------------------------------------------------------------- status

    @work(group="change")
    async def action_status(self) -> None:
        await self.backend.ready()
        from planterm.services import changes, undo

        row = self.current
        if row is None:
            return
        picker = StatusPicker(
            f"Status of {row.plan} ref {row.ref}",
            self._statuses(row),
            row.status.key if row.status else None,
            on_choice=lambda status: self.show_status_now(row, status),
        )
        choice: StatusChoice | None = await self.app.push_screen_wait(picker)
        if choice is None:
            return

        async def save(version: int | None) -> None:
            result = await self.backend.call(
                changes.set_status,
                self.backend.store,
                plan_key=row.plan,
                ref=row.ref,
                status=choice.key or "untriaged",
                reason=choice.reason,
                author=self.backend.author,
                now=self.backend.now(),
                expected_version=version,
            )
            if result.changed:
                self.backend.undo_log.push(
                    undo.StatusUndo(
                        f"status of {row.plan} ref {row.ref} "
                        f"back to {result.from_key or 'untriaged'}",
                        row.plan,
                        row.ref,
                        result.from_key,
                        result.version,
                        action_id=row.id,
                    )
                )
            self.done(
                f"{row.plan} ref {row.ref}: {result.from_key or 'untriaged'} → "
                f"{result.to_key or 'untriaged'}"
                if result.changed
                else f"{row.plan} ref {row.ref} was already {result.to_key or 'untriaged'}",
                keep=row.id,
                plan=row.plan,
            )

        try:
            await save(row.version)
        except ConflictError as exc:
            await self.saving_over(exc, lambda: save(None))
        except PlantermError as exc:
            self.fail(exc)
            self.refresh_all(row.id, plan=row.plan)  # the status shown before the save

    # ----------------------------------------------------------------- updates

    def action_update(self) -> None:
        row = self.current
        if row is None:
            return
        today = self.backend.today
        initial = UpdateDraft(today, Quarter.containing(today).label, self.backend.author, "")

        async def save(draft: UpdateDraft, force: bool) -> None:
            await self.backend.ready()
            from planterm.services import changes, undo

            added = await self.backend.call(
                changes.add_update,
                self.backend.store,
                plan_key=row.plan,
                ref=row.ref,
                body=draft.body,
                day=draft.day,
                period=draft.period,
                author=draft.author,
                now=self.backend.now(),
            )
            self.backend.undo_log.push(
                undo.AddedUpdateUndo(f"the update added to {row.plan} ref {row.ref}", added.id)
            )
            self.done(f"Update added to {row.plan} ref {row.ref}", keep=row.id, plan=row.plan)

        self.app.push_screen(
            UpdateEditor(save, title=f"New update: {row.plan} ref {row.ref}", initial=initial)
        )

    @on(UpdateList.Chosen)
    def _update_chosen(self, event: UpdateList.Chosen) -> None:
        if self.backend.read_only:
            self.notify("The database is open read-only.", severity="warning")
            return
        if event.remove:
            self.remove_update(event.update)
        else:
            self.correct_update(event.update)

    def correct_update(self, update: UpdateView) -> None:
        row = self.current
        where = f"{row.plan} ref {row.ref}" if row else "the action"
        initial = UpdateDraft(update.date, update.period or "", update.author or "", update.body)

        async def save(draft: UpdateDraft, force: bool) -> None:
            await self.backend.ready()
            from planterm.services import undo, updates

            await self.backend.call(
                updates.correct_update,
                self.backend.store,
                update_id=update.id,
                body=draft.body,
                day=draft.day,
                period=draft.period,
                author=draft.author,
                by=self.backend.author,
                now=self.backend.now(),
                expected=None if force else update,
            )
            self.backend.undo_log.push(
                undo.CorrectedUpdateUndo(f"the correction of an update of {where}", update)
            )
            self.done(f"Update of {where} corrected; the earlier wording is kept")

        self.app.push_screen(
            UpdateEditor(save, title=f"Correct an update: {where}", initial=initial)
        )

    @work(group="change")
    async def remove_update(self, update: UpdateView) -> None:
        await self.backend.ready()
        from planterm.services import undo, updates

        if not await self.confirm(
            f"Remove the update of {update.date}? "
            "It stays in the database and ctrl+z brings it back.",
            yes="Remove",
            no="Keep",
        ):
            return
        try:
            await self.backend.call(
                updates.remove_update,
                self.backend.store,
                update_id=update.id,
                by=self.backend.author,
                now=self.backend.now(),
            )
        except PlantermError as exc:
            self.fail(exc)
            return
        self.backend.undo_log.push(undo.RemovedUpdateUndo("the removal of an update", update.id))
        self.done(f"Update of {update.date} removed")

    # ----------------------------------------------------------------- actions

    @work(group="change")
    async def action_edit(self) -> None:
        await self.backend.ready()
        from planterm.services import editing, undo

        row = self.current
        if row is None:
            return
        from planterm.services.overview import agencies

        try:
            values, version = await self.backend.call(
                editing.action_fields, self.backend.store, row.id
            )
            known = await self.backend.call(agencies, self.backend.store)
        except PlantermError as exc:
            self.fail(exc)
            return

        async def save(draft: ActionDraft, force: bool) -> None:
            expected = version
            if force:
                _, expected = await self.backend.call(
                    editing.action_fields, self.backend.store, row.id
                )
            result = await self.backend.call(
                editing.edit_action,
                self.backend.store,
                action_id=row.id,
                values=draft.values,
                expected_version=expected,
                now=self.backend.now(),
            )
            self.backend.undo_log.push(
                undo.EditUndo(
                    f"the edit of {row.plan} ref {row.ref}", row.id, result.before, result.version
                )
            )
            new = f"; new agencies: {', '.join(result.new_agencies)}" if result.new_agencies else ""
            self.done(f"{row.plan} ref {row.ref} saved{new}", keep=row.id, plan=row.plan)

        self.app.push_screen(
            ActionEditor(
                save,
                title=f"Edit {row.plan} ref {row.ref}",
                initial=values,
                agencies=_agency_names(known),
            )
        )

    @work(group="change")
    async def action_new_action(self) -> None:
        await self.backend.ready()
        from planterm.services import editing, undo

        if self.place is None:
            return
        plan = self.place.plan
        from planterm.services.overview import agencies

        try:
            ref = await self.backend.call(editing.next_ref, self.backend.store, plan)
            known = await self.backend.call(agencies, self.backend.store)
        except PlantermError as exc:
            self.fail(exc)
            return
        summary = next(s for s in self.summaries if s.key == plan)
        themes = [t.name for t in summary.themes]
        if not themes:
            self.notify("This plan has no theme yet: add one from the palette (ctrl+p).")
            return

        async def save(draft: ActionDraft, force: bool) -> None:
            action_id, chosen = await self.backend.call(
                editing.add_action,
                self.backend.store,
                plan_key=plan,
                theme=draft.theme or themes[0],
                values=draft.values,
                ref=draft.ref,
                now=self.backend.now(),
            )
            self.backend.undo_log.push(
                undo.AddedActionUndo(f"the new action {plan} ref {chosen}", action_id, 1)
            )
            self.notify(safe_line(f"Added {plan} ref {chosen}"), markup=False)
            self.jump_to(action_id)

        self.app.push_screen(
            ActionEditor(
                save,
                title=f"New action in {plan}",
                initial=editing.ActionFields(text=""),
                agencies=_agency_names(known),
                new_ref=ref,
                themes=themes,
                theme=self.place.theme,
            )
        )

    @work(group="change")
    async def action_delete(self) -> None:
        await self.backend.ready()
        from planterm.services import editing, undo

        row = self.current
        if row is None:
            return
        if not await self.confirm(
            f"Delete {row.plan} ref {row.ref} with its {counted(row.update_count, 'update')}? "
            "ctrl+z brings it back.",
            yes="Delete",
            no="Keep",
        ):
            return
        try:
            deleted = await self.backend.call(
                editing.delete_action,
                self.backend.store,
                action_id=row.id,
                expected_version=row.version,
            )
        except PlantermError as exc:
            self.fail(exc)
            self.refresh_all()
            return
        self.backend.undo_log.push(
            undo.DeletedActionUndo(f"the deletion of {row.plan} ref {row.ref}", deleted)
        )
        self.done(f"Deleted {row.plan} ref {row.ref}")

    # --------------------------------------------------------- themes, plans

    @work(group="change")
    async def action_new_theme(self) -> None:
        await self.backend.ready()
        from planterm.services import editing

        if self.backend.read_only:
            self.refuse_read_only("New theme")
            return
        if self.place is None:
            return
        plan = self.place.plan
        name = await self.app.push_screen_wait(Ask(f"A new theme for {plan}", placeholder="name"))
        if not name:
            return
        try:
            await self.backend.call(editing.add_theme, self.backend.store, plan_key=plan, name=name)
        except PlantermError as exc:
            self.fail(exc)
            return
        self.done(f"Theme {name} added to {plan}")

    @work(group="change")
    async def action_new_plan(self) -> None:
        await self.backend.ready()
        from planterm.services import editing

        if self.backend.read_only:
            self.refuse_read_only("New plan")
            return
        from planterm.ui.screens.dialogs import NewPlanDialog

        choice: NewPlan | None = await self.app.push_screen_wait(NewPlanDialog())
        if choice is None:
            return
        try:
            key = await self.backend.call(
                editing.add_plan,
                self.backend.store,
                key=choice.key,
                title=choice.title,
                issuing_body=choice.issuing_body,
                scheme=choice.scheme,
                now=self.backend.now(),
            )
        except PlantermError as exc:
            self.fail(exc)
            return
        self.place = Place(key)
        self.done(f"Plan {key} created with a first theme, General")

    # ------------------------------------------------------------ export, undo

    @work(group="change")
    async def action_export(self) -> None:
        await self.backend.ready()
        from planterm.services import transfer

        plan = self.chosen_plan
        stamp = self.backend.today.isoformat()
        paths = {"all": f"~/planterm-all-{stamp}.toml"}
        if plan:
            paths["plan"] = f"~/planterm-{plan}-{stamp}.toml"
        choice: ExportChoice | None = await self.app.push_screen_wait(
            ExportDialog(plan=plan, path_for=paths)
        )
        if choice is None:
            return
        keys = [] if choice.all_plans or plan is None else [plan]
        if not await self.may_write(Path(choice.path)):
            return
        try:
            written = await self.backend.call(
                transfer.export_to_file,
                self.backend.store,
                Path(choice.path),
                plan_keys=keys,
                now=self.backend.now(),
            )
        except PlantermError as exc:
            self.fail(exc)
            return
        what = "all plans" if not keys else keys[0]
        self.notify(safe_line(f"Exported {what} to {written}"), markup=False, timeout=10)

    @work(group="change")
    async def action_report(self) -> None:
        await self.backend.ready()
        from planterm.services import report

        plan = self.chosen_plan
        if plan is None:
            self.notify("Choose a plan first", severity="warning")
            return
        stem = f"~/planterm-{plan}-report-{self.backend.today.isoformat()}"
        choice: ReportChoice | None = await self.app.push_screen_wait(
            ReportDialog(plan=plan, stem=stem)
        )
        if choice is None:
            return
        if not await self.may_write(Path(choice.path)):
            return
        try:
            written = await self.backend.call(
                report.report_to_file,
                self.backend.store,
                plan,
                Path(choice.path),
                today=self.backend.today,
                exceptions_first=choice.exceptions_first,
            )
        except PlantermError as exc:
            self.fail(exc)
            return
        self.notify(safe_line(f"Wrote the report of {plan} to {written}"), markup=False, timeout=10)

    @work(group="change")
    async def action_undo(self) -> None:
        if not self.backend.can_undo:
            return
        try:
            what = await self.backend.call(
                self.backend.undo_log.undo_last,
                self.backend.store,
                by=self.backend.author,
                now=self.backend.now(),
            )
        except PlantermError as exc:
            self.fail(exc)
            self.refresh_all()
            return
        self.done(f"Undone: {what}")


def _agency_names(known: list[Any]) -> list[str]:
    names: list[str] = []
    for agency in known:
        names.append(agency.name)
        names.extend(agency.aliases)
    return names

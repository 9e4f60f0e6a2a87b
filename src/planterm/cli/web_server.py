"""The textual-serve server `planterm serve` runs (imported only by that command).

textual-serve's own server, on ctrl+c, waits for every open browser tab to
go away (aiohttp's shutdown waits up to a minute for open connections). This
one ends each tab's connection when it stops: the tab's planterm process is
told to quit, finishes what it is saving, and exits; the server stops in a
second or two.
"""

import asyncio
from typing import Any

from aiohttp import web
from textual_serve.server import Server


class PlantermServer(Server):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._connections: set[asyncio.Task[Any]] = set()

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One browser tab: its app process runs while this handler does."""
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self._connections.discard(task)

    async def on_shutdown(self, app: web.Application) -> None:
        """Stopping: close each tab's connection, which quits its app process."""
        for task in list(self._connections):
            task.cancel()
        await asyncio.gather(*self._connections, return_exceptions=True)

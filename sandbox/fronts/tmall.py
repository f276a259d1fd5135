"""Tmall front: Tmall's results are Taobao search's with ``tab=mall`` (``list.tmall.com`` only
sends users to login), so ``/tmall`` mounts the taobao backend; ``tab=mall`` answers the
catalogue's Tmall listings (``isTmall`` items with ``<name>.tmall.com`` shop URLs)."""

from __future__ import annotations

from aiohttp import web

from sandbox.fronts import taobao
from sandbox.fronts.common import SandboxState


def add_routes(app: web.Application, state: SandboxState, prefix: str = "/tmall") -> None:
    taobao.add_routes(app, state, prefix)

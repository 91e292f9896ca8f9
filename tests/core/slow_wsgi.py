"""A WSGI app whose one response streams for SECONDS: a long export, as the
server sees it (tests/core/test_serve.py)."""

import time
from collections.abc import Callable, Iterator
from typing import Any

SECONDS = 4


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterator[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])
    for second in range(SECONDS):
        yield f"{second}\n".encode()
        time.sleep(1)
    yield b"done\n"

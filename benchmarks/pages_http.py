"""HTTP for the page benchmark: the two servers (OpenPRM and the baseline,
each with `openprm serve`'s gunicorn command), one signed-in request at a
time, and the ids a page links to (to check both show the same rows)."""

import http.client
import os
import re
import socket
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.bench_api import _cpu_seconds, _serve

APPS = {"app": "openprm.config.wsgi:application", "bare": "benchmarks.bare_pages:application"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """One gunicorn serving `application`; `restart()` gives a cold one."""

    application: str
    workers: int
    threads: int
    port: int = 0
    process: Any = field(default=None, repr=False)

    def start(self) -> "Server":
        self.port = _free_port()
        self.process = _serve(self.application, self.port, self.workers, self.threads)
        self._wait_booted()
        return self

    def _wait_booted(self, timeout: float = 120) -> None:
        """Until every worker has loaded the application: gunicorn listens
        before its workers import it, and a request sent then waits for the
        boot — not what a user meets after a restart. Booted means all the
        workers are there and the server's CPU time stopped growing."""
        pid, last, steady = self.process.pid, -1.0, 0
        deadline = time.time() + timeout
        while time.time() < deadline and steady < 3:
            time.sleep(0.3)
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            used = _cpu_seconds(pid)
            steady = steady + 1 if len(children) >= self.workers and used == last else 0
            last = used

    def cpu_seconds(self) -> float:
        """CPU time of the server's processes so far (the load generator excluded)."""
        return _cpu_seconds(self.process.pid)

    def worker_cpu(self) -> dict[int, float]:
        """CPU seconds of each worker process so far, by pid."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        tick = os.sysconf("SC_CLK_TCK")
        used = {}
        for child in map(int, children):
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            used[child] = (int(fields[11]) + int(fields[12])) / tick
        return used

    def warm(self, paths: list[str], cookie: str, rounds: int = 10) -> None:
        """Unmeasured requests for `paths` until every worker rendered them:
        sent one at a time, they may all reach the same worker, and the other
        worker's first render of the page (100-170 ms) would then be a warm
        sample. Each round sends the paths side by side, as many as the
        server serves at once, until each worker spent at least a render's
        CPU (20 ms) since the warm-up began."""
        before = self.worker_cpu()
        burst = [paths[n % len(paths)] for n in range(self.workers * self.threads)]
        with ThreadPoolExecutor(len(burst)) as pool:
            for _ in range(rounds):
                list(pool.map(lambda path: fetch(self.port, path, cookie), burst))
                now = self.worker_cpu()
                if all(now[pid] - before.get(pid, 0.0) >= 0.02 for pid in now):
                    return

    def stop(self) -> None:
        """Stop the server; on a busy machine gunicorn's graceful stop can
        take longer than a few seconds, and a server left behind would
        load the next measurements."""
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
            self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()


def fetch(port: int, path: str, cookie: str) -> tuple[int, float, str]:
    """Status, milliseconds to the last byte, and body of one GET, on a new
    connection as a browser's first request of a page opens one."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers={"Cookie": f"sessionid={cookie}"})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    elapsed = (time.perf_counter() - started) * 1000
    return response.status, elapsed, body.decode("utf-8", "replace")


def linked_ids(body: str, link: str) -> list[int]:
    """The ids of the records `body` links to with `link` ("/contacts/{}/"),
    in order of first appearance."""
    pattern = re.escape(link).replace(r"\{\}", r"(\d+)")
    seen: dict[int, None] = {}
    for found in re.finditer(f'href="{pattern}"', body):
        seen.setdefault(int(found.group(1)), None)
    return list(seen)


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]

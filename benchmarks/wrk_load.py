"""Drive POST /match with wrk (C, event-driven): the load generator of `load_api.py`'s steady phase.

On a 2-core machine the server shares its cores with the load generator. The asyncio
client in load_api.py takes about a quarter of one core at 1,400 requests/s; wrk takes a
few percent, so the server is measured on nearly all of the machine, as it would be with
its clients elsewhere. Install it with `apt-get install wrk`.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

LUA = """
local bodies = {}
for line in io.lines("%(bodies)s") do bodies[#bodies + 1] = line end
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer %(token)s"
request = function()
  i = i %% #bodies + 1
  return wrk.format(nil, "/match/default", nil, bodies[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %%d %%d %%d %%d %%d\\n", summary.requests,
    latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


@dataclass(frozen=True)
class WrkResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int  # socket errors and timeouts
    non_2xx: int
    cpu_share: float  # of one core


def available() -> bool:
    return shutil.which("wrk") is not None


def run(port: int, token: str, bodies: list[bytes], clients: int, seconds: float) -> WrkResult:
    """`clients` keep-alive connections from one wrk thread for `seconds`."""
    with tempfile.TemporaryDirectory() as tmp:
        body_file = Path(tmp) / "bodies.jsonl"
        body_file.write_bytes(b"\n".join(bodies) + b"\n")
        script = Path(tmp) / "match.lua"
        script.write_text(LUA % {"bodies": body_file, "token": token})
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        command = ["wrk", "-t1", f"-c{clients}", f"-d{seconds:.0f}s", "--timeout", "10s"]
        out = subprocess.run(
            [*command, "-s", str(script), f"http://127.0.0.1:{port}"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next((x for x in out.splitlines() if x.startswith("WRK ")), None)
    if line is None:
        raise SystemExit(f"wrk printed no summary:\n{out}")
    n, p50, p99, errors, non_2xx = (int(x) for x in line.split()[1:])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return WrkResult(n, elapsed, p50 / 1000, p99 / 1000, errors, non_2xx, cpu / elapsed)

"""`make run` serves what its links point at: SITE_URL follows HOST and PORT unless set."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def runserver_line(*args: str, **env: str) -> str:
    # Not what the make running the suite was given (MAKEFLAGS carries its command line).
    unset = ("SITE_URL", "HOST", "PORT", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    output = subprocess.run(
        ["make", "--dry-run", "--always-make", "run", *args],
        cwd=ROOT,
        env={**environment, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return next(line for line in output.splitlines() if "runserver" in line)


@pytest.mark.parametrize(
    ("args", "env", "site_url", "address"),
    [
        ((), {}, "http://127.0.0.1:8000", "127.0.0.1:8000"),
        (("PORT=8101",), {}, "http://127.0.0.1:8101", "127.0.0.1:8101"),
        (("HOST=localhost", "PORT=8102"), {}, "http://localhost:8102", "localhost:8102"),
        (
            ("PORT=8103",),
            {"SITE_URL": "https://news.example.org"},
            "https://news.example.org",
            "127.0.0.1:8103",
        ),
    ],  # fmt: skip
)
def test_make_run_points_absolute_links_at_the_server_it_starts(args, env, site_url, address):
    line = runserver_line(*args, **env)
    assert re.search(rf"\bSITE_URL={re.escape(site_url)}\s", line), line
    assert line.endswith(f"runserver {address}"), line

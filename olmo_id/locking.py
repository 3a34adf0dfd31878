"""One writer per run folder: a lock file that names its owner and shows that the owner is still alive.

Written by hand because the usual tools do not cover a Colab student's run folder: `filelock` and `fcntl`
locks are released when their process dies, but only between processes that share one kernel; two Colab
tabs are two machines that share a Google Drive folder, and neither sees the other's OS locks. So the lock is
a small JSON file created with O_EXCL that names its host, pid and start time, and whose modification time the
owner refreshes every `HEARTBEAT_S` seconds. A lock is stale, and is taken over, when its process is gone (same
host) or its heartbeat is older than `STALE_S` (another host): a killed run never blocks a folder for good.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from olmo_id.errors import FolderBusyError

HEARTBEAT_S = 30.0
# Drive syncs a file between machines within a minute or two; five minutes without a heartbeat means no owner.
STALE_S = 300.0
# A lock file still empty after this long was left by a process killed between creating and writing it.
EMPTY_GRACE_S = 10.0


_held: dict[Path, int] = {}  # locks this process holds, with how many `hold` blocks hold each
_guard = threading.Lock()


@contextmanager
def hold(folder: str | os.PathLike[str], name: str) -> Iterator[Path]:
    """Hold `folder/<name>.lock` for the block; a second holder elsewhere gets FolderBusyError at once.

    Re-entrant within one process (notebook 03 calls `fit` twice on one folder); the folder is created.
    """
    path = Path(folder).expanduser().resolve() / f"{name}.lock"
    with _guard:
        if path in _held:
            _held[path] += 1
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield path
        finally:
            with _guard:
                _held[path] -= 1
        return
    token = _acquire(path)
    with _guard:
        _held[path] = 1
    stop = threading.Event()
    beat = threading.Thread(target=_heartbeat, args=(path, token, stop), daemon=True)
    beat.start()
    try:
        yield path
    finally:
        stop.set()
        beat.join()
        with _guard:
            del _held[path]
        if _owner(path).get("token") == token:
            path.unlink(missing_ok=True)


def owner_text(owner: dict[str, Any]) -> str:
    """'pid 123 di host-a, sejak 2026-12-02 12:00:00' for a lock's owner record."""
    started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(float(owner.get("started", 0))))
    return f"pid {owner.get('pid', '?')} di {owner.get('host', '?')}, sejak {started}"


def _acquire(path: Path) -> str:
    """Create the lock file for this process, taking over a stale one; return this holder's token."""
    path.parent.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex
    record = json.dumps({"host": socket.gethostname(), "pid": os.getpid(), "started": time.time(), "token": token})
    for _ in range(3):
        try:
            descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            owner = _owner(path)
            if _alive(owner, path):
                raise FolderBusyError(
                    f"{path.parent} sedang dipakai proses lain ({owner_text(owner)}); tunggu sampai selesai, "
                    f"atau pakai folder lain (kunci: {path.name})"
                ) from None
            _set_aside(path, owner)
            continue
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(record)
        return token
    raise FolderBusyError(f"{path.parent}: kunci {path.name} terus direbut proses lain; coba lagi sebentar lagi")


def _owner(path: Path) -> dict[str, Any]:
    """The lock file's owner record (parsed JSON, so values of any type); {} when it is missing, empty or unreadable."""
    try:
        owner = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return owner if isinstance(owner, dict) else {}


def _alive(owner: dict[str, Any], path: Path) -> bool:
    """Whether the lock's owner may still be running (see the module docstring)."""
    try:
        age = time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return False
    if not owner:
        return age < EMPTY_GRACE_S
    if owner.get("host") != socket.gethostname():
        return age < STALE_S
    try:
        os.kill(int(owner.get("pid", -1)), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, ValueError, OverflowError):
        return True  # a live process of another user, or a record we cannot judge: never steal it
    return True


def _set_aside(path: Path, owner: dict[str, Any]) -> None:
    """Move a stale lock out of the way (rename: of two processes doing this at once, one wins), and say so."""
    aside = path.with_name(f"{path.name}.stale-{uuid.uuid4().hex[:8]}")
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        return  # another process took it over first; the next attempt sees its lock
    if _owner(aside).get("token") != owner.get("token"):  # what we moved was a fresh lock, not the stale one
        os.rename(aside, path)
        return
    aside.unlink(missing_ok=True)
    holder = owner_text(owner) if owner else "kosong"
    print(f"Kunci usang {path.name} ({holder}) diambil alih: prosesnya sudah berhenti.", flush=True)


def _heartbeat(path: Path, token: str, stop: threading.Event) -> None:
    """Touch the lock file every HEARTBEAT_S seconds while it is still ours."""
    while not stop.wait(HEARTBEAT_S):
        if _owner(path).get("token") != token:
            return
        try:
            os.utime(path)
        except OSError:
            return

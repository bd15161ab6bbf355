"""Leases on the documents an analysis run is working on, so that two runs split the work.

A run is a ``Claimant``: a unique owner id, its host and process id, and how long its
claims live. Before analysing a batch the run claims its documents (one ``claims`` row per
document) inside the store's ``BEGIN IMMEDIATE`` transaction, so two runs never claim the
same document; storing the batch deletes the claims and renews the run's other claims.
A claim is dead, and taken over by the next run that asks, once it has expired or when
its process is gone from this host (a run killed with SIGKILL). These functions take the
store's connection inside a transaction the ``Store`` opened: every write stays in the store.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

LEASE_S = 600.0
"""How long a claim lives without its run storing a batch (10 minutes)."""


@dataclass(frozen=True)
class Claimant:
    """One analysis run as the claims table knows it."""

    lease_s: float = LEASE_S
    owner: str = field(default_factory=lambda: uuid.uuid4().hex)
    host: str = field(default_factory=socket.gethostname)
    pid: int = field(default_factory=os.getpid)

    def expiry(self) -> float:
        """When a claim made (or renewed) now runs out, in Unix seconds."""
        return time.time() + self.lease_s


def _alive(pid: int) -> bool:
    """Whether a process with this id exists on this host."""
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def drop_dead_claims(db: sqlite3.Connection, claimant: Claimant) -> int:
    """Delete expired claims, and claims of runs on this host whose process is gone."""
    dropped = db.execute("DELETE FROM claims WHERE expires <= ?", (time.time(),)).rowcount
    others = db.execute("SELECT DISTINCT owner, pid FROM claims WHERE host = ? AND owner != ?",
                        (claimant.host, claimant.owner)).fetchall()
    for owner, pid in others:
        if pid != claimant.pid and not _alive(pid):
            dropped += db.execute("DELETE FROM claims WHERE owner = ?", (owner,)).rowcount
    return dropped


def insert_claims(db: sqlite3.Connection, claimant: Claimant, detector: tuple[str, str],
                  document_ids: Iterable[str]) -> None:
    """Claim these documents for this run (they were checked to be unclaimed in this transaction)."""
    expires = claimant.expiry()
    db.executemany(
        "INSERT OR REPLACE INTO claims (document_id, detector, detector_version, owner, host, pid, expires)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(doc_id, *detector, claimant.owner, claimant.host, claimant.pid, expires) for doc_id in document_ids],
    )


def settle_claims(db: sqlite3.Connection, claimant: Claimant, detector: tuple[str, str],
                  document_ids: Iterable[str]) -> None:
    """The batch of these documents is stored: drop their claims, renew the run's others."""
    db.executemany("DELETE FROM claims WHERE document_id = ? AND detector = ? AND detector_version = ?",
                   [(doc_id, *detector) for doc_id in document_ids])
    db.execute("UPDATE claims SET expires = ? WHERE owner = ?", (claimant.expiry(), claimant.owner))


def release_claims(db: sqlite3.Connection, claimant: Claimant) -> int:
    """Drop every claim of this run (it stops early: an error or Ctrl-C)."""
    return db.execute("DELETE FROM claims WHERE owner = ?", (claimant.owner,)).rowcount

"""A point in time by which some work must be done, shared by the steps of that work.

One ``Deadline`` is made where the work starts (a fetch, a web request) and handed to
every step; each step waits at most ``remaining()`` and calls ``check()`` between steps,
so the whole piece of work ends when its time is up, not each step separately.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from spinscope.errors import DeadlineError


@dataclass(frozen=True)
class Deadline:
    """``at`` is a ``time.monotonic()`` value; ``seconds`` the budget it was made with (for messages)."""

    at: float
    seconds: float

    @classmethod
    def after(cls, seconds: float, within: Deadline | None = None) -> Deadline:
        """``seconds`` from now, or ``within`` if that ends first."""
        own = cls(time.monotonic() + seconds, seconds)
        return within if within is not None and within.at <= own.at else own

    def remaining(self) -> float:
        """Seconds left, never negative."""
        return max(0.0, self.at - time.monotonic())

    @property
    def expired(self) -> bool:
        return time.monotonic() >= self.at

    def check(self, what: str) -> None:
        """Raise DeadlineError naming ``what`` once the time is up."""
        if self.expired:
            raise DeadlineError(f"{what}: took longer than {self.seconds:g} s and was stopped")

"""What one fetch may do (``FetchPolicy``) and how it reaches the network (``Network``).

Kept apart from the fetcher so that the readers, the CLI and the web app can hold a
policy without importing http.client and ssl, which only a fetch needs.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass, field

from spinscope.errors import ConfigError, UrlError

Resolver = Callable[[str, int], list[str]]
Connector = Callable[[str, int, float], socket.socket]


def system_resolve(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives for ``host`` (numeric forms never touch the network)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UrlError(f"{host}: cannot resolve this host name ({error})") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def system_connect(address: str, port: int, timeout: float) -> socket.socket:
    return socket.create_connection((address, port), timeout=timeout)


@dataclass(frozen=True)
class Network:
    """How names are resolved and connections opened; tests swap these, production never does."""

    resolve: Resolver = system_resolve
    connect: Connector = system_connect


@dataclass(frozen=True)
class FetchPolicy:
    """What one fetch may do: reach private addresses, take time, read bytes, follow redirects."""

    allow_private: bool = False
    deadline_s: float = 15.0
    max_bytes: int = 8_000_000
    max_redirects: int = 5
    network: Network = field(default_factory=Network, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.deadline_s <= 0 or self.max_bytes < 1 or self.max_redirects < 0:
            raise ConfigError("fetch: need deadline_s > 0, max_bytes >= 1 and max_redirects >= 0")

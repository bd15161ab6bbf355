"""The one HTTP fetcher: an SSRF policy, manual redirects and one deadline per fetch.

Each hop (the URL, then every redirect target) is validated by ``check_url``, its
host resolved once and every resolved address classified (``address``); the TCP
connection then goes to exactly those checked addresses, while the Host header and
TLS's SNI and certificate check keep the name. Resolving once and connecting to what
was checked leaves no gap for DNS rebinding. Redirects are followed here, never by a
library, so that each hop is checked: at most ``max_redirects``, http(s) only.

Time: one ``Deadline`` covers every hop's connect and reads. Socket timeouts are set
to the time left, and a watchdog timer shuts the socket down when the deadline
passes, so a server that drips one byte at a time cannot stretch a fetch (a socket
timeout alone applies per read). Size: at most ``max_bytes`` of body are read.
Proxies from the environment are not used: the policy is about the address spinscope
connects to, and a proxy would connect elsewhere.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
from dataclasses import dataclass
from urllib.parse import SplitResult, urljoin, urlsplit

from spinscope.errors import DeadlineError, UrlError
from spinscope.io.address import checked_addresses
from spinscope.io.deadline import Deadline
from spinscope.io.fetch_policy import Connector, FetchPolicy, Network
from spinscope.io.urlcheck import check_url

__all__ = ["FetchPolicy", "Network", "Page", "fetch"]

USER_AGENT = "spinscope/0.1 (article analysis)"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
@dataclass(frozen=True)
class Page:
    """A fetched page: the URL it finally came from, its content type and charset, its body."""

    url: str
    content_type: str
    charset: str | None
    body: bytes


def fetch(url: str, policy: FetchPolicy = FetchPolicy(), deadline: Deadline | None = None) -> Page:
    """The page at ``url`` after at most ``policy.max_redirects`` checked redirects."""
    deadline = Deadline.after(policy.deadline_s, within=deadline)
    current, shown = check_url(url), url
    for _ in range(policy.max_redirects + 1):
        page, location = _exchange(current, shown, policy, deadline)
        if location is None:
            return page
        current = shown = check_url(urljoin(current, location))
    raise UrlError(f"{url}: more than {policy.max_redirects} redirects; not followed further")


def _exchange(url: str, shown: str, policy: FetchPolicy, deadline: Deadline) -> tuple[Page, str | None]:
    """One request to ``url``: the page, or the redirect target (with an empty page).

    Messages name ``shown``: the URL as the user gave it, or the redirect target.
    """
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = checked_addresses(parts.hostname, port, policy.allow_private, policy.network.resolve, shown)
    deadline.check(shown)
    connection = _connection(parts, port, addresses, deadline, policy.network.connect)
    opened: list[socket.socket] = []
    watchdog = threading.Timer(deadline.remaining(), _cut, (opened,))
    watchdog.daemon = True
    watchdog.start()
    try:
        connection.connect()
        opened.append(connection.sock)  # kept here: http.client drops its reference on HTTP/1.0 answers
        deadline.check(shown)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", target, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity",
                                                   "Accept": "text/html,*/*;q=0.5"})
        answer = _answer(url, shown, connection.getresponse(), policy.max_bytes)
    except (OSError, http.client.HTTPException) as error:
        _check_time(shown, deadline)
        raise UrlError(f"{shown}: cannot reach this address ({error})") from None
    finally:
        watchdog.cancel()
        connection.close()
    _check_time(shown, deadline)  # a body cut short by the watchdog reads as a short body, not an error
    return answer


def _check_time(url: str, deadline: Deadline) -> None:
    if deadline.expired:
        raise DeadlineError(f"{url}: the fetch took longer than {deadline.seconds:g} s and was stopped")


def _answer(url: str, shown: str, response: http.client.HTTPResponse, max_bytes: int) -> tuple[Page, str | None]:
    """The page (named by the URL fetched), or the redirect target; messages name ``shown``."""
    status = response.status
    if status in REDIRECTS:
        location = response.getheader("Location")
        if not location:
            raise UrlError(f"{shown}: the server answered HTTP {status} without a Location to go to")
        return Page(url, "", None, b""), location
    if status >= 300:
        raise UrlError(f"{shown}: the server answered HTTP {status} ({response.reason})")
    length = response.getheader("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise UrlError(f"{shown}: the page is over {max_bytes:,} bytes, too large to analyse")
    body = response.read(max_bytes + 1)
    if len(body) > max_bytes:
        raise UrlError(f"{shown}: the page is over {max_bytes:,} bytes, too large to analyse")
    if length.isdigit() and len(body) < int(length):
        raise http.client.IncompleteRead(body, int(length) - len(body))
    content_type = response.headers.get_content_type()
    return Page(url, content_type, response.headers.get_content_charset(), body), None


def _connection(parts: SplitResult, port: int, addresses: list[str], deadline: Deadline,
                connect: Connector) -> http.client.HTTPConnection:
    """An http.client connection that speaks to ``parts.hostname`` but connects to ``addresses``.

    http.client opens its socket through the instance attribute ``_create_connection``;
    replacing it is the narrowest hook that keeps everything else of http.client (the
    Host header, and for https the TLS wrap with SNI and hostname verification).
    """
    timeout = max(deadline.remaining(), 0.001)
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(parts.hostname, port, timeout=timeout,
                                                 context=ssl.create_default_context())
    else:
        connection = http.client.HTTPConnection(parts.hostname, port, timeout=timeout)

    def open_checked(_address: object, _timeout: object = None, _source: object = None) -> socket.socket:
        return _open(addresses, port, deadline, connect)

    connection._create_connection = open_checked  # noqa: SLF001 (see the docstring)
    return connection


def _open(addresses: list[str], port: int, deadline: Deadline, connect: Connector) -> socket.socket:
    """A socket to the first of the checked addresses that accepts, within the time left."""
    error: OSError = OSError("no address to connect to")
    for address in addresses:
        try:
            return connect(address, port, max(deadline.remaining(), 0.001))
        except OSError as failure:
            error = failure
    raise error


def _cut(opened: list[socket.socket]) -> None:
    """The watchdog: shut the socket down so that a blocked read returns at once.

    ``socket.socket.shutdown`` is called directly so that for TLS it acts on the file
    descriptor without touching the SSL object the reading thread is using.
    """
    for sock in opened:
        try:
            socket.socket.shutdown(sock, socket.SHUT_RDWR)
        except OSError:
            pass

"""The one URL validator: every URL spinscope fetches (CLI, web, URL lists, redirects) passes here.

It refuses what cannot be fetched and returns the URL in the form that goes on the
wire: scheme and host lower-cased, a non-ASCII host IDNA-encoded, non-ASCII and unsafe
characters of the path and query percent-encoded, the fragment dropped. The fetcher
parses this normalised URL with the same ``urlsplit``, so the host that is checked
is the host that is connected to.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import quote, urlsplit, urlunsplit

from spinscope.errors import UrlError

PATH_SAFE = "/%:@!$&'()*+,;=-._~"
QUERY_SAFE = PATH_SAFE + "?"


def _ascii_host(host: str, url: str) -> str:
    """The host as it goes into DNS and the Host header: IDNA for names, checked for IPv6 literals."""
    if ":" in host:
        try:
            ipaddress.ip_address(host.split("%", 1)[0])
        except ValueError:
            raise UrlError(f"{url}: {host!r} is not a valid IPv6 address") from None
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise UrlError(f"{url}: {host!r} is not a valid host name ({error})") from None


def check_url(url: str) -> str:
    """The URL normalised for fetching if it is an absolute http(s) URL; anything else raises UrlError."""
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        raise UrlError(f"{url!r}: a URL cannot contain spaces or control characters; "
                       "encode them (a space is %20)")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise UrlError(f"{url}: not a valid URL ({error})") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise UrlError(f"{url}: not an http(s) URL; give a full address such as https://example.org/article")
    if parts.username is not None or parts.password is not None:
        raise UrlError(f"{url}: a URL with a user name or password (user@host) is not fetched")
    host = _ascii_host(parts.hostname, url)
    netloc = f"[{host}]" if ":" in host else host
    netloc += f":{port}" if port is not None else ""
    path = quote(parts.path or "/", safe=PATH_SAFE)
    return urlunsplit((parts.scheme.lower(), netloc, path, quote(parts.query, safe=QUERY_SAFE), ""))

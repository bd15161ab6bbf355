"""The outlet of an article read from a web page (a URL list, an HTML file): its site, by name.

trafilatura's ``sitename`` is the page's own name for its site (``og:site_name``, publisher
metadata) or, when the page names none, a host name made up from the page's URL, port
included. The outlet is the site name where the page gives one, else the domain of the
page's URL in lower case without ``www.`` and without a port, so that
``https://www.herald.example/a`` and ``http://herald.example:8080/b`` are one outlet.
Rows of JSONL and CSV files name their outlet in a column; plain text has none
(``--outlet`` gives it).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_HOST = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.?(?::\d+)?$|^\[[0-9a-f:.]+\](?::\d+)?$", re.IGNORECASE)
"""A host name or address, with an optional port: what trafilatura gives when a page names no site."""


def domain_of(url: str | None) -> str | None:
    """The host of a URL, lower case, without ``www.``, a port or a final dot; None when it has none."""
    try:
        host = urlsplit(url or "").hostname
    except ValueError:
        return None
    host = (host or "").rstrip(".")
    if host.startswith("www.") and len(host) > len("www."):
        host = host[len("www."):]
    return host or None


def outlet_of(site_name: str | None, url: str | None = None) -> str | None:
    """The outlet of a page: its site name (spaces collapsed), or the domain when the name is a bare
    host (``herald.example:8080``) or missing; None when there is neither."""
    name = " ".join(site_name.split()) if site_name else ""
    if name and _HOST.match(name) and any(c in name for c in ".:["):
        return domain_of(f"http://{name}") or domain_of(url)
    return name or domain_of(url)

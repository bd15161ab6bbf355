"""Which network addresses spinscope may fetch from: only globally routable ones.

A URL typed by a user (or sent to the web API) must not make spinscope talk to the
machine it runs on, its private network or a cloud metadata service. The rule is
applied to *resolved* addresses: whatever textual form the host takes (``2130706433``,
``0x7f.1``, ``127.1``, ``[::ffff:127.0.0.1]``, a DNS name), the system resolver turns it
into addresses, and every one of them is classified here. ``ipaddress.is_global`` alone
is not enough (it calls multicast and some IPv6 forms that embed an IPv4 address
global), so the checks below are explicit and each names its reason.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from spinscope.errors import PrivateAddressError, UrlError
from spinscope.io.fetch_policy import Resolver, system_resolve

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

METADATA = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"))
"""Cloud metadata services (AWS, ECS, Alibaba, AWS IPv6): named apart because they hold credentials."""
SHARED = ipaddress.ip_network("100.64.0.0/10")
NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
ALLOW_HINT = "private addresses are refused; allow them with --allow-private-urls (or allow_private_urls)"

_CHECKS: tuple[tuple[str, Callable[[Address], bool]], ...] = (
    ("a cloud metadata address", lambda ip: ip in METADATA),
    ("a loopback address", lambda ip: ip.is_loopback),
    ("the unspecified address", lambda ip: ip.is_unspecified),
    ("a multicast address", lambda ip: ip.is_multicast),
    ("a link-local address", lambda ip: ip.is_link_local),
    ("a shared (carrier-grade NAT) address", lambda ip: ip.version == 4 and ip in SHARED),
    ("a private address", lambda ip: ip.is_private),
    ("a reserved address", lambda ip: ip.is_reserved),
    ("not a globally routable address", lambda ip: not ip.is_global),
)


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address inside a 6to4, NAT64, Teredo or IPv4-compatible IPv6 address, if any."""
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if any(ip in network for network in NAT64) or int(ip) >> 32 == 0:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_problem(text: str) -> str | None:
    """Why an address (in the resolver's textual form) may not be fetched from, or None."""
    try:
        ip = ipaddress.ip_address(text.split("%", 1)[0])  # an IPv6 zone id names no other address
    except ValueError:
        return "not an IP address"
    if ip.version == 6 and ip.ipv4_mapped is not None:
        return "an IPv4-mapped IPv6 address"
    for reason, applies in _CHECKS:
        if applies(ip):
            return reason
    inner = embedded_ipv4(ip) if ip.version == 6 else None
    if inner is not None and address_problem(str(inner)):
        return f"an IPv6 address that embeds {inner}, {address_problem(str(inner))}"
    return None


def checked_addresses(host: str, port: int, allow_private: bool, resolve: Resolver = system_resolve,
                      where: str | None = None) -> list[str]:
    """The addresses to connect to for ``host``; refused if ANY of them is not globally routable.

    ``where`` (default: the host) starts the refusal message, e.g. the URL as the user typed it.

    Refusing when one of several addresses is private (rather than skipping it) means a
    DNS answer that mixes a public and a private address cannot steer the connection.
    """
    addresses = resolve(host, port)
    if not addresses:
        raise UrlError(f"{host}: the host name resolves to no address")
    if allow_private:
        return addresses
    for address in addresses:
        problem = address_problem(address)
        if problem:
            what = f"{host} is" if address == host else f"{host} resolves to {address},"
            raise PrivateAddressError(f"{where or host}: {what} {problem}; {ALLOW_HINT}")
    return addresses

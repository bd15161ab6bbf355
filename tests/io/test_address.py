"""Address classification over many textual forms (parsing only: nothing here opens a connection)."""

from __future__ import annotations

import socket

import pytest

from spinscope.errors import PrivateAddressError, UrlError
from spinscope.io.address import address_problem, checked_addresses


@pytest.mark.parametrize("address, reason", [
    ("127.0.0.1", "loopback"), ("127.255.255.254", "loopback"), ("::1", "loopback"),
    ("10.0.0.1", "private"), ("172.16.5.4", "private"), ("192.168.1.1", "private"), ("fd12:3456::1", "private"),
    ("169.254.169.254", "metadata"), ("169.254.170.2", "metadata"), ("fd00:ec2::254", "metadata"),
    ("169.254.1.1", "link-local"), ("fe80::1", "link-local"), ("fe80::1%eth0", "link-local"),
    ("100.64.0.1", "shared"), ("100.127.255.254", "shared"),
    ("224.0.0.1", "multicast"), ("239.255.255.250", "multicast"), ("ff02::1", "multicast"),
    ("0.0.0.0", "unspecified"), ("::", "unspecified"),
    ("::ffff:127.0.0.1", "IPv4-mapped"), ("::ffff:8.8.8.8", "IPv4-mapped"), ("::ffff:7f00:1", "IPv4-mapped"),
    ("2002:7f00:1::1", "embeds 127.0.0.1"), ("2002:a9fe:a9fe::", "embeds 169.254.169.254"),
    ("64:ff9b::7f00:1", "reserved|embeds"), ("::127.0.0.1", "reserved|embeds"),
    ("0.1.2.3", "private"), ("192.0.2.1", "private"), ("198.18.0.1", "private"), ("240.0.0.1", "private|reserved"),
    ("255.255.255.255", "private|reserved"), ("2001:db8::1", "private"), ("not-an-ip", "not an IP"),
])
def test_address_problem_refuses_non_global_forms(address, reason):
    problem = address_problem(address)
    assert problem is not None
    assert any(word in problem for word in reason.split("|")), problem


@pytest.mark.parametrize("address", ["11.0.0.1", "93.184.216.34", "100.63.255.255", "100.128.0.1",
                                     "2606:4700::1", "2a00:1450:4001::1", "2002:5db8:d822::1"])
def test_address_problem_accepts_global_addresses(address):
    assert address_problem(address) is None


def numeric_resolve(host: str, port: int) -> list[str]:
    """The real resolver, numeric forms only (AI_NUMERICHOST never sends a query)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST)
    return [str(info[4][0]) for info in infos]


@pytest.mark.parametrize("host", ["2130706433", "0x7f.1", "127.1", "0177.0.0.1", "0x7f000001", "127.0.0.1",
                                  "0", "::1", "::ffff:127.0.0.1", "0:0:0:0:0:ffff:7f00:1", "017700000001"])
def test_checked_addresses_refuses_host_number_forms_the_resolver_reads_as_loopback(host):
    with pytest.raises(PrivateAddressError, match="--allow-private-urls"):
        checked_addresses(host, 80, allow_private=False, resolve=numeric_resolve)


def test_checked_addresses_with_the_opt_in_keeps_private_addresses():
    assert checked_addresses("0x7f.1", 80, allow_private=True, resolve=numeric_resolve) == ["127.0.0.1"]


def test_checked_addresses_refuses_a_name_if_any_of_its_addresses_is_private():
    def resolve(host: str, port: int) -> list[str]:
        return ["11.0.0.1", "10.0.0.7"]

    with pytest.raises(PrivateAddressError, match="public.test resolves to 10.0.0.7, a private address"):
        checked_addresses("public.test", 443, allow_private=False, resolve=resolve)


def test_checked_addresses_name_without_addresses_is_url_error():
    with pytest.raises(UrlError, match="resolves to no address"):
        checked_addresses("nothing.test", 80, allow_private=False, resolve=lambda host, port: [])

"""The address of the client a request comes from, behind reverse proxies
that the operator names (OPENPRM_TRUSTED_PROXIES, settings.TRUSTED_PROXIES).

Behind a proxy every request's REMOTE_ADDR is the proxy's, so a limit per
address would count every client together. X-Forwarded-For names the
client, but anyone can send that header: it is read only when the request
comes straight from a trusted proxy, and then from the right, skipping the
trusted proxies' own entries — the first address from the right that no
trusted proxy wrote is the client, whatever it put to the left. With no
trusted proxies (the default) the header is ignored.

django-ipware was not used (docs/decisions.md): it trusts proxies by text
prefix of the header's entries, not by the peer the request came from, and
has no CIDR ranges.
"""

import ipaddress
from collections.abc import Iterable
from functools import cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)


def trusted_networks() -> tuple[Network, ...]:
    """The trusted proxies' addresses and ranges; a bad entry fails at the
    first request rather than letting a forged header through."""
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address, networks: Iterable[Network]
) -> bool:
    return any(address in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The client's address as text; "" when the request has none (an
    in-process WSGI caller)."""
    peer = request.META.get("REMOTE_ADDR", "") or ""
    networks = trusted_networks()
    peer_address = _address(peer)
    if not networks or peer_address is None or not _trusted(peer_address, networks):
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed(forwarded.split(",")):
        address = _address(entry)
        if address is None:
            # Not an address a proxy of ours wrote: stop at the last one we
            # can vouch for rather than skip over it to a forged one.
            break
        if not _trusted(address, networks):
            return str(address)
        peer_address = address
    return str(peer_address)

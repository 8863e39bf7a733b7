"""The visitor's address, for rate limits and consent proofs.

Behind a reverse proxy, REMOTE_ADDR is the proxy's address and the client's is in
X-Forwarded-For. Anyone can write that header, so it is read from the right, one hop at a time,
and believed only while the hop that wrote it is a proxy listed in TRUSTED_PROXIES.
"""

import ipaddress

from . import conf


def _address(text):
    try:
        return ipaddress.ip_address((text or "").strip())
    except ValueError:
        return None


def _trusted_networks():
    networks = []
    for entry in conf.get("TRUSTED_PROXIES") or ():
        networks.append(ipaddress.ip_network(entry, strict=False))
    return networks


def client_address(request):
    """The client's IP address as a string, or None when the connection gives none."""
    address = _address(request.META.get("REMOTE_ADDR"))
    if address is None:
        return None
    networks = _trusted_networks()
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    while forwarded and any(address in network for network in networks):
        hop = _address(forwarded.pop())
        if hop is None:  # a garbled header: keep the last address a trusted proxy vouched for
            break
        address = hop
    return str(address)

"""The visitor's address behind a reverse proxy, as rate limits and consent proofs use it."""

import pytest
from django.core.checks import run_checks
from django.test import RequestFactory

from resource_centre.client import client_address

PROXIED = {"REMOTE_ADDR": "10.0.0.2"}


def _request(**meta):
    return RequestFactory().get("/", **meta)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.RESOURCE_CENTRE = {}
    request = _request(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_address(request) == "203.0.113.9"


def test_a_trusted_proxy_is_believed_and_a_forged_hop_is_not(settings):
    settings.RESOURCE_CENTRE = {"TRUSTED_PROXIES": ["10.0.0.0/8"]}
    # The visitor wrote "1.2.3.4" themselves; the proxy appended the address it saw.
    request = _request(**PROXIED, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1")
    assert client_address(request) == "198.51.100.1"
    # Two trusted proxies in a row.
    request = _request(**PROXIED, HTTP_X_FORWARDED_FOR="198.51.100.1, 10.1.1.1")
    assert client_address(request) == "198.51.100.1"
    # A direct connection from outside is not a proxy, whatever it claims.
    request = _request(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_address(request) == "203.0.113.9"


@pytest.mark.parametrize("header", ["", "garbage", "1.2.3.4, not-an-ip", ",,,", "999.1.1.1"])
def test_garbled_headers_fall_back_to_the_last_trusted_hop(settings, header):
    settings.RESOURCE_CENTRE = {"TRUSTED_PROXIES": ["10.0.0.2"]}
    assert client_address(_request(**PROXIED, HTTP_X_FORWARDED_FOR=header)) == "10.0.0.2"


def test_ipv6_and_a_missing_address(settings):
    settings.RESOURCE_CENTRE = {"TRUSTED_PROXIES": ["::1"]}
    request = _request(REMOTE_ADDR="::1", HTTP_X_FORWARDED_FOR="2001:db8::7")
    assert client_address(request) == "2001:db8::7"
    assert client_address(_request(REMOTE_ADDR="")) is None


def test_a_wrong_proxy_setting_is_a_system_check_error(settings):
    settings.RESOURCE_CENTRE = {"TRUSTED_PROXIES": ["10.0.0.0/8", "le proxy"]}
    errors = [e for e in run_checks() if e.id == "resource_centre.E004"]
    assert len(errors) == 1 and "le proxy" in errors[0].msg

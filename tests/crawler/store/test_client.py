"""Client construction: URL/credential handling, TLS defaults, env mapping, log masking."""

from __future__ import annotations

import logging

import pytest

from crawler.store.client import (
    ClientConfigError,
    describe,
    make_client,
    make_client_from_env,
    masked_url,
)


def node_config(client):  # the one configured node
    return client.transport.node_pool.all()[0].config


def auth_header(client) -> str | None:
    return client._headers.get("authorization")


def test_credentials_in_url_become_basic_auth_and_leave_the_node_url() -> None:
    client = make_client("https://elastic:s3cr%40t@es.example.org:9243", ca_certs=None)
    config = node_config(client)
    assert (config.scheme, config.host, config.port) == ("https", "es.example.org", 9243)
    assert "s3cr" not in repr(client) and "s3cr" not in str(config)
    assert auth_header(client).startswith("Basic ")
    assert config.verify_certs is True


def test_api_key_wins_and_tls_verification_is_on_by_default() -> None:
    client = make_client("https://es:9200", api_key="abc123", username="u", password="p")
    assert auth_header(client) == "ApiKey abc123"
    assert node_config(client).verify_certs is True


def test_verify_off_is_honoured_and_warned(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING), pytest.warns(Warning, match="insecure"):
        client = make_client({"ELASTICSEARCH_URL": "https://u:pw@es:9200",
                              "ELASTICSEARCH_VERIFY_CERTS": "false"})
    assert node_config(client).verify_certs is False
    assert "verification is OFF" in caplog.text and "pw" not in caplog.text


def test_settings_mapping_and_env() -> None:
    env = {"ELASTICSEARCH_URL": "http://127.0.0.1:9201", "ELASTICSEARCH_USERNAME": "elastic",
           "ELASTICSEARCH_PASSWORD": "pw", "ELASTICSEARCH_REQUEST_TIMEOUT": "7"}
    client = make_client_from_env(env)
    config = node_config(client)
    assert (config.host, config.port) == ("127.0.0.1", 9201)
    assert client._request_timeout == 7.0
    assert auth_header(client).startswith("Basic ")
    assert node_config(make_client_from_env({})).port == 9200  # default local URL


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"ELASTICSEARCH_URL": "es:9200"}, "not an http"),
        ({"ELASTICSEARCH_VERIFY_CERTS": "maybe"}, "not a boolean"),
        ({"ELASTICSEARCH_REQUEST_TIMEOUT": "soon"}, "not a number"),
        ({"ELASTICSEARCH_USERNAME": "elastic"}, "PASSWORD is not"),
    ],
)
def test_bad_settings_name_the_setting(settings: dict[str, str], message: str) -> None:
    with pytest.raises(ClientConfigError, match=message):
        make_client(settings)


def test_masking() -> None:
    assert masked_url("https://user:pw@h:9200/x") == "https://***@h:9200/x"
    assert masked_url("http://h:9200") == "http://h:9200"
    text = describe("https://user:pw@h:9200", api_key=None)
    assert "pw" not in text and "***@h:9200" in text
    assert "k3y" not in describe("https://h", api_key="k3y")

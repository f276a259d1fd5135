from __future__ import annotations

import redis

from crawler.ops.redis_server import RedisServer


def test_starts_on_loopback_answers_and_stops() -> None:
    with RedisServer() as server:
        assert server.url.startswith("redis://127.0.0.1:")
        client = redis.Redis.from_url(server.url)
        assert client.ping()
        client.set("k", "v")
        assert client.config_get("save") == {"save": ""}
        assert client.config_get("appendonly") == {"appendonly": "no"}
        process = server.process
        client.close()
    assert process is not None and process.poll() is not None  # the server process is gone

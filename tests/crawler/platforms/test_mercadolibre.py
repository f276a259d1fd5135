"""Mercado Libre search API capture (parse-only format)."""

from __future__ import annotations

from pathlib import Path

from crawler.commands.parse import parse_file
from crawler.platforms import mercadolibre

CAPTURE = ("mercadolibre", "api_sites_MLA_search_q_telefono_2021.json")


def test_capture_parses_fifty_results_with_sellers(fixtures_dir: Path) -> None:
    body = fixtures_dir.joinpath(*CAPTURE).read_bytes()
    url = "https://api.mercadolibre.com/sites/MLA/search?q=telefono"
    result = mercadolibre.parse_search(body, url, "2021-03-30")
    assert len(result.listings) == 50 and result.has_next and result.blocked is None
    first = result.listings[0]
    assert first.listing_id == "MLA897952360"
    assert first.title == "Teléfono Inalámbrico Noblex Ndt4000tw Negro"
    assert first.price == 5300 and first.shop_id == "308123574"
    assert first.shop_name == "COLLINSHERRAMIENTAS"
    assert first.url and first.url.startswith("https://")


def test_parse_command_reads_the_capture(fixtures_dir: Path) -> None:
    result = parse_file("mercadolibre", fixtures_dir.joinpath(*CAPTURE))
    assert len(result.listings) == 50


def test_a_refused_api_call_is_a_block() -> None:
    assert mercadolibre.detect_block(403, b'{"message":"forbidden"}', "https://api.x/search") == "login"
    assert mercadolibre.detect_block(503, b"", "https://api.x/search") == "server_error"

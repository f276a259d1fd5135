"""Shop page URLs: the real URL on the real site, the same path re-rooted on another front."""

from __future__ import annotations

from crawler.pipelines.sellers import shop_page_url


def test_real_site_fetches_the_shop_url_itself() -> None:
    url = shop_page_url("//mall.jd.com/index-1000004259.html", "https://search.jd.com",
                        "https://search.jd.com")
    assert url == "https://mall.jd.com/index-1000004259.html"


def test_sandbox_front_keeps_the_real_path() -> None:
    url = shop_page_url("https://mall.jd.com/index-42.html", "http://127.0.0.1:8765/jd/",
                        "https://search.jd.com")
    assert url == "http://127.0.0.1:8765/jd/index-42.html"

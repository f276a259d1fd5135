"""Amazon parser on pages written after the real markup: results, product page, robot check."""

from __future__ import annotations

import pytest

from crawler.platforms import amazon
from crawler.platforms.base import PageFormatError

URL = "https://www.amazon.com/s?k=china+sim+card&page=1"

RESULTS = """<html><head><title>Amazon.com : china sim card</title></head><body>
<div class="s-main-slot s-result-list s-search-results sg-row">
  <div data-asin="" data-component-type="s-messaging-widget-results-header"></div>
  <div data-asin="B0C1SIM001" data-index="2" data-component-type="s-search-result" class="s-result-item">
    <h2 aria-label="Sponsored Ad - China Unicom Prepaid SIM 15GB" class="a-size-medium"><span>China Unicom Prepaid SIM 15GB</span></h2>
    <span class="a-price" data-a-size="xl"><span class="a-offscreen">$24.99</span><span aria-hidden="true">$24<span>99</span></span></span>
  </div>
  <div data-asin="B0C1SIM002" data-component-type="s-search-result">
    <h2 class="a-size-mini"><a class="a-link-normal" href="/dp/B0C1SIM002"><span>China Mobile HK Data SIM</span></a></h2>
  </div>
  <div data-asin="" data-component-type="s-search-result"></div>
</div>
<span class="s-pagination-strip"><a href="/s?k=china+sim+card&amp;page=2" class="s-pagination-item s-pagination-next s-pagination-button">Next</a></span>
</body></html>"""

PRODUCT = """<html><body><input type="hidden" id="ASIN" name="ASIN" value="B0C1SIM001">
<span id="productTitle" class="a-size-large"> China Unicom Prepaid SIM 15GB </span>
<div id="corePrice_feature_div"><span class="a-price"><span class="a-offscreen">$24.99</span></span></div>
<div id="merchant-info">Ships from and sold by <a id="sellerProfileTriggerId" href="/gp/help/seller/at-a-glance.html/ref=dp_merchant_link?ie=UTF8&amp;seller=A1SIMSELLER9&amp;isAmazonFulfilled=0">SimWorld Store</a>.</div>
</body></html>"""

ROBOT = """<html><head><title dir="ltr">Amazon.com</title></head><body>
<h4>Enter the characters you see below</h4>
<form method="get" action="/errors/validateCaptcha" name=""><input type=hidden name="amzn" value="x"></form></body></html>"""


def test_results() -> None:
    result = amazon.parse_search(RESULTS, URL, "2025-01-02")
    first, second = result.listings
    assert (first.listing_id, first.title, first.price) == (
        "B0C1SIM001",
        "China Unicom Prepaid SIM 15GB",
        24.99,
    )
    assert first.url == "https://www.amazon.com/dp/B0C1SIM001"
    assert (second.listing_id, second.title, second.price) == (
        "B0C1SIM002",
        "China Mobile HK Data SIM",
        None,
    )
    assert first.shop_name is None  # only on the product page
    assert result.has_next is True
    last = RESULTS.replace(
        "s-pagination-next s-pagination-button", "s-pagination-next s-pagination-disabled"
    )
    assert amazon.parse_search(last, URL, "2025-01-02").has_next is False


def test_product_page_seller() -> None:
    listing = amazon.parse_item(PRODUCT, "https://www.amazon.com/dp/B0C1SIM001", "2025-01-02")
    assert (listing.listing_id, listing.title, listing.price) == (
        "B0C1SIM001",
        "China Unicom Prepaid SIM 15GB",
        24.99,
    )
    assert (listing.shop_name, listing.shop_id) == ("SimWorld Store", "A1SIMSELLER9")
    assert listing.shop_url == "https://www.amazon.com/sp?seller=A1SIMSELLER9"
    sold_by_amazon = '<div id="merchant-info">Ships from and sold by Amazon.com.</div><span id="productTitle">X</span>'
    listing = amazon.parse_item(sold_by_amazon, "https://www.amazon.com/dp/B0C1SIM003/ref=x")
    assert (listing.listing_id, listing.shop_name, listing.shop_id) == (
        "B0C1SIM003",
        "Amazon.com",
        None,
    )


def test_robot_check() -> None:
    assert amazon.detect_block(200, ROBOT, URL) == "captcha"
    assert amazon.detect_block(503, ROBOT, URL) == "captcha"
    assert amazon.parse_search(ROBOT, URL, "2025-01-02").blocked == "captcha"
    assert amazon.detect_block(200, "", "https://www.amazon.com/ap/signin?openid=x") == "login"
    assert amazon.detect_block(200, RESULTS, URL) is None
    assert amazon.detect_block(503, "<html></html>", URL) == "server_error"


def test_drift_and_search_url() -> None:
    with pytest.raises(PageFormatError, match="s-search-result"):
        amazon.parse_search("<html><body><div id='a'></div></body></html>", URL, "2025-01-02")
    with pytest.raises(PageFormatError, match="no ASIN"):
        amazon.parse_item("<html><body></body></html>", "https://www.amazon.com/gp/cart")
    assert (
        amazon.search_url("https://www.amazon.com", "china sim", 3)
        == "https://www.amazon.com/s?k=china%20sim&page=3"
    )


def test_results_the_run_holds_are_counted_not_read() -> None:
    """``known`` (doc ids sighted earlier in the run): a result whose ASIN is known is skipped
    and counted in ``repeats``; placeholders with an empty ASIN stay no listing and no repeat."""
    from crawler.platforms.base import parse_page

    result = parse_page(amazon, RESULTS, URL, "2025-01-02", known={"amazon:B0C1SIM001", "amazon:"})
    assert [x.listing_id for x in result.listings] == ["B0C1SIM002"]
    assert (result.repeats, result.has_next) == (1, True)
    assert parse_page(amazon, RESULTS, URL, "2025-01-02", known={"ebay:B0C1SIM001"}).repeats == 0

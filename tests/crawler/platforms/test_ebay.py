"""eBay parser on pages written after the real markup (current s-card and older s-item)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.platforms import ebay
from crawler.platforms.base import PageFormatError

URL = "https://www.ebay.com/sch/i.html?_nkw=china+sim+card&_pgn=1"

CARDS = """<html><head><title>china sim card | eBay</title></head><body>
<ul class="srp-results srp-list clearfix">
  <li class="s-card s-card--horizontal" data-listingid="296512345678" id="item1">
    <div class="su-card-container"><div class="su-card-container__content">
      <a class="s-card__link" href="https://www.ebay.com/itm/296512345678?_skw=china+sim&hash=item45">
        <div class="s-card__title"><span class="su-styled-text primary default">China Unicom SIM Card 30 Days Data</span><span class="su-styled-text secondary">Opens in a new window or tab</span></div>
      </a>
      <div class="s-card__attribute-row"><span class="su-styled-text primary bold large-1 s-card__price">$12.99</span></div>
      <div class="s-card__attribute-row"><span class="su-styled-text secondary large">Located in China</span></div>
      <div class="su-card-container__attributes__secondary"><div class="s-card__attribute-row">
        <span class="su-styled-text primary large">simworld_shop</span> <span class="su-styled-text primary large">99.2% positive (1.5K)</span></div></div>
    </div></div>
  </li>
  <li class="s-card" data-listingid="">
    <a class="s-card__link" href="https://ebay.com/itm/123456"><div class="s-card__title"><span>Shop on eBay</span></div></a>
  </li>
  <li class="srp-river-answer">Results matching fewer words</li>
  <li class="s-card" id="item3">
    <a class="s-card__link" href="/itm/China-Mobile-HK-SIM/186700000001?var=0"><div class="s-card__title"><span>New Listing China Mobile HK SIM</span></div></a>
    <span class="s-card__price">$3.50 to $4.00</span>
  </li>
</ul>
<nav class="pagination"><a class="pagination__next icon-link" href="https://www.ebay.com/sch/i.html?_nkw=china+sim+card&amp;_pgn=2">Next</a></nav>
</body></html>"""

OLD = """<html><head><title>sim | eBay</title></head><body><ul class="srp-results srp-list clearfix">
<li class="s-item s-item__pl-on-bottom"><div class="s-item__info clearfix">
  <a class="s-item__link" href="https://www.ebay.com/itm/123456?hash=x"><div class="s-item__title"><span role="heading">Shop on eBay</span></div></a>
  <span class="s-item__price">$20.00</span></div></li>
<li class="s-item s-item__pl-on-bottom"><div class="s-item__info clearfix">
  <a class="s-item__link" href="https://www.ebay.com/itm/China-Telecom-SIM/404400000002?hash=item5e"><div class="s-item__title"><span role="heading"><span class="LIGHT_HIGHLIGHT">New Listing</span>China Telecom prepaid SIM</span></div></a>
  <div class="s-item__details clearfix"><span class="s-item__price">$8.00</span>
  <span class="s-item__location s-item__itemLocation">from China</span>
  <span class="s-item__seller-info-text">Cheap-Sims (2,345) 98.7%</span></div></div></li>
</ul><nav class="pagination"><a class="pagination__next" aria-disabled="true" href="#">Next</a></nav></body></html>"""


def test_current_cards() -> None:
    result = ebay.parse_search(CARDS, URL, "2025-01-02")
    assert result.blocked is None
    first, second = result.listings
    assert first.listing_id == "296512345678"
    assert first.title == "China Unicom SIM Card 30 Days Data"
    assert first.url == "https://www.ebay.com/itm/296512345678"
    assert first.price == 12.99
    assert first.location == "China"
    assert (first.shop_name, first.shop_id, first.shop_url) == (
        "simworld_shop",
        "simworld_shop",
        "https://www.ebay.com/usr/simworld_shop",
    )
    assert (second.listing_id, second.title, second.price) == (
        "186700000001",
        "China Mobile HK SIM",
        3.5,
    )
    assert second.shop_name is None
    assert result.has_next is True


def test_older_items() -> None:
    result = ebay.parse_search(OLD, URL, "2025-01-02")
    (only,) = result.listings
    assert (only.listing_id, only.title, only.price) == (
        "404400000002",
        "China Telecom prepaid SIM",
        8.0,
    )
    assert (only.location, only.shop_name, only.shop_id) == ("China", "Cheap-Sims", "cheap-sims")
    assert result.has_next is False


def test_no_results_and_drift() -> None:
    empty = (
        '<html><body><div class="srp-save-null-search">No exact matches found</div></body></html>'
    )
    assert ebay.parse_search(empty, URL, "2025-01-02").listings == []
    with pytest.raises(PageFormatError, match="srp-results"):
        ebay.parse_search("<html><body><div id='x'></div></body></html>", URL, "2025-01-02")


@pytest.mark.parametrize(
    ("body", "url", "reason"),
    [
        ("<html></html>", "https://www.ebay.com/splashui/captcha?ap=1&appName=orch", "captcha"),
        ("<html><head><title>Security Measure</title></head></html>", URL, "captcha"),
        ("<html><head><title>Pardon Our Interruption...</title></head></html>", URL, "captcha"),
        ("<html></html>", "https://signin.ebay.com/ws/eBayISAPI.dll?SignIn", "login"),
    ],
)
def test_blocks(body: str, url: str, reason: str) -> None:
    assert ebay.detect_block(200, body, url) == reason
    assert ebay.parse_search(body, url, "2025-01-02").blocked == reason


def test_status_and_search_url() -> None:
    assert ebay.detect_block(200, CARDS, URL) is None
    assert ebay.detect_block(429, "", URL) == "rate_limited"
    assert (
        ebay.search_url("https://www.ebay.com", "china sim", 2)
        == "https://www.ebay.com/sch/i.html?_nkw=china%20sim&_pgn=2"
    )


def test_new_listing_badge_keeps_the_title() -> None:
    # The markup of index file 71512508516: the badge in its own span before the title span.
    page = (
        '<ul class="srp-results"><li class="s-card" data-listingid="123456789012">'
        '<a class="s-card__link" href="https://www.ebay.com/itm/123456789012">'
        '<div class="s-card__title"><div><span class="badge">New listing</span>'
        '<span>China Unicom SIM card 30 days</span></div>'
        '<span class="clipped">Opens in a new window or tab</span></div></a>'
        '<span class="s-card__price">$9.99</span></li>'
        '<li class="s-item"><a class="s-item__link" href="https://www.ebay.com/itm/223456789012">'
        '<h3 class="s-item__title"><span class="LIGHT_HIGHLIGHT">New Listing</span>Old layout SIM</h3>'
        "</a></li></ul>"
    )
    result = ebay.parse_search(page, "https://www.ebay.com/sch/i.html?_nkw=sim", "2026-12-04")
    assert [x.title for x in result.listings] == ["China Unicom SIM card 30 days", "Old layout SIM"]


def test_carousel_repeats_are_not_listings(fixtures_dir: Path) -> None:
    body = (fixtures_dir / "ebay" / "ebay_com_sch_red_basketball_shoes_2022.html").read_bytes()
    result = ebay.parse_search(body, "https://www.ebay.com/sch/i.html?_nkw=x", "2022-07-08")
    assert b"srp-items-carousel" in body  # the carousel is really in the capture
    assert len(result.listings) == 60  # the capture's 60 results, not its 8 carousel repeats


def test_cards_of_listings_the_run_holds_are_counted_not_read() -> None:
    """``known`` (doc ids sighted earlier in the run): an s-card whose own id is known is
    skipped before its fields are read and counted in ``repeats``; the rest parse as without it,
    and a card whose id only its link carries (older layout) is read in full."""
    from crawler.platforms.base import parse_page

    plain = parse_page(ebay, CARDS, URL, "2025-01-02")
    skipped = parse_page(ebay, CARDS, URL, "2025-01-02",
                         known={"ebay:296512345678", "ebay:186700000001", "amazon:1"})
    assert (plain.repeats, skipped.repeats) == (0, 1)
    assert skipped.listings == plain.listings[1:]  # item3 has no data-listingid: read
    assert skipped.has_next and skipped.read_any
    everything = parse_page(ebay, CARDS.replace('id="item3"', 'data-listingid="186700000001"'),
                            URL, "2025-01-02", known={"ebay:296512345678", "ebay:186700000001"})
    assert (everything.listings, everything.repeats, everything.read_any) == ([], 2, True)
    # A known card repeated on the page is one repeat, as an unknown one is one listing.
    doubled = CARDS.replace('<li class="srp-river-answer">', CARDS.split('<li class="s-card" data-listingid="">')[0]
                            .split('<ul class="srp-results srp-list clearfix">')[1] + '<li class="srp-river-answer">')
    assert parse_page(ebay, doubled, URL, "2025-01-02", known={"ebay:296512345678"}).repeats == 1
    # Another platform's ids never match, and a parser without the flag is not handed ``known``.
    assert parse_page(ebay, CARDS, URL, "2025-01-02", known={"amazon:296512345678"}).repeats == 0

"""tmall's own reader (list.tmall.com) in front of taobao's: the choice between them."""

from __future__ import annotations

from crawler.platforms import tmall

_URL = "https://s.taobao.com/search?q=sim&tab=mall"
_OBSERVED = "2026-01-01T00:00:00Z"


def test_taobao_page_quoting_the_list_marker_in_a_title_is_read_as_taobao() -> None:
    """A seller's title that reads ``id="J_ItemList"`` is text on a taobao results page (a
    browser-rendered tile), not list.tmall.com's item list: the page's listings are read, not
    lost to a "no #J_ItemList" error."""
    page = (
        '<html><body><script>g_page_config = {"mods": {"itemlist": {"data": {"auctions": ['
        '{"nid": "1", "raw_title": "sim", "shopcard": {"isTmall": true}, "user_id": "2",'
        ' "view_price": "1"}]}}}};</script><div id="mainsrp-itemlist">'
        '<div class="item J_MouserOnverReq"><div class="title"><a data-nid="1">id="J_ItemList" 手机卡'
        "</a></div></div></div></body></html>"
    )
    result = tmall.parse_search(page, _URL, _OBSERVED)
    assert [(x.platform, x.listing_id) for x in result.listings] == [("tmall", "1")]

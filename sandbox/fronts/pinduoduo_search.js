/* Sandbox mobile.yangkeduo.com search page: the first 20 results come server-rendered in
 * window.rawData; when the reader scrolls near the end of the list the page asks
 * /proxy/api/search for the next 20, sending the previous answer's flip and the anti_content
 * token it derives from its nonce (stands in for PDD's fingerprint), and appends them. */
(function () {
  "use strict";

  var raw = window.rawData;
  if (!raw || !window.sandboxMd5) return;
  var store = raw.store;
  var ssr = raw.stores.store.data.ssrListData;
  var status = document.getElementById("search-status");
  var list = document.getElementById("goods-list");
  var clientRendered = !ssr.list; // 2026-09 pages: the list itself comes from the API
  var page = clientRendered ? 0 : store.pageNumber;
  var flip = clientRendered ? "" : ssr.flip;
  var hasMore = clientRendered ? true : !!ssr.hasMore;
  var loading = false;

  function card(g) {
    var box = document.createElement("div");
    box.className = "_3glhOBhU";
    box.setAttribute("data-goods-id", String(g.goods_id));
    var a = document.createElement("a");
    a.href = g.link_url;
    a.textContent = g.goods_name + " ¥" + (g.price / 100).toFixed(2);
    box.appendChild(a);
    return box;
  }

  function loadMore() {
    if (loading || !hasMore) return;
    loading = true;
    var next = page + 1;
    var anti = "0as" + window.sandboxMd5(store.antiNonce + "|" + ssr.searchKey + "|" + next);
    var url = "proxy/api/search?" + [
      "pdduid=0", "source=search", "search_met=manual", "track_data=refer_page_id%2C10002",
      "list_id=" + encodeURIComponent(ssr.flip || ssr.searchKey), "sort=default", "filter=", "q=" + encodeURIComponent(ssr.searchKey),
      "search_key=" + encodeURIComponent(ssr.searchKey), "page=" + next, "size=20", "flip=" + encodeURIComponent(flip),
      "anti_content=" + anti
    ].join("&");
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (resp) {
        if (!resp.ok) throw new Error("HTTP " + resp.status);
        return resp.json();
      })
      .then(function (res) {
        if (res.error_code) {
          status.textContent = res.error_msg;
          status.setAttribute("data-error-code", String(res.error_code));
          return;
        }
        for (var i = 0; i < res.items.length; i++) list.appendChild(card(res.items[i].item_data.goods_model));
        page = next;
        flip = res.flip;
        hasMore = !!res.has_more;
        status.textContent = hasMore ? "" : "没有更多了";
      })
      .catch(function (err) { status.textContent = "网络异常 (" + err.message + ")"; })
      .then(function () {
        loading = false;
        document.body.setAttribute("data-loaded-page", String(page));
      });
  }

  // Infinite scroll: near the bottom of the list, load the next page.
  window.addEventListener("scroll", function () {
    var bottom = window.scrollY + window.innerHeight;
    if (bottom >= document.documentElement.scrollHeight - 300) loadMore();
  }, { passive: true });
  if (clientRendered) {
    loadMore();
  } else {
    status.textContent = hasMore ? "" : "没有更多了";
    document.body.setAttribute("data-loaded-page", String(page));
  }
})();

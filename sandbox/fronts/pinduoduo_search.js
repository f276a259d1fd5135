/* Sandbox mobile.yangkeduo.com search page: reads the results page from /proxy/api/search with
 * the anti_content token the page derives from its nonce (stands in for PDD's fingerprint). */
(function () {
  "use strict";

  var raw = window.rawData;
  if (!raw || !window.sandboxMd5) return;
  var store = raw.store;
  var ssr = raw.stores.store.data.ssrListData;
  var status = document.getElementById("search-status");
  var list = document.getElementById("goods-list");
  var page = store.pageNumber;
  var anti = "0as" + window.sandboxMd5(store.antiNonce + "|" + ssr.searchKey + "|" + page);
  var url = "proxy/api/search?" + [
    "pdduid=0", "source=search", "search_met=manual", "track_data=refer_page_id%2C10002",
    "list_id=" + encodeURIComponent(ssr.flip), "sort=default", "filter=", "q=" + encodeURIComponent(ssr.searchKey),
    "search_key=" + encodeURIComponent(ssr.searchKey), "page=" + page, "size=20", "flip=" + encodeURIComponent(ssr.flip),
    "anti_content=" + anti
  ].join("&") + (store.fault ? "&sw_fault=" + encodeURIComponent(store.fault) : "");

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
      list.innerHTML = "";
      for (var i = 0; i < res.items.length; i++) {
        var g = res.items[i].item_data.goods_model;
        var a = document.createElement("a");
        a.href = g.link_url;
        a.setAttribute("data-goods-id", String(g.goods_id));
        a.textContent = g.goods_name + " ¥" + (g.price / 100).toFixed(2);
        list.appendChild(a);
      }
      status.textContent = res.has_more ? "" : "没有更多了";
    })
    .catch(function (err) { status.textContent = "网络异常 (" + err.message + ")"; })
    .then(function () { document.body.setAttribute("data-loaded-page", String(page)); });
})();

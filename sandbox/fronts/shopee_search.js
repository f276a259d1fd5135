/* Sandbox Shopee search page: calls api/v4/search/search_items with the af-ac-enc-dat anti-bot
 * header = md5(path?query + "|" + csrftoken cookie), then renders item_basic cards. */
(function () {
  "use strict";

  var cfg = window.__SEARCH_CONFIG__;
  if (!cfg || !window.sandboxMd5) return;
  var list = document.getElementById("result-items");
  var status = document.getElementById("search-status");
  var pathQuery = cfg.apiPath + "?" + [
    "by=relevancy", "keyword=" + encodeURIComponent(cfg.keyword), "limit=" + cfg.limit,
    "newest=" + (cfg.page - 1) * cfg.limit, "order=desc", "page_type=search",
    "scenario=PAGE_GLOBAL_SEARCH", "version=2"
  ].join("&") + (cfg.fault ? "&sw_fault=" + encodeURIComponent(cfg.fault) : "");
  var csrf = window.sandboxCookie("csrftoken");

  fetch(pathQuery, {
    credentials: "same-origin",
    headers: {
      "x-api-source": "pc", "x-shopee-language": "id", "x-requested-with": "XMLHttpRequest",
      "x-csrftoken": csrf, "af-ac-enc-dat": window.sandboxMd5(pathQuery + "|" + csrf)
    }
  }).then(function (resp) {
    if (!resp.ok) throw new Error("HTTP " + resp.status);
    return resp.json();
  }).then(function (res) {
    if (res.error) {
      status.textContent = "error " + res.error;
      return;
    }
    for (var i = 0; i < res.items.length; i++) {
      var b = res.items[i].item_basic;
      var a = document.createElement("a");
      a.href = "product/" + b.shopid + "/" + b.itemid;
      a.setAttribute("data-sqe", "link");
      a.textContent = b.name + " Rp" + (b.price / 100000).toLocaleString("id-ID") + " " + b.shop_location;
      list.appendChild(a);
    }
    status.textContent = res.nomore ? "Tidak ada hasil lagi" : "";
  }).catch(function (err) {
    status.textContent = "Network error (" + err.message + ")";
  }).then(function () { document.body.setAttribute("data-loaded-page", String(cfg.page)); });
})();

/* Sandbox douyin goods search page: signs its /aweme/v1/web/search/goods/ call with a_bogus =
 * md5(query + "|" + msToken cookie), then renders the products or the verify captcha. */
(function () {
  "use strict";

  var cfg = window.__SEARCH_CONFIG__;
  if (!cfg || !window.sandboxMd5) return;
  var list = document.getElementById("search-result-list");
  var status = document.getElementById("search-status");
  var msToken = window.sandboxCookie("msToken");
  var query = [
    "device_platform=webapp", "aid=6383", "channel=channel_pc_web", "search_channel=aweme_goods_web",
    "keyword=" + encodeURIComponent(cfg.keyword), "search_source=normal_search", "query_correct_type=1",
    "is_filter_search=0", "offset=" + (cfg.page - 1) * cfg.count, "count=" + cfg.count,
    "msToken=" + encodeURIComponent(msToken)
  ].join("&") + (cfg.fault ? "&sw_fault=" + encodeURIComponent(cfg.fault) : "");
  var url = cfg.apiUrl + "?" + query + "&a_bogus=" + window.sandboxMd5(query + "|" + msToken);

  fetch(url, { credentials: "same-origin" })
    .then(function (resp) {
      if (!resp.ok) throw new Error("HTTP " + resp.status);
      return resp.json();
    })
    .then(function (res) {
      if (res.status_code !== 0) {
        var nil = res.search_nil_info && res.search_nil_info.search_nil_type;
        if (nil === "verify_check") {
          var captcha = document.createElement("div");
          captcha.id = "captcha_container";
          captcha.textContent = "verify_check: 请完成下列验证后继续";
          document.body.appendChild(captcha);
        }
        status.textContent = res.status_msg || String(res.status_code);
        return;
      }
      for (var i = 0; i < res.data.length; i++) {
        var p = res.data[i];
        var a = document.createElement("a");
        a.href = p.detail_url;
        a.setAttribute("data-product-id", p.product_id);
        a.textContent = p.title + " ¥" + (p.price / 100).toFixed(2) + " " + p.shop_name;
        list.appendChild(a);
      }
      status.textContent = res.has_more ? "" : "暂时没有更多了";
    })
    .catch(function (err) { status.textContent = "网络异常 (" + err.message + ")"; })
    .then(function () { document.body.setAttribute("data-loaded-page", String(cfg.page)); });
})();

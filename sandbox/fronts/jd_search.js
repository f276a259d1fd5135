/* Sandbox search.jd.com app: fetches each results page from api.m.jd.com-style
 * functionId=pc_search_searchWare, signed with an h5st the page computes itself (token from
 * request_algo, then md5 over the sorted sign inputs; see sandbox/fronts/jd.py), and pages in
 * place with the .pn-next control. */
(function () {
  "use strict";

  var cfg = window.__JD_SEARCH__;
  if (!cfg || !window.sandboxMd5) return;
  var md5 = window.sandboxMd5;
  var list = document.getElementById("goods-container");
  var status = document.getElementById("search-status");
  var next = document.querySelector(".pn-next");
  var prev = document.querySelector(".pn-prev");
  var page = cfg.page > 0 ? cfg.page : 1;
  var pageCount = 0;
  var loading = false;
  var fp = md5(navigator.userAgent + "|" + Math.random()).slice(0, 16);
  var tokenPromise = null;

  function token() {
    if (!tokenPromise) {
      tokenPromise = fetch(cfg.algoUrl, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "fp=" + encodeURIComponent(fp) + "&appId=" + cfg.h5stAppId
      }).then(function (r) { return r.json(); }).then(function (res) { return res.data.result.tk; });
    }
    return tokenPromise;
  }

  function stamp(d) {
    function p(n, w) { n = String(n); while (n.length < (w || 2)) n = "0" + n; return n; }
    return d.getFullYear() + p(d.getMonth() + 1) + p(d.getDate()) + p(d.getHours()) + p(d.getMinutes()) +
      p(d.getSeconds()) + p(d.getMilliseconds(), 3);
  }

  function h5st(tk, t, body) {
    var bodyHash = md5(body);
    var params = { appid: cfg.appid, body: bodyHash, client: "pc", clientVersion: "1.0.0",
      functionId: cfg.functionId, t: t };
    var joined = Object.keys(params).sort().map(function (k) { return k + ":" + params[k]; }).join("&");
    var signHash = md5(tk + joined + tk);
    return [stamp(new Date(Number(t))), fp, cfg.h5stAppId, tk, signHash, "5.3", t, "", bodyHash, ""].join(";");
  }

  var el = window.sandboxEl;

  function render(wares) {
    list.innerHTML = "";
    for (var i = 0; i < wares.length; i++) {
      var w = wares[i];
      var li = el("li", "gl-item");
      li.setAttribute("data-sku", String(w.wareId));
      var a = el("a", "p-name");
      a.href = "//item.jd.com/" + w.wareId + ".html";
      a.innerHTML = w.wareName; // the API's own markup: <font class="skcolor_ljg"> highlights
      li.appendChild(a);
      li.appendChild(el("span", "p-price", "￥" + w.jdPrice));
      li.appendChild(el("span", "p-shop", w.shopName || ""));
      list.appendChild(li);
    }
  }

  function load(n) {
    if (loading) return;
    loading = true;
    var body = JSON.stringify({ enc: "utf-8", pvid: fp, area: "1_72_55653_0", page: 2 * n - 1,
      new_interval: true, s: (n - 1) * 30 + 1 });
    token().then(function (tk) {
      var t = String(Date.now());
      var url = cfg.apiUrl + "?appid=" + cfg.appid + "&functionId=" + cfg.functionId + "&client=pc" +
        "&clientVersion=1.0.0&t=" + t + "&cthr=1&loginType=3&keyword=" + encodeURIComponent(cfg.keyword) +
        "&body=" + encodeURIComponent(body) + "&h5st=" + encodeURIComponent(h5st(tk, t, body));
      return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } });
    }).then(function (resp) {
      if (!resp.ok) throw new Error("HTTP " + resp.status);
      return resp.json();
    }).then(function (res) {
      if (String(res.code) !== "0") {
        status.textContent = res.message || ("code " + res.code);
        status.setAttribute("data-code", String(res.code));
        next.className = "pn-next disabled";
        return;
      }
      page = n;
      pageCount = res.data.pageCount || 0;
      render(res.data.wareList || []);
      status.textContent = res.data.wareList.length ? "共" + res.data.resultCount + "件商品" : "没有找到相关商品";
      document.getElementById("page-curr").textContent = String(page);
      document.getElementById("page-count").textContent = String(pageCount);
      next.className = page < pageCount ? "pn-next" : "pn-next disabled";
      prev.className = page > 1 ? "pn-prev" : "pn-prev disabled";
      history.pushState(null, "", "Search?keyword=" + encodeURIComponent(cfg.keyword) + "&enc=utf-8&page=" + (2 * page - 1));
    }).catch(function (err) {
      status.textContent = "网络异常 (" + err.message + ")";
    }).then(function () {
      loading = false;
      document.body.setAttribute("data-loaded-page", String(n));
    });
  }

  next.addEventListener("click", function (ev) {
    ev.preventDefault();
    if (next.className.indexOf("disabled") < 0) load(page + 1);
  });
  prev.addEventListener("click", function (ev) {
    ev.preventDefault();
    if (prev.className.indexOf("disabled") < 0) load(page - 1);
  });
  load(page);
})();

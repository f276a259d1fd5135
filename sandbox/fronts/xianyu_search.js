/* Sandbox goofish search page: signs mtop calls like h5api.m.goofish.com's mtop.js does,
 * sign = md5(token + "&" + t + "&" + appKey + "&" + data), token = _m_h5_tk before "_". */
(function () {
  "use strict";

  // Compact MD5 (RFC 1321) over the UTF-8 bytes of a string; written for this page because it
  // must run inline without a bundler. Round constants are floor(|sin(i+1)| * 2^32) (RFC 1321 3.4).
  var S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
  var K = [];
  for (var k = 0; k < 64; k++) K[k] = Math.floor(Math.abs(Math.sin(k + 1)) * 4294967296) | 0;

  function md5(text) {
    var s = unescape(encodeURIComponent(text));
    var n = s.length, i, j;
    var total = (((n + 8) >> 6) + 1) * 16;
    var w = new Array(total);
    for (i = 0; i < total; i++) w[i] = 0;
    for (i = 0; i < n; i++) w[i >> 2] |= s.charCodeAt(i) << ((i % 4) * 8);
    w[n >> 2] |= 0x80 << ((n % 4) * 8);
    w[total - 2] = n * 8;
    var h = [0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476];
    for (var blk = 0; blk < total; blk += 16) {
      var a = h[0], b = h[1], c = h[2], d = h[3];
      for (i = 0; i < 64; i++) {
        var r = i >> 4, f, g;
        if (r === 0) { f = (b & c) | (~b & d); g = i; }
        else if (r === 1) { f = (d & b) | (~d & c); g = (5 * i + 1) % 16; }
        else if (r === 2) { f = b ^ c ^ d; g = (3 * i + 5) % 16; }
        else { f = c ^ (b | ~d); g = (7 * i) % 16; }
        var x = (a + f + K[i] + w[blk + g]) | 0;
        var sh = S[(r << 2) | (i & 3)];
        a = d; d = c; c = b;
        b = (b + ((x << sh) | (x >>> (32 - sh)))) | 0;
      }
      h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
    }
    var out = "";
    for (i = 0; i < 4; i++) for (j = 0; j < 4; j++) out += ("0" + ((h[i] >>> (j * 8)) & 255).toString(16)).slice(-2);
    return out;
  }
  window.sandboxMd5 = md5;

  var cfg = window.__SEARCH_CONFIG__;
  if (!cfg) return;
  var state = { page: cfg.page, hasNext: false, busy: false };
  var list = document.getElementById("feeds-list");
  var status = document.getElementById("search-status");
  var nextBtn = document.getElementById("next-page");
  var prevBtn = document.getElementById("prev-page");
  var pageBox = document.getElementById("page-box");

  function cookie(name) {
    var parts = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf("=");
      if (parts[i].slice(0, eq) === name) return decodeURIComponent(parts[i].slice(eq + 1));
    }
    return "";
  }

  function call(data, retried) {
    var body = JSON.stringify(data);
    var t = String(Date.now());
    var token = cookie("_m_h5_tk").split("_")[0];
    var sign = md5(token + "&" + t + "&" + cfg.appKey + "&" + body);
    var qs = "jsv=2.7.2&appKey=" + cfg.appKey + "&t=" + t + "&sign=" + sign + "&v=1.0&type=originaljson" +
      "&accountSite=xianyu&dataType=json&timeout=20000&api=" + cfg.api +
      "&sessionOption=AutoLoginOnly&spm_cnt=a21ybx.search.0.0" +
      (cfg.fault ? "&sw_fault=" + encodeURIComponent(cfg.fault) : "");
    return fetch(cfg.apiUrl + "?" + qs, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "data=" + encodeURIComponent(body)
    }).then(function (resp) {
      if (!resp.ok) throw new Error("HTTP " + resp.status);
      return resp.json();
    }).then(function (res) {
      var ret = (res.ret && res.ret[0]) || "";
      // The first call has no token: mtop answers TOKEN_EXOIRED and sets _m_h5_tk; retry once.
      if (ret.indexOf("FAIL_SYS_TOKEN_EXOIRED") === 0 && !retried) return call(data, true);
      return res;
    });
  }

  function text(tag, cls, value) {
    var el = document.createElement(tag);
    el.className = cls;
    el.textContent = value;
    return el;
  }

  function card(entry) {
    var main = entry.data.item.main, ex = main.exContent, args = main.clickParam.args;
    var a = document.createElement("a");
    a.className = "feeds-item-wrap";
    a.href = "item?id=" + encodeURIComponent(ex.itemId);
    a.setAttribute("data-item-id", ex.itemId);
    var content = document.createElement("div");
    content.className = "feeds-content";
    content.appendChild(text("div", "main-title", ex.title));
    var price = document.createElement("div");
    price.className = "price-wrap";
    price.appendChild(text("span", "sign", "¥"));
    price.appendChild(text("span", "number", args.price));
    content.appendChild(price);
    var seller = document.createElement("div");
    seller.className = "seller-info";
    seller.appendChild(text("span", "seller-text", ex.userNickName));
    seller.appendChild(text("span", "seller-area", ex.area));
    content.appendChild(seller);
    a.appendChild(content);
    return a;
  }

  function render(res, page) {
    var ret = (res.ret && res.ret[0]) || "";
    list.innerHTML = "";
    if (ret.indexOf("SUCCESS") !== 0) {
      var blocked = text("div", "search-blocked", ret);
      blocked.setAttribute("data-ret", ret);
      if (res.data && res.data.url) blocked.setAttribute("data-url", res.data.url);
      list.appendChild(blocked);
      status.textContent = "请求失败: " + ret;
      state.hasNext = false;
    } else {
      var items = res.data.resultList || [];
      for (var i = 0; i < items.length; i++) list.appendChild(card(items[i]));
      state.hasNext = !!res.data.resultInfo.hasNextPage;
      status.textContent = items.length ? "共找到 " + res.data.resultInfo.searchResControlFields.numFound + " 件宝贝" : "没有找到相关宝贝";
      if (!items.length) list.appendChild(text("div", "search-empty", "没有找到相关宝贝"));
    }
    state.page = page;
    pageBox.textContent = String(page);
    nextBtn.disabled = !state.hasNext;
    prevBtn.disabled = page <= 1;
    document.body.setAttribute("data-loaded-page", String(page));
  }

  function load(page) {
    if (state.busy) return;
    state.busy = true;
    document.body.removeAttribute("data-loaded-page");
    status.textContent = "加载中...";
    call({
      pageNumber: page, keyword: cfg.keyword, fromFilter: false, rowsPerPage: cfg.rowsPerPage,
      sortValue: "", sortField: "", customDistance: "", gps: "", propValueStr: {}, customGps: "",
      searchReqFromPage: "pcSearch", extraFilterValue: "{}", userPositionJson: "{}"
    }, false).then(function (res) {
      render(res, page);
      if (history.replaceState) {
        history.replaceState(null, "", "search?q=" + encodeURIComponent(cfg.keyword) + "&page=" + page);
      }
    }).catch(function (err) {
      list.innerHTML = "";
      var failed = text("div", "search-error", "网络异常，请稍后重试 (" + err.message + ")");
      list.appendChild(failed);
      status.textContent = "网络异常";
      document.body.setAttribute("data-loaded-page", String(page));
    }).then(function () { state.busy = false; });
  }

  nextBtn.addEventListener("click", function () { if (state.hasNext) load(state.page + 1); });
  prevBtn.addEventListener("click", function () { if (state.page > 1) load(state.page - 1); });
  load(state.page);
})();

/* Sandbox goofish search page: calls mtop.taobao.idlemtopsearch.pc.search through the shared
 * signing client of mtop.js (window.sandboxMtop), as goofish.com's page does. */
(function () {
  "use strict";

  var cfg = window.__SEARCH_CONFIG__;
  if (!cfg) return;
  var state = { page: cfg.page, hasNext: false, busy: false };
  var list = document.getElementById("feeds-list");
  var status = document.getElementById("search-status");
  var nextBtn = document.getElementById("next-page");
  var prevBtn = document.getElementById("prev-page");
  var pageBox = document.getElementById("page-box");

  function call(data) {
    return window.sandboxMtop.request({
      apiUrl: cfg.apiUrl, api: cfg.api, v: "1.0", appKey: cfg.appKey, data: data, fault: cfg.fault,
      extra: "&accountSite=xianyu&timeout=20000&sessionOption=AutoLoginOnly&spm_cnt=a21ybx.search.0.0"
    });
  }

  var text = window.sandboxEl;

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
    }).then(function (res) {
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

  // goofish's p_layout.js asks mtop.taobao.idlemtopsearch.pc.search.shade for the search box's
  // shading words on every page, before the results: a look-alike of the search API's name.
  function shade() {
    return window.sandboxMtop.request({
      apiUrl: cfg.shadeUrl, api: cfg.shadeApi, v: "1.0", appKey: cfg.appKey,
      data: { searchReqFromPage: "xyPchome" }
    }).catch(function () { return null; });
  }

  nextBtn.addEventListener("click", function () { if (state.hasNext) load(state.page + 1); });
  prevBtn.addEventListener("click", function () { if (state.page > 1) load(state.page - 1); });
  shade().then(function () { load(state.page); });
})();

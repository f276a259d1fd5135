/* Sandbox s.taobao.com search page: asks mtop.relationrecommend.wirelessrecommend.recommend
 * for one results page by JSONP through the shared signing client (window.sandboxMtop). */
(function () {
  "use strict";

  var cfg = window.__SEARCH_CONFIG__;
  if (!cfg) return;
  var list = document.getElementById("content_items_wrapper");
  var status = document.getElementById("search-status");
  var nextBtn = document.getElementById("next-page");
  var prevBtn = document.getElementById("prev-page");

  var el = window.sandboxEl;

  function card(item) {
    var a = el("a", "doubleCardWrapper");
    a.href = item.auctionURL;
    a.setAttribute("data-item-id", item.item_id);
    var title = el("div", "title");
    title.innerHTML = item.title; // the API's own markup: <span class=H> highlights
    a.appendChild(title);
    a.appendChild(el("span", "priceInt", item.price));
    a.appendChild(el("span", "realSales", item.realSales));
    a.appendChild(el("a", "shopNameText", item.shopInfo.title));
    a.appendChild(el("div", "procity", item.procity));
    return a;
  }

  function go(page) {
    location.href = "search?q=" + encodeURIComponent(cfg.keyword) + "&page=" + page +
      (cfg.tab === "mall" ? "&tab=mall" : "");
  }

  var params = {
    device: "HMA-AL00", isBeta: "false", grayHair: "false", from: "nt_history", brand: "HUAWEI",
    info: "wifi", index: "4", rainbow: "", schemaType: "auction", elderHome: "false", isEnterSrpSearch: "true",
    newSearch: "false", network: "wifi", subtype: "", hasPreposeFilter: "false", prepositionVersion: "v2",
    client_os: "Android", gpsEnabled: "false", searchDoorFrom: "srp", debug_rerankNewOpenCard: "false",
    homePageVersion: "v7", searchElderHomeOpen: "false", search_action: "initiative", sugg: "_4_1",
    sversion: "13.6", style: "list", ttid: "600000@taobao_pc_10.7.0", needTabs: "true", areaCode: "CN",
    vm: "nw", countryNum: "156", m: "pc", page: cfg.page, n: cfg.pageSize, q: cfg.keyword,
    tab: cfg.tab, pageSize: String(cfg.pageSize), totalPage: "100", totalResults: "4800",
    sourceS: "0", sort: "_coefp", bcoffset: "", ntoffset: "", filterTag: "", service: "", prop: ""
  };

  // s.taobao.com also asks the same API path for its "guess you like" feed (appId 30986) on
  // every page, before the results: a look-alike answer a crawler must not take for them.
  function feed() {
    return window.sandboxMtop.request({
      apiUrl: cfg.apiUrl, api: cfg.api, v: cfg.v, appKey: cfg.appKey, jsonp: true,
      data: { appId: cfg.feedAppId, params: JSON.stringify({
        pageNum: 0, pageSize: 25, frontAbId: "427503", isFirstPage: true, myCna: "" }) }
    }).catch(function () { return null; });
  }

  feed().then(function () {
    return window.sandboxMtop.request({
      apiUrl: cfg.apiUrl, api: cfg.api, v: cfg.v, appKey: cfg.appKey, jsonp: true, fault: cfg.fault,
      data: { appId: cfg.appId, params: JSON.stringify(params) }
    });
  }).then(function (res) {
    var ret = (res.ret && res.ret[0]) || "";
    list.innerHTML = "";
    if (ret.indexOf("SUCCESS") !== 0) {
      var blocked = el("div", "search-blocked", ret);
      if (res.data && res.data.url) blocked.setAttribute("data-url", res.data.url);
      list.appendChild(blocked);
      status.textContent = "请求失败: " + ret;
    } else {
      var items = res.data.itemsArray || [];
      for (var i = 0; i < items.length; i++) list.appendChild(card(items[i]));
      var info = res.data.mainInfo;
      status.textContent = items.length ? "共 " + info.totalResults + " 件宝贝" : "没有找到相关的宝贝";
      nextBtn.disabled = !(info.page < info.totalPage);
      prevBtn.disabled = info.page <= 1;
      document.getElementById("page-box").textContent = info.page + "/" + info.totalPage;
    }
    document.body.setAttribute("data-loaded-page", String(cfg.page));
  }).catch(function (err) {
    status.textContent = "网络异常 (" + err.message + ")";
    document.body.setAttribute("data-loaded-page", String(cfg.page));
  });

  nextBtn.addEventListener("click", function () { go(cfg.page + 1); });
  prevBtn.addEventListener("click", function () { go(cfg.page - 1); });
})();

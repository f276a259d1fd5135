/* Sandbox mtop client, shared by the taobao, tmall and xianyu search pages (every front's page
 * loads it, also for its md5 and element helper): signs calls like
 * Alibaba's mtop.js, sign = md5(token + "&" + t + "&" + appKey + "&" + data), where token is the
 * _m_h5_tk cookie before "_", and retries once after the gateway's token handshake. */
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
  function cookie(name) {
    var parts = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf("=");
      if (parts[i].slice(0, eq) === name) return decodeURIComponent(parts[i].slice(eq + 1));
    }
    return "";
  }

  var jsonpSerial = 0;

  // JSONP as s.taobao.com calls mtop: a script element and a global callback mtopjsonpN.
  function jsonp(url) {
    return new Promise(function (resolve, reject) {
      var name = "mtopjsonp" + (++jsonpSerial);
      var script = document.createElement("script");
      window[name] = function (res) { delete window[name]; script.remove(); resolve(res); };
      script.onerror = function () { delete window[name]; script.remove(); reject(new Error("mtop script failed")); };
      script.src = url + "&callback=" + name;
      document.head.appendChild(script);
    });
  }

  /* opts: apiUrl, api, v, appKey, data (object), jsonp (bool), extra (query string), fault. */
  function request(opts, retried) {
    var body = JSON.stringify(opts.data);
    var t = String(Date.now());
    var token = cookie("_m_h5_tk").split("_")[0];
    var sign = md5(token + "&" + t + "&" + opts.appKey + "&" + body);
    var qs = "jsv=2.7.2&appKey=" + opts.appKey + "&t=" + t + "&sign=" + sign + "&api=" + opts.api +
      "&v=" + opts.v + (opts.extra || "") + (opts.fault ? "&sw_fault=" + encodeURIComponent(opts.fault) : "");
    var sent;
    if (opts.jsonp) {
      sent = jsonp(opts.apiUrl + "?" + qs + "&type=jsonp&dataType=jsonp&data=" + encodeURIComponent(body));
    } else {
      sent = fetch(opts.apiUrl + "?" + qs + "&type=originaljson&dataType=json", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "data=" + encodeURIComponent(body)
      }).then(function (resp) {
        if (!resp.ok) throw new Error("HTTP " + resp.status);
        return resp.json();
      });
    }
    return sent.then(function (res) {
      var ret = (res.ret && res.ret[0]) || "";
      // The first call has no token: mtop answers TOKEN_EXOIRED and sets _m_h5_tk; retry once.
      if (ret.indexOf("FAIL_SYS_TOKEN_EXOIRED") === 0 && !retried) return request(opts, true);
      return res;
    });
  }

  // One element of a results card (every front's search page builds its cards with it).
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  window.sandboxMd5 = md5;
  window.sandboxEl = el;
  window.sandboxCookie = cookie;
  window.sandboxMtop = { request: function (opts) { return request(opts, false); } };
})();

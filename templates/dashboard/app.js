/* The offline dashboard: map, search "where did my commune go", unit pages (#CODE), province view.
   Data come from data/*.js (window.TRANSITION_DATA, _SEARCH, _SHAPES); nothing is fetched. */
(function () {
  "use strict";
  var timings = { scripts_parsed_ms: Math.round(performance.now()) };
  function mark(name) { timings[name] = Math.round(performance.now()); }
  var D = window.TRANSITION_DATA, ENTRIES = window.TRANSITION_SEARCH, TOPO = window.TRANSITION_SHAPES;
  var T = {
    vi: {
      title: "Sắp xếp đơn vị hành chính", other: "English", placeholder: "Tìm xã, phường cũ hoặc mới (có dấu hay không dấu) hoặc mã…",
      old: "cũ", new: "mới", whole: "toàn bộ", part: "một phần", area: "diện tích", pop: "dân số", estimated: "ước tính",
      wentTo: "chuyển thành", madeFrom: "hình thành từ", dividedInto: "bị chia về {n} đơn vị mới", basis: "Căn cứ",
      clause: "", cluster: "Cụm phối hợp bàn giao", noHits: "Không tìm thấy “{q}”.", hits: "{n} kết quả",
      province: "Toàn tỉnh", newUnits: "Đơn vị mới", oldUnits: "Đơn vị cũ", divided: "Đơn vị cũ bị chia",
      clusters: "Cụm phối hợp", code: "Mã", type: "Loại", district: "Huyện cũ", share: "Tỷ lệ",
      figures: "Số liệu", areaKm2: "Diện tích (km²)", population: "Dân số (người)", criteria: "Tiêu chuẩn (NQ 76/2025)",
      predecessors: "Đơn vị cũ hợp thành", received: "Tiếp nhận (theo sổ cân đối)", staff: "Cán bộ, công chức",
      assets: "Tài sản", dossiers: "Hồ sơ thủ tục hành chính", records: "Hồ sơ, tài liệu lưu trữ", count: "Số lượng",
      value: "Giá trị (đồng)", hq: "Trụ sở", hqName: "Trụ sở chính đề xuất", capacity: "Sức chứa (người)",
      shortfall: "Thiếu chỗ", distance: "Khoảng cách (km)", othersHq: "Trụ sở khác", handover: "Biên bản bàn giao",
      signed: "đã ký", unsigned: "chưa ký", readiness: "Sẵn sàng vận hành", status: "Trạng thái", score: "Điểm",
      blockers: "Vướng mắc", overdue: "Quá hạn", trend: "Diễn biến", go: "ĐỦ ĐIỀU KIỆN vận hành", nogo: "CHƯA đủ điều kiện vận hành",
      reasons: "Lý do", attention: "Đơn vị cần chú ý", none: "Không có", island: "đảo",
      absentLedger: "Chưa có kết quả phân bổ (chạy transition assign).", absentCriteria: "Chưa có kết quả kiểm tra (chạy transition check).",
      absentHandover: "Chưa có sổ theo dõi biên bản bàn giao (documents/handover_register.xlsx).",
      absentReadiness: "Chưa có kết quả sẵn sàng (results/readiness/readiness.json; chạy transition readiness).",
      reform: "Cải cách hành chính", parIndex: "Chỉ số CCHC", tier: "Xếp loại", rank: "Xếp hạng", lostMost: "Mất điểm nhiều nhất",
      serviceIndex: "Chỉ số phục vụ (QĐ 766/QĐ-TTg)", notOfficial: "tính lại theo công thức công khai, không phải số liệu chính thức",
      missingInput: "thiếu số liệu", absentReform: "Chưa có kết quả cải cách hành chính (results/reform/; chạy transition par, transition service-index).",
      transparency: "Công khai, minh bạch", progress: "Tiến độ giải quyết", online: "Dịch vụ trực tuyến", satisfaction: "Mức độ hài lòng", digitisation: "Số hóa hồ sơ",
      noMinutes: "Chưa có biên bản nào cho đơn vị này.", approx: "ranh giới gần đúng", oldLayer: "Ranh giới đơn vị cũ",
      fillType: "Tô màu theo loại", fillStatus: "Tô màu theo mức sẵn sàng", islands: "Đơn vị có đảo",
      criteria_fail: "không đạt tiêu chuẩn", readiness_red: "mức sẵn sàng: đỏ", not_reported: "chưa báo cáo", unsignedR: "biên bản chưa ký",
      pass: "đạt", fail: "không đạt", exempt: "miễn", unknown: "chưa rõ", "no criteria": "không có tiêu chuẩn",
      green: "xanh", amber: "vàng", red: "đỏ", completeness: "Đủ báo cáo", onTime: "Đúng hạn", date: "Ngày",
      minutes: "Biên bản", signedOf: "{a}/{b} biên bản đã ký", unknownUnit: "Không có đơn vị mã {c}.",
      seeUnit: "Xem trang đơn vị", oldDistrict: "huyện cũ",
      districtGone: "Cấp huyện kết thúc hoạt động từ 01/7/2025; {n} xã, phường, thị trấn cũ của huyện nay thuộc {m} đơn vị mới:",
      oldCommunes: "{n} đơn vị cũ", yes: "có", no: "không", generatedNote: "Số liệu cán bộ, tài sản là dữ liệu mẫu khi sổ đăng ký được sinh tự động."
    },
    en: {
      title: "Administrative unit arrangement", other: "Tiếng Việt", placeholder: "Find an old or new commune or ward (with or without diacritics) or a code…",
      old: "old", new: "new", whole: "whole", part: "part", area: "area", pop: "population", estimated: "estimated",
      wentTo: "went to", madeFrom: "made from", dividedInto: "divided among {n} new units", basis: "Basis",
      clause: "", cluster: "Handover coordination cluster", noHits: "Nothing found for “{q}”.", hits: "{n} results",
      province: "Province", newUnits: "New units", oldUnits: "Old units", divided: "Divided old units",
      clusters: "Coordination clusters", code: "Code", type: "Type", district: "Old district", share: "Share",
      figures: "Figures", areaKm2: "Area (km²)", population: "Population", criteria: "Standards (Res. 76/2025)",
      predecessors: "Old units it was made from", received: "Received (from the ledger)", staff: "Staff",
      assets: "Assets", dossiers: "Administrative dossiers", records: "Archival records", count: "Count",
      value: "Value (VND)", hq: "Headquarters", hqName: "Proposed main seat", capacity: "Capacity (people)",
      shortfall: "Shortfall", distance: "Distance (km)", othersHq: "Other buildings", handover: "Handover minutes",
      signed: "signed", unsigned: "not signed", readiness: "Readiness", status: "Status", score: "Score",
      blockers: "Blockers", overdue: "Overdue", trend: "Trend", go: "GO for cutover", nogo: "NO-GO for cutover",
      reasons: "Reasons", attention: "Units needing attention", none: "None", island: "island",
      absentLedger: "No reassignment results yet (run transition assign).", absentCriteria: "No check results yet (run transition check).",
      absentHandover: "No handover register yet (documents/handover_register.xlsx).",
      absentReadiness: "No readiness results yet (results/readiness/readiness.json; run transition readiness).",
      reform: "Administrative reform", parIndex: "PAR index", tier: "Tier", rank: "Rank", lostMost: "Most points lost",
      serviceIndex: "Service index (Decision 766/QĐ-TTg)", notOfficial: "recomputed with the public formulas, not official figures",
      missingInput: "input missing", absentReform: "No reform results yet (results/reform/; run transition par, transition service-index).",
      transparency: "Transparency", progress: "Processing progress", online: "Online services", satisfaction: "Satisfaction", digitisation: "Digitisation",
      noMinutes: "No minutes for this unit yet.", approx: "approximate boundary", oldLayer: "Old unit boundaries",
      fillType: "Fill by unit type", fillStatus: "Fill by readiness", islands: "Units with islands",
      criteria_fail: "standards not met", readiness_red: "readiness red", not_reported: "not reported", unsignedR: "minutes unsigned",
      pass: "pass", fail: "fail", exempt: "exempt", unknown: "unknown", "no criteria": "no criteria",
      green: "green", amber: "amber", red: "red", completeness: "Reports complete", onTime: "On time", date: "Date",
      minutes: "Minutes", signedOf: "{a}/{b} minutes signed", unknownUnit: "No unit has the code {c}.",
      seeUnit: "Open the unit page", oldDistrict: "old district",
      districtGone: "The district tier ended on 1 July 2025; its {n} old communes are now in {m} new units:",
      oldCommunes: "{n} old units", yes: "yes", no: "no", generatedNote: "Staff and asset figures are sample data when the registers were generated."
    }
  };
  var TYPE_EN = { "Phường": "Ward", "Xã": "Commune", "Đặc khu": "Special zone", "Thị trấn": "Township" };
  var lang = "vi";
  try { lang = localStorage.getItem("transition.lang") || "vi"; } catch (e) { /* file:// without storage */ }
  if (!T[lang]) lang = "vi";

  function t(key, args) {
    var s = (T[lang][key] !== undefined ? T[lang][key] : key);
    for (var k in (args || {})) s = s.split("{" + k + "}").join(args[k]);
    return s;
  }
  function esc(v) {
    return String(v === null || v === undefined ? "" : v).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  /* The same folding as transition.text.fold: NFD, drop combining marks, đ -> d, lower case,
     anything but a-z and 0-9 becomes a space. */
  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/[^0-9a-z]+/g, " ").trim();
  }
  function fmt(v, digits) {
    if (v === null || v === undefined) return "—";
    return new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: digits === undefined ? 2 : digits }).format(v);
  }
  function pct(v) { return v === null || v === undefined ? "" : fmt(v * 100, 1) + "%"; }
  function typeName(ty) { return lang === "en" && TYPE_EN[ty] ? TYPE_EN[ty] : ty; }
  function newLink(code) {
    var u = D["new"][code];
    return '<a href="#' + esc(code) + '">' + esc(u ? u.name : code) + "</a>";
  }
  function oldLink(code) {
    var u = D.old[code];
    return '<a href="#old-' + esc(code) + '">' + esc(u ? u.name : code) + "</a>";
  }
  function shareText(e) {
    var bits = [t(e.part === "whole" ? "whole" : "part")];
    if (e.part !== "whole" && e.area_share != null) bits.push(t("area") + " " + pct(e.area_share) + (e.area_estimated ? " (" + t("estimated") + ")" : ""));
    if (e.part !== "whole" && e.pop_share != null) bits.push(t("pop") + " " + pct(e.pop_share) + (e.pop_estimated ? " (" + t("estimated") + ")" : ""));
    return bits.join(", ");
  }
  function basisText(e) {
    var b = [e.document, e.clause].filter(Boolean).join(", ");
    return b ? esc(b) : "—";
  }

  /* ---- map ------------------------------------------------------------------------------- */
  var map = L.map("map", { preferCanvas: true, renderer: L.canvas({ padding: 0.3 }), zoomSnap: 0.25, attributionControl: false });
  var layers = { "new": null, old: null, highlight: L.layerGroup() };
  var shapesByCode = {}, oldGeoms = {}, partsByOld = {}, nOld = 0, nParts = 0;
  var fillBy = D.readiness ? "status" : "type";
  var colours = D.meta.colours;

  function unitFill(code) {
    if (fillBy === "status" && D.readiness) {
      var r = D.readiness.units[code];
      return colours.status[r ? r["class"] : "not_reported"] || "#999";
    }
    var u = D["new"][code];
    return colours.type[u && u.type] || colours.type.other;
  }
  function newStyle(f) {
    var u = D["new"][f.properties.code] || {};
    return { renderer: map.options.renderer, color: u.island ? "#1f5fa8" : "#555", weight: u.island ? 2 : 0.8, fillColor: unitFill(f.properties.code), fillOpacity: 0.75 };
  }
  /* Old units and parts stay TopoJSON until they are shown: a national map has 10,040 old units. */
  var OLD = null, oldWaiting = [];
  function feature(geom) { return topojson.feature(OLD, geom); }
  /* data/shapes_old.js is read after the page is ready, by a script element (file:// allows it). */
  function withOld(then) {
    if (OLD) { then(); return; }
    oldWaiting.push(then);
    if (oldWaiting.length > 1 || !TOPO) return;
    var el = document.createElement("script");
    el.src = "data/shapes_old.js";
    el.onload = function () {
      OLD = window.TRANSITION_SHAPES_OLD;
      (OLD.objects.old ? OLD.objects.old.geometries : []).forEach(function (g) { oldGeoms[g.properties.code] = g; nOld++; });
      (OLD.objects.parts ? OLD.objects.parts.geometries : []).forEach(function (g) { (partsByOld[g.properties.old] = partsByOld[g.properties.old] || []).push(g); nParts++; });
      oldWaiting.splice(0).forEach(function (f) { f(); });
    };
    document.body.appendChild(el);
  }
  function oldLayer() {
    if (!layers.old && OLD && OLD.objects.old) {
      layers.old = L.geoJSON(topojson.feature(OLD, OLD.objects.old), { style: { renderer: map.options.renderer, color: "#333", weight: 1, dashArray: "4 3", fill: false, interactive: false } });
    }
    return layers.old;
  }
  function buildMap() {
    if (!TOPO || !TOPO.objects) { map.setView([16, 106], 5); return; }
    layers["new"] = L.geoJSON(topojson.feature(TOPO, TOPO.objects["new"]), {
      style: newStyle,
      onEachFeature: function (f, layer) {
        shapesByCode[f.properties.code] = layer;
      }
    });
    /* One tooltip for the layer rather than one per unit (3,321 of them nationally). */
    var tip = L.tooltip({ sticky: true });
    layers["new"].on("mousemove", function (ev) {
      var u = D["new"][ev.layer.feature.properties.code] || {};
      tip.setLatLng(ev.latlng).setContent(esc(u.name) + (u.island ? " (" + esc(t("island")) + ")" : ""));
      if (!map.hasLayer(tip)) tip.addTo(map);
    });
    layers["new"].on("mouseout", function () { map.removeLayer(tip); });
    layers["new"].on("click", function (ev) { location.hash = "#" + ev.layer.feature.properties.code; });
    var b = layers["new"].getBounds();
    homeBounds = b.isValid() ? b : null;
    home();  /* the view first, then the layers: Leaflet projects them once, for this view */
    layers["new"].addTo(map);
    layers.highlight.addTo(map);
  }
  var homeBounds = null, atHome = false;
  function home() {
    if (layers.highlight.getLayers().length) layers.highlight.clearLayers();
    if (atHome) return;
    if (homeBounds) map.fitBounds(homeBounds, { animate: false }); else map.setView([16, 106], 5);
    atHome = true;
    map.once("movestart", function () { atHome = false; });
  }
  var legend = L.control({ position: "bottomleft" });
  legend.onAdd = function () { this._div = L.DomUtil.create("div", "legend"); L.DomEvent.disableClickPropagation(this._div); return this._div; };
  legend.addTo(map);
  function drawLegend() {
    var h = "";
    if (fillBy === "status") {
      ["green", "amber", "red", "not_reported"].forEach(function (k) { h += "<div><i style='background:" + colours.status[k] + "'></i>" + esc(t(k)) + "</div>"; });
    } else {
      var seen = {};
      Object.keys(D["new"]).forEach(function (c) { seen[D["new"][c].type] = 1; });
      Object.keys(seen).sort().forEach(function (ty) { h += "<div><i style='background:" + (colours.type[ty] || colours.type.other) + "'></i>" + esc(typeName(ty)) + "</div>"; });
    }
    h += "<div><i style='background:transparent;border:2px solid #1f5fa8'></i>" + esc(t("islands")) + "</div>";
    if (D.readiness) {
      h += "<label><input type='radio' name='fill' value='type'" + (fillBy === "type" ? " checked" : "") + "> " + esc(t("fillType")) + "</label>";
      h += "<label><input type='radio' name='fill' value='status'" + (fillBy === "status" ? " checked" : "") + "> " + esc(t("fillStatus")) + "</label>";
    }
    var approx = D.meta.geometry.old === "approximate" ? " (" + t("approx") + ")" : "";
    h += "<label><input type='checkbox' id='show-old'" + (layers.old && map.hasLayer(layers.old) ? " checked" : "") + "> " + esc(t("oldLayer") + approx) + "</label>";
    legend._div.innerHTML = h;
    var box = document.getElementById("show-old");
    box.onchange = function () {
      withOld(function () { var l = oldLayer(); if (!l) return; if (box.checked) l.addTo(map); else map.removeLayer(l); });
    };
    Array.prototype.forEach.call(legend._div.querySelectorAll("input[name=fill]"), function (el) {
      el.onchange = function () { fillBy = el.value; if (layers["new"]) layers["new"].setStyle(newStyle); drawLegend(); };
    });
  }
  var PART_COLOURS = ["#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf"];
  function highlight(newCodes, oldCodes) {
    if ((oldCodes || []).length && !OLD && TOPO) { withOld(function () { highlight(newCodes, oldCodes); }); }
    layers.highlight.clearLayers();
    var bounds = L.latLngBounds([]);
    (oldCodes || []).forEach(function (oc) {
      var parts = partsByOld[oc] || [];
      parts.forEach(function (g, i) {
        var f = feature(g);
        var e = (D.old[oc].to || []).filter(function (x) { return x["new"] === f.properties["new"]; })[0];
        var lyr = L.geoJSON(f, { style: { renderer: map.options.renderer, color: PART_COLOURS[i % PART_COLOURS.length], weight: 2, fillOpacity: 0.45, fillColor: PART_COLOURS[i % PART_COLOURS.length] } });
        lyr.bindTooltip(esc(D.old[oc].name) + " → " + esc((D["new"][f.properties["new"]] || {}).name) + (e ? " · " + esc(shareText(e)) : ""), { sticky: true });
        lyr.on("click", function () { location.hash = "#" + f.properties["new"]; });
        layers.highlight.addLayer(lyr);
        bounds.extend(lyr.getBounds());
      });
      var o = oldGeoms[oc];
      if (o) {
        var ol = L.geoJSON(feature(o), { style: { renderer: map.options.renderer, color: "#000", weight: 2.5, dashArray: "6 4", fill: false } });
        ol.bindTooltip(esc(D.old[oc].name) + (D.meta.old_approximate ? " (" + esc(t("approx")) + ")" : ""));
        layers.highlight.addLayer(ol);
        bounds.extend(ol.getBounds());
      }
    });
    (newCodes || []).forEach(function (nc) {
      var s = shapesByCode[nc];
      if (!s) return;
      var hl = L.geoJSON(s.feature, { style: { renderer: map.options.renderer, color: "#8b1a1a", weight: 3, fill: false } });
      layers.highlight.addLayer(hl);
      bounds.extend(hl.getBounds());
    });
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 13, animate: false });
  }

  /* ---- search ---------------------------------------------------------------------------- */
  /* Only the bare names and codes are indexed: the type words (xã, phường…) would match thousands
     of units. A type word typed first filters the results instead. */
  var TYPE_WORDS = ["thi tran", "thi xa", "thanh pho", "dac khu", "phuong", "huyen", "quan", "xa"];
  var index = new MiniSearch({
    fields: ["bare", "code", "aliases"],
    storeFields: [],
    processTerm: function (term) { return term.toLowerCase(); },
    searchOptions: {
      boost: { code: 2, aliases: 2 }, combineWith: "AND",
      /* prefixes for the last word typed, or a long one; never for one or two digits (every code
         and "Phường 1", "Phường 10"… would match) */
      prefix: function (term, i, terms) { return (i === terms.length - 1 || term.length > 3) && !/^[0-9]{1,2}$/.test(term); },
      fuzzy: function (term) { return term.length > 4 ? 0.2 : false; }
    }
  });
  var indexed = false;
  function buildIndex() { if (!indexed) { index.addAll(ENTRIES); indexed = true; mark("index_ms"); } }
  var byId = {};
  ENTRIES.forEach(function (e) { byId[e.id] = e; });

  /* A query read as transition.text reads a name (search_rules exported from it): a leading
     abbreviation of a unit type expanded ("p ha tu", "tt binh lieu", "f1", "q3"), the i/y pair made
     one ("my" = "mi"), numbers without leading zeros ("01" = "1"). */
  var RULES = D.search_rules || { abbreviations: {}, iy_initials: [] };
  var IY = new RegExp("^(" + RULES.iy_initials.join("|") + ")y$");
  function readQuery(raw) {
    var words = fold(raw).split(" ").filter(Boolean);
    var m = words.length ? /^([a-z]{1,2})([0-9]+)?$/.exec(words[0]) : null;
    if (m && RULES.abbreviations[m[1]] && (m[2] || words.length > 1)) {
      words = RULES.abbreviations[m[1]].split(" ").concat(m[2] ? [m[2]] : [], words.slice(1));
    }
    return words.map(function (w) {
      return /^[0-9]{1,3}$/.test(w) ? w.replace(/^0+(?=[0-9])/, "") : w.replace(IY, "$1i");
    }).join(" ");
  }

  /* Until the index is built (just after the page is ready), a plain scan answers. */
  function linear(q) {
    var terms = q.split(" ");
    return ENTRIES.filter(function (e) {
      var words = (e.bare + " " + e.code + " " + (e.aliases || "")).split(" ");
      return terms.every(function (term) { return words.some(function (w) { return w.indexOf(term) === 0; }); });
    }).map(function (e) { return { id: e.id, score: 1 }; });
  }
  function search(query) {
    var q = readQuery(query), type = null;
    if (!q) return [];
    TYPE_WORDS.some(function (w) {
      if (q.indexOf(w + " ") === 0) { type = w; q = q.slice(w.length + 1); return true; }
      return false;
    });
    var exactCase = query.trim().toLowerCase().normalize("NFC");
    var found = indexed ? index.search(q) : linear(q);
    var hits = found.map(function (h) {
      var e = byId[h.id], score = h.score;
      if (e.bare === q || e.code === q || (e.aliases || "").split(" ").indexOf(q) >= 0) score *= 10;
      if (e.name.toLowerCase().normalize("NFC").indexOf(exactCase) >= 0) score *= 3; // diacritics typed: prefer them
      return { entry: e, score: score };
    }).filter(function (h) { return !type || h.entry.type === type; });
    hits.sort(function (a, b) { return b.score - a.score || (a.entry.id < b.entry.id ? -1 : 1); });
    return hits.slice(0, 30).map(function (h) { return h.entry; });
  }
  function oldHit(code) {
    var u = D.old[code], h = "<div class='hit' data-id='o:" + esc(code) + "'><span class='name'>" + oldLink(code) + "</span><span class='era old'>" + esc(t("old")) + "</span>";
    h += " <span class='muted'>" + esc([u.district, u.province].filter(Boolean).join(", ")) + " · " + esc(t("code")) + " " + esc(code) + "</span>";
    if (u.divided) h += "<div><span class='arrow'>→</span> " + esc(t("dividedInto", { n: u.to.length })) + ":</div>";
    h += "<ul class='to'>";
    u.to.forEach(function (e) {
      h += "<li><span class='arrow'>→</span> " + newLink(e["new"]) + " <span class='muted'>(" + esc(shareText(e)) + "; " + esc(t("basis")) + ": " + basisText(e) + ")</span></li>";
    });
    h += "</ul>" + clusterLine(u.to.map(function (e) { return e["new"]; })) + "</div>";
    return h;
  }
  function clusterLine(newCodes) {
    var seen = {}, h = "";
    newCodes.forEach(function (c) {
      var i = (D["new"][c] || {}).cluster;
      if (i === null || i === undefined || seen[i]) return;
      seen[i] = 1;
      h += "<div class='muted cluster'>" + esc(t("cluster")) + ": " + D.clusters[i]["new"].map(newLink).join(", ") + "</div>";
    });
    return h;
  }
  function districtHit(code) {
    var d = D.districts[code], h = "<div class='hit' data-id='d:" + esc(code) + "'><span class='name'>" + esc(d.name) + "</span><span class='era old'>" + esc(t("oldDistrict")) + "</span>";
    h += " <span class='muted'>" + esc(d.province) + " · " + esc(t("code")) + " " + esc(code) + "</span>";
    h += "<div>" + esc(t("districtGone", { n: d.communes, m: d.to.length })) + "</div><ul class='to'>";
    d.to.forEach(function (p) { h += "<li><span class='arrow'>→</span> " + newLink(p[0]) + " <span class='muted'>(" + esc(t("oldCommunes", { n: p[1] })) + ")</span></li>"; });
    return h + "</ul></div>";
  }
  function newHit(code) {
    var u = D["new"][code], h = "<div class='hit' data-id='n:" + esc(code) + "'><span class='name'>" + newLink(code) + "</span><span class='era new'>" + esc(t("new")) + "</span>";
    h += " <span class='muted'>" + esc(t("code")) + " " + esc(code) + "</span><div class='muted'>" + esc(t("madeFrom")) + ": ";
    h += u.from.map(function (e) { return oldLink(e.old) + (e.part === "whole" ? "" : " (" + esc(shareText(e)) + ")"); }).join(", ") + "</div>";
    return h + clusterLine([code]) + "</div>";
  }
  function showResults(query, keepMap) {
    var box = document.getElementById("results");
    if (!query.trim()) { box.innerHTML = ""; return []; }
    var hits = search(query);
    if (!hits.length) { box.innerHTML = "<div class='absent'>" + esc(t("noHits", { q: query })) + "</div>"; return hits; }
    box.innerHTML = "<div class='muted'>" + esc(t("hits", { n: hits.length })) + "</div>" + hits.map(function (e) {
      var era = e.id.charAt(0);
      return era === "o" ? oldHit(e.code) : era === "d" ? districtHit(e.code) : newHit(e.code);
    }).join("");
    var first = hits[0];
    if (keepMap) return hits;
    if (first.id.charAt(0) === "d") highlight(D.districts[first.code].to.map(function (p) { return p[0]; }), []);
    else if (first.id.charAt(0) === "o") highlight(D.old[first.code].to.map(function (e) { return e["new"]; }), [first.code]);
    else highlight([first.code], []);
    return hits;
  }
  var input = document.getElementById("q"), timer = null;
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { showResults(input.value); }, 120); });
  input.addEventListener("search", function () { showResults(input.value); });

  /* ---- views ----------------------------------------------------------------------------- */
  function row(label, value) { return "<tr><th>" + esc(label) + "</th><td class='num'>" + value + "</td></tr>"; }
  function statusBadge(word, cls) { return "<span class='badge " + esc(cls) + "'>" + esc(t(word)) + "</span>"; }

  function unitPage(code) {
    var u = D["new"][code];
    if (!u) return "<p class='absent'>" + esc(t("unknownUnit", { c: code })) + "</p>";
    var h = "<h2 id='unit-title'>" + esc(u.name) + "</h2><div class='muted'>" + esc(t("code")) + " " + esc(code) + " · " + esc(typeName(u.type)) + " · " + esc(u.province) + (u.island ? " · " + esc(t("island")) : "") + "</div>";
    h += "<h3>" + esc(t("figures")) + "</h3><table id='figures'>" + row(t("areaKm2"), fmt(u.area_km2)) + row(t("population"), fmt(u.population, 0));
    h += row(t("criteria"), u.criteria ? statusBadge(u.criteria.status, u.criteria.status) + " <span class='muted'>" + esc(u.criteria.requirement) + "</span>" : "<span class='absent'>" + esc(t("absentCriteria")) + "</span>") + "</table>";
    h += "<h3>" + esc(t("predecessors")) + "</h3><table id='predecessors'><tr><th>" + esc(t("oldUnits")) + "</th><th>" + esc(t("district")) + "</th><th>" + esc(t("share")) + "</th><th>" + esc(t("basis")) + "</th></tr>";
    u.from.forEach(function (e) {
      var o = D.old[e.old] || {};
      h += "<tr><td>" + oldLink(e.old) + "</td><td>" + esc(o.district) + "</td><td>" + esc(shareText(e)) + "</td><td>" + basisText(e) + "</td></tr>";
    });
    h += "</table>" + clusterLine([code]);
    h += "<h3>" + esc(t("received")) + "</h3>";
    if (!u.received) h += "<p class='absent'>" + esc(t("absentLedger")) + "</p>";
    else {
      h += "<table id='received'><tr><th></th><th class='num'>" + esc(t("count")) + "</th><th class='num'>" + esc(t("value")) + "</th></tr>";
      ["staff", "assets", "dossiers", "records"].forEach(function (k) {
        var r = u.received[k] || { count: 0 };
        h += "<tr data-class='" + k + "'><td>" + esc(t(k)) + "</td><td class='num'>" + fmt(r.count, 0) + "</td><td class='num'>" + (r.value_vnd === undefined ? "" : fmt(r.value_vnd, 0)) + "</td></tr>";
      });
      h += "</table>";
    }
    h += "<h3>" + esc(t("hq")) + "</h3>";
    if (!u.headquarters) h += "<p class='absent'>" + esc(t("absentLedger")) + "</p>";
    else {
      var q = u.headquarters;
      h += "<table id='hq'>" + row(t("hqName"), esc(q.name) + " <span class='muted'>" + esc(q.proposal) + "</span>") + row(t("capacity"), fmt(q.capacity, 0)) + row(t("staff"), fmt(q.staff, 0)) + row(t("shortfall"), fmt(q.shortfall, 0)) + row(t("distance"), fmt(q.distance_km)) + row(t("othersHq"), fmt(q.others, 0)) + "</table>";
    }
    h += "<h3>" + esc(t("handover")) + "</h3>" + minutesBlock(code);
    h += "<h3>" + esc(t("readiness")) + "</h3>" + readinessBlock(code);
    h += "<h3>" + esc(t("reform")) + "</h3>" + reformBlock(code);
    return h;
  }
  function reformBlock(code) {
    var R = D.reform;
    if (!R) return "<p class='absent' id='reform-absent'>" + esc(t("absentReform")) + "</p>";
    var h = "", p = R.par && R.par.units[code], s = R.service && R.service.units[code];
    if (p) {
      h += "<table id='par'>" + row(t("parIndex") + " (" + R.par.period + ")", p.score === null ? "—" : fmt(p.score)) + row(t("tier"), esc(p.tier || "—")) + row(t("rank"), p.rank === null ? "—" : fmt(p.rank, 0) + (p.group ? " <span class='muted'>(" + esc(p.group) + ")</span>" : "")) + "</table>";
      if (p.lost.length) h += "<div><b>" + esc(t("lostMost")) + ":</b><ul id='par-lost'>" + p.lost.map(function (x) { return "<li>" + esc(x.label) + ": −" + fmt(x.points) + "</li>"; }).join("") + "</ul></div>";
    }
    if (s) {
      h += "<table id='service-index'><tr><th colspan='2'>" + esc(t("serviceIndex")) + " — " + esc(R.service.period) + "</th></tr>" + s.groups.map(function (g) {
        return row(t(g.group), g.points === null ? "<span class='muted'>" + esc(t("missingInput")) + "</span>" : fmt(g.points) + " / " + fmt(g.max, 0));
      }).join("") + row("Σ", s.total === null ? "—" : fmt(s.total) + " / " + fmt(s.max, 0)) + "</table><div class='muted'>" + esc(t("notOfficial")) + "</div>";
    }
    return h || "<p class='absent'>" + esc(t("absentReform")) + "</p>";
  }
  function minutesBlock(code) {
    if (!D.handover) return "<p class='absent' id='handover-absent'>" + esc(t("absentHandover")) + "</p>";
    var list = D.handover.units[code] || [];
    if (!list.length) return "<p class='absent'>" + esc(t("noMinutes")) + "</p>";
    return "<table id='minutes'>" + list.map(function (m) {
      var links = [m.docx ? "<a href='" + esc(m.docx) + "'>DOCX</a>" : "", m.pdf ? "<a href='" + esc(m.pdf) + "'>PDF</a>" : ""].filter(Boolean).join(" ");
      return "<tr><td>" + esc(m.number) + "</td><td>" + esc(m.kind) + "</td><td>" + statusBadge(m.signed ? "signed" : "unsigned", m.signed ? "green" : "amber") + " " + esc(m.signed_date) + "</td><td>" + links + "</td></tr>";
    }).join("") + "</table>";
  }
  function trendText(trend) {
    if (!trend || !trend.length) return "";
    return "<div class='muted'>" + esc(t("trend")) + ": " + trend.map(function (p) {
      if (typeof p !== "object") return esc(p);
      var d = p.date || "", rest = Object.keys(p).filter(function (k) { return k !== "date"; }).map(function (k) { var v = p[k]; return esc(t(k)) + " " + esc(typeof v === "object" ? JSON.stringify(v) : v); }).join(", ");
      return esc(d) + (rest ? " (" + rest + ")" : "");
    }).join("; ") + "</div>";
  }
  function readinessBlock(code) {
    if (!D.readiness) return "<p class='absent' id='readiness-absent'>" + esc(t("absentReadiness")) + "</p>";
    var r = D.readiness.units[code];
    if (!r) return statusBadge("not_reported", "not_reported");
    var h = "<div>" + statusBadge(r["class"], r["class"]) + " <span class='muted'>" + esc(r.status) + (r.score === null ? "" : " · " + esc(t("score")) + " " + fmt(r.score)) + " · " + esc(t("date")) + " " + esc(D.readiness.date) + "</span></div>";
    [["blockers", r.blockers], ["overdue", r.overdue]].forEach(function (p) {
      if (p[1].length) h += "<div><b>" + esc(t(p[0])) + ":</b><ul>" + p[1].map(function (b) { return "<li>" + esc(b) + "</li>"; }).join("") + "</ul></div>";
    });
    return h + trendText(r.trend);
  }
  function oldPage(code) {
    var u = D.old[code];
    if (!u) return "<p class='absent'>" + esc(t("unknownUnit", { c: code })) + "</p>";
    return "<h2>" + esc(u.name) + " <span class='era old'>" + esc(t("old")) + "</span></h2>" + (D.meta.old_approximate ? "<div class='muted'>" + esc(t("approx")) + "</div>" : "") + oldHit(code);
  }
  function provincePage() {
    var m = D.meta, h = "<h2>" + esc(m.province_name || t("province")) + "</h2><table id='province-counts'>";
    h += row(t("newUnits"), fmt(m.new_units, 0)) + row(t("oldUnits"), fmt(m.old_units, 0)) + row(t("divided"), fmt(m.divided_old_units, 0)) + row(t("clusters"), fmt(D.clusters.length, 0)) + "</table>";
    var crit = {};
    Object.keys(D["new"]).forEach(function (c) { var k = D["new"][c].criteria; if (k) crit[k.status] = (crit[k.status] || 0) + 1; });
    h += "<h3>" + esc(t("criteria")) + "</h3>";
    h += Object.keys(crit).length ? "<table id='criteria-rollup'>" + Object.keys(crit).sort().map(function (k) { return row(t(k), fmt(crit[k], 0)); }).join("") + "</table>" : "<p class='absent'>" + esc(t("absentCriteria")) + "</p>";
    h += "<h3>" + esc(t("readiness")) + "</h3>";
    if (!D.readiness) h += "<p class='absent' id='readiness-absent'>" + esc(t("absentReadiness")) + "</p>";
    else {
      var R = D.readiness;
      h += "<div id='go'>" + statusBadge(R.go ? "go" : "nogo", R.go ? "go" : "nogo") + " <span class='muted'>" + esc(t("date")) + " " + esc(R.date) + "</span></div>";
      if (R.reasons.length) h += "<ul>" + R.reasons.map(function (x) { return "<li>" + esc(x) + "</li>"; }).join("") + "</ul>";
      h += "<table>";
      Object.keys(R.rollup.by_status).forEach(function (k) { h += row(t(k), fmt(R.rollup.by_status[k], 0)); });
      if (R.rollup.completeness !== null && R.rollup.completeness !== undefined) h += row(t("completeness"), esc(typeof R.rollup.completeness === "number" ? pct(R.rollup.completeness) : JSON.stringify(R.rollup.completeness)));
      if (R.rollup.on_time !== null && R.rollup.on_time !== undefined) h += row(t("onTime"), esc(typeof R.rollup.on_time === "number" ? pct(R.rollup.on_time) : JSON.stringify(R.rollup.on_time)));
      h += "</table>" + trendText(R.rollup.trend);
    }
    h += "<h3>" + esc(t("handover")) + "</h3>";
    h += D.handover ? "<p id='handover-progress'>" + esc(t("signedOf", { a: D.handover.signed, b: D.handover.total })) + "</p>" : "<p class='absent' id='handover-absent'>" + esc(t("absentHandover")) + "</p>";
    h += "<h3>" + esc(t("attention")) + "</h3>";
    if (!D.attention.length) h += "<p>" + esc(t("none")) + "</p>";
    else h += "<table id='attention'>" + D.attention.map(function (a) {
      return "<tr><td>" + newLink(a.code) + "</td><td>" + a.reasons.map(function (r) { return esc(t(r === "unsigned" ? "unsignedR" : r)); }).join(", ") + "</td></tr>";
    }).join("") + "</table>";
    return h;
  }
  function route() {
    var hash = decodeURIComponent(location.hash.replace(/^#/, "")), view = document.getElementById("view");
    if (hash.indexOf("old-") === 0) {
      var oc = hash.slice(4);
      view.innerHTML = oldPage(oc);
      if (D.old[oc]) highlight(D.old[oc].to.map(function (e) { return e["new"]; }), [oc]);
    } else if (hash && hash !== "province") {
      view.innerHTML = unitPage(hash);
      if (D["new"][hash]) highlight([hash], []);
    } else {
      view.innerHTML = provincePage();
      if (!input.value) home();
    }
    document.getElementById("panel").scrollTop = 0;
  }
  function applyLanguage() {
    document.documentElement.lang = lang;
    document.title = (D.meta.province_name ? D.meta.province_name + " · " : "") + t("title");
    document.getElementById("title").textContent = t("title") + (D.meta.province_name ? " · " + D.meta.province_name : "");
    input.placeholder = t("placeholder");
    input.setAttribute("aria-label", t("placeholder"));
    document.getElementById("lang").textContent = t("other");
    drawLegend();
    route();
    if (input.value) showResults(input.value, true);
  }
  document.getElementById("lang").addEventListener("click", function () {
    lang = lang === "vi" ? "en" : "vi";
    try { localStorage.setItem("transition.lang", lang); } catch (e) { /* ignore */ }
    applyLanguage();
  });
  window.addEventListener("hashchange", route);

  buildMap();
  mark("map_ms");
  applyLanguage();
  mark("ready_ms");
  setTimeout(function () { buildIndex(); withOld(function () { mark("old_shapes_ms"); }); }, 0);
  /* For tests and the benchmark: counts, the search and readiness. */
  window.dashboard = {
    ready: true,
    complete: function () { return indexed && !!OLD; },
    timings: timings,
    lang: function () { return lang; },
    fold: fold,
    readQuery: readQuery,
    search: function (q) { return search(q).map(function (e) { return e.id; }); },
    show: showResults,
    counts: function () {
      var n = function (l) { return l ? l.getLayers().length : 0; };
      return { "new": n(layers["new"]), old: nOld, parts: nParts, highlighted: n(layers.highlight) };
    }
  };
})();

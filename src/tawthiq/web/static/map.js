/* Tawthiq map: Leaflet + markercluster over vector layers shipped with the package (no tiles
   unless the workspace names a tile server). Loads only the incidents in view (bbox JSON).
   A place known only as an area (a neighbourhood, a sector, "eastern Aleppo", a district) is
   drawn as that area, from the layer the server names in the feature's `area`, with the
   incident's marker as a ring inside it, never as a precise dot. Grade colours come from the
   server (GRADE_COLOURS); clusters are neutral bubbles with a count. Labels and pop-ups are in
   the page's language (#map-labels, written by the server from its catalogue). Text goes in via
   textContent only (names and places are data, never HTML). */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) { return; }
  var status = document.getElementById("map-status");
  var labels = JSON.parse((document.getElementById("map-labels") || {}).textContent || "{}");
  var fields = labels.fields || {}, values = labels.values || {}, credits = labels.credits || {};
  var lang = el.dataset.lang || "en";
  var src = el.dataset.src;
  var isPublic = el.dataset.public === "true";
  var map = L.map(el, { zoomControl: true, minZoom: 5, maxZoom: 18 });
  map.attributionControl.setPrefix(false);
  map.createPane("background").style.zIndex = 200;
  map.createPane("areas").style.zIndex = 350;
  map.setView([36.2, 37.16], 12);  // Aleppo
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.tilesAttribution || "" }).addTo(map);
  }
  var shapes = {};          // layer feature id -> geometry (for incident areas)
  var shapeNames = {};      // layer feature id -> its properties (names in both scripts)
  var labelGroups = [];     // [group, minZoom, maxZoom]
  var areas = L.layerGroup().addTo(map);
  var clusters = L.markerClusterGroup({
    showCoverageOnHover: false, maxClusterRadius: 40,
    iconCreateFunction: function (c) {
      var span = document.createElement("span");
      span.textContent = String(c.getChildCount());
      return L.divIcon({ html: span.outerHTML, className: "map-cluster", iconSize: [34, 34] });
    }
  });
  clusters.addTo(map);
  var byId = {};
  var pending = null;
  var wanted = (location.hash || "").replace("#", "");
  var layersReady = null;

  function say(text, n) { return (text || "").replace("%(n)s", String(n)).replace("%(m)s", String(n)); }
  function valueLabel(v) { return values[v] || v; }
  // dates and numbers as the page's language writes them (Arabic: Syrian month names, the Latin
  // digits the server's Babel ar_SY uses too)
  var locale = lang === "ar" ? "ar-SY-u-nu-latn" : "en-GB";
  function day(iso) {
    var d = iso ? new Date(String(iso).slice(0, 10) + "T00:00:00Z") : null;
    if (!d || isNaN(d.getTime())) { return iso; }
    return new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(d);
  }
  function num(n) { return typeof n === "number" ? new Intl.NumberFormat(locale).format(n) : n; }
  function nameOf(p) { return (lang === "ar" && p.name_ar) ? p.name_ar : p.name; }
  function dirOf(text) { return /[\u0600-\u06FF]/.test(text || "") ? "rtl" : "auto"; }

  // ------------------------------------------------------------------ background layers
  var STYLES = {
    syria: { className: "map-country", weight: 1.5 },
    syria_governorates: { className: "map-governorate", weight: 1.2, fill: false },
    syria_districts: { className: "map-district", weight: 0.7, fill: false, dashArray: "3 3" },
    aleppo_areas: { className: "map-city", weight: 1, fill: false },
    aleppo_neighbourhoods: { className: "map-neighbourhood", weight: 0.6 }
  };
  var LABEL_ZOOM = {  // which names are written at which zoom levels
    syria_governorates: [5, 8], syria_districts: [9, 11], aleppo_areas: [12, 13], aleppo_neighbourhoods: [14, 18]
  };

  function textAsHtml(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  function labelFor(props, cls) {
    var span = document.createElement("span");
    span.textContent = nameOf(props);
    span.dir = dirOf(span.textContent);
    return L.tooltip({ permanent: true, direction: "center", className: "map-label " + cls, interactive: false })
      .setLatLng([props.label[1], props.label[0]]).setContent(span);
  }

  var KIND_ORDER = { sector: 0, neighbourhood: 1, city_district: 1, landmark: 2, csr: 3 };

  function addLayer(name, fc) {
    var group = L.layerGroup();
    // names that matter most first: they keep their place when labels collide (declutter)
    fc.features.slice().sort(function (a, b) {
      return (KIND_ORDER[a.properties.kind] || 0) - (KIND_ORDER[b.properties.kind] || 0);
    }).forEach(function (f) {
      var p = f.properties;
      shapes[p.id] = f.geometry;
      shapeNames[p.id] = p;
      // The areas layer holds overlapping shapes (sectors, the halves, the city): only the city's
      // outline is background; the others are drawn when an incident stands for them.
      if (name === "aleppo_areas" && p.kind !== "city") { if (p.kind === "sector") { group.addLayer(labelFor(p, "map-label-" + name)); } return; }
      if (f.geometry.type === "Point") {
        L.circle([f.geometry.coordinates[1], f.geometry.coordinates[0]],
                 { radius: p.radius_m, pane: "background", className: "map-neighbourhood map-point-place", weight: 0.6, interactive: false }).addTo(map);
      } else {
        L.geoJSON(f, { pane: "background", interactive: false, style: STYLES[name] }).addTo(map);
      }
      if (name !== "syria" && p.kind !== "city") { group.addLayer(labelFor(p, "map-label-" + name)); }
    });
    if (LABEL_ZOOM[name]) { labelGroups.push([group, LABEL_ZOOM[name][0], LABEL_ZOOM[name][1]]); }
    // the layer's credit in the page's language (#map-labels), as text: Leaflet writes it as HTML
    var credit = credits[name] || fc.attribution;
    if (credit) { map.attributionControl.addAttribution(textAsHtml(credit)); }
  }

  function showLabels() {
    // Groups change at the zoom a zoom animation ends on: wait for its zoomend.
    if (map._animatingZoom) { return; }
    var z = map.getZoom();
    labelGroups.forEach(function (g) {
      var on = z >= g[1] && z <= g[2];
      if (on && !map.hasLayer(g[0])) {
        g[0].addTo(map);
      } else if (!on && map.hasLayer(g[0])) {
        // Leaflet keeps a removed name in the page for its 200 ms fade (at opacity 0, still laid
        // out): hidden now, it can never be taken for a shown name nor sit over one.
        eachLabel(g[0], function (e) { e.style.visibility = "hidden"; });
        map.removeLayer(g[0]);
      }
    });
    declutter(z);
  }

  function eachLabel(group, fn) {
    group.eachLayer(function (t) { var e = t.getElement && t.getElement(); if (e) { fn(e, t); } });
  }

  // A name that would overlap one already written is hidden (in the order names were added:
  // neighbourhoods before landmarks and other areas), so the dense Old City stays readable.
  // Boxes are computed where the names stand at zoom z (the map's projection of each name's point,
  // as Leaflet places a centred tooltip, and its size), not measured on the screen: a name on the
  // screen may still be sliding to its place (a zoom's CSS transition) or fading out, and a box
  // measured then overlaps others once the map settles (CI failures of sessions 17 and 19). A pixel
  // of margin covers Leaflet's rounding. #map[data-labels-at] says which zoom they were sorted for.
  function declutter(z) {
    var kept = [];
    labelGroups.forEach(function (g) {
      if (!map.hasLayer(g[0])) { return; }
      eachLabel(g[0], function (e, t) {
        e.style.visibility = "";
        var p = map.project(t.getLatLng(), z).round();
        var w = e.offsetWidth, h = e.offsetHeight;
        var left = p.x - Math.round(w / 2), top = p.y - Math.round(h / 2);
        var r = { left: left - 1, top: top - 1, right: left + w + 1, bottom: top + h + 1 };
        var hit = kept.some(function (k) {
          return r.left < k.right && r.right > k.left && r.top < k.bottom && r.bottom > k.top;
        });
        if (hit) { e.style.visibility = "hidden"; } else { kept.push(r); }
      });
    });
    el.dataset.labelsAt = String(z);
  }

  function loadLayers() {
    var urls = (el.dataset.layers || "").split(" ").filter(Boolean);
    return Promise.all(urls.map(function (u) {
      return fetch(u, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; });
    })).then(function (all) {
      all.forEach(function (fc, i) { if (fc) { addLayer(urls[i].split("/").pop().replace(".geojson", ""), fc); } });
      showLabels();
      el.dataset.layersLoaded = String(all.filter(Boolean).length);
    });
  }

  // ------------------------------------------------------------------ incidents
  function line(parent, label, value) {
    if (value === null || value === undefined || value === "") { return; }
    var p = document.createElement("div");
    if (label) {
      var b = document.createElement("b");
      b.textContent = label + ": ";
      p.appendChild(b);
    }
    var s = document.createElement("bdi");
    s.textContent = String(value);
    s.dir = dirOf(String(value));
    p.appendChild(s); parent.appendChild(p);
  }

  function popup(props) {
    var box = document.createElement("div");
    box.className = "popup";
    var a = document.createElement("a");
    a.href = props.url; a.textContent = "#" + props.id + " " + valueLabel(props.event_type);
    box.appendChild(a);
    var area = props.area;
    // the place as written; in Arabic its Arabic name, unless the text named a part of the city
    // ("eastern Aleppo" carries the city's Arabic name, حلب): then the part's own Arabic name
    var shape = area && area.kind === "polygon" ? shapeNames[area.id] : null;
    var part = shape && String(area.id).indexOf("aleppo-part:") === 0;
    var place = (lang === "ar" && (part ? shape.name_ar : props.place_ar)) || props.place;
    line(box, fields.place || "place", place);
    if (shape && nameOf(shape) !== place) { line(box, fields.area || "area", nameOf(shape)); }
    if (area && area.kind === "circle" && !props.fuzzed_within_m) {
      line(box, fields.area || "area", say(fields.within, num(Math.round(area.radius_m))));
    }
    line(box, fields.precision || "precision", valueLabel(props.precision));
    if (props.fuzzed_within_m) { line(box, "", say(fields.moved, num(Math.round(props.fuzzed_within_m)))); }
    line(box, fields.date || "date", day(props.start));
    line(box, fields.killed || "killed", num(props.fatalities));
    line(box, fields.grade || "grade", valueLabel(props.grade));
    return box;
  }

  function query() {
    var b = map.getBounds();
    var params = new URLSearchParams(location.search);
    params.delete("lang");
    params.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (x) { return x.toFixed(5); }).join(","));
    return src + "?" + params.toString();
  }

  function drawArea(p, ll, drawn) {
    var area = p.area;
    if (!area) { return; }
    var style = { pane: "areas", color: p.colour || "#555", weight: 2, dashArray: "6 4", fillOpacity: 0.12,
                  className: "precision-area grade-" + p.grade, interactive: false };
    if (area.kind === "polygon") {
      var key = area.id + "|" + p.grade;
      if (drawn[key] || !shapes[area.id]) { return; }
      drawn[key] = true;
      areas.addLayer(L.geoJSON(shapes[area.id], { pane: "areas", interactive: false, style: function () { return style; } }));
    } else {
      var ckey = ll.join(",") + "|" + area.radius_m + "|" + p.grade;
      if (drawn[ckey]) { return; }
      drawn[ckey] = true;
      style.radius = area.radius_m;
      areas.addLayer(L.circle(ll, style));
    }
  }

  function draw(data) {
    clusters.clearLayers(); areas.clearLayers(); byId = {};
    var drawn = {};
    data.features.forEach(function (f) {
      var p = f.properties, c = f.geometry.coordinates, ll = [c[1], c[0]];
      var area = p.area;
      // an incident known only as an area sits at the area's label point, inside it
      var at = (area && area.kind === "polygon") ? [area.at[1], area.at[0]] : ll;
      var kind = area ? "incident-area" : "incident-point";
      var icon = L.divIcon({ className: "incident-marker " + kind + " grade-" + p.grade, iconSize: [14, 14],
                             html: '<span data-incident="' + Number(p.id) + '" data-drawn-as="' + (area ? "area" : "point") + '"></span>' });
      var m = L.marker(at, { icon: icon, title: "#" + p.id + " " + valueLabel(p.event_type) });
      m.bindPopup(popup(p));
      clusters.addLayer(m);
      byId[String(p.id)] = m;
      drawArea(p, ll, drawn);
    });
    el.dataset.loaded = String(data.features.length);
    if (status) {
      status.textContent = say(fields.in_view, num(data.features.length)) +
        (data.truncated ? " (" + say(fields.truncated, data.features.length) + ")" : "");
    }
    if (wanted && byId[wanted]) {
      var target = byId[wanted]; wanted = "";
      clusters.zoomToShowLayer(target, function () { target.openPopup(); });
    }
  }

  function load() {
    if (pending) { pending.abort(); }
    pending = new AbortController();
    var signal = pending.signal;
    Promise.all([fetch(query(), { credentials: "same-origin", signal: signal })
      .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); }), layersReady])
      .then(function (res) { draw(res[0]); })
      .catch(function (e) { if (e.name !== "AbortError" && status) { status.textContent = String(e); } });
  }

  layersReady = loadLayers();
  map.on("zoomend", showLabels);
  map.on("zoomstart", function () { delete el.dataset.labelsAt; });
  map.on("moveend", load);
  if (wanted && !isPublic) {
    fetch("/incidents/" + encodeURIComponent(wanted) + ".json", { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (inc) {
        var p = inc && (inc.places || []).find(function (x) { return x.lat !== null && x.lon !== null; });
        if (p) { map.setView([p.lat, p.lon], 15); } else { load(); }
      }).catch(load);
  } else {
    load();
  }
  window.tawthiqMap = map;
})();

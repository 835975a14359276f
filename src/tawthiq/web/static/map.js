/* Tawthiq map: Leaflet + markercluster, no tiles. Loads only the incidents in view (bbox JSON).
   Colours come from the grade (CSS classes grade-*); neighbourhood-precision places also get a
   dashed circle so nobody reads a neighbourhood as a street address. Text goes in via
   textContent only (names and places are data, never HTML). */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) { return; }
  var status = document.getElementById("map-status");
  var src = el.dataset.src;
  var isPublic = el.dataset.public === "true";
  // No tile layer, so the zoom range must be given (markercluster needs maxZoom).
  var map = L.map(el, { zoomControl: true, attributionControl: false, minZoom: 3, maxZoom: 18 });
  map.setView([36.2, 37.16], 12);  // Aleppo
  var areas = L.layerGroup().addTo(map);
  var clusters = L.markerClusterGroup({ disableClusteringAtZoom: 17, showCoverageOnHover: false });
  clusters.addTo(map);
  var byId = {};
  var pending = null;
  var wanted = (location.hash || "").replace("#", "");

  function dirOf(text) { return /[\u0600-\u06FF]/.test(text || "") ? "rtl" : "auto"; }

  function line(parent, label, value) {
    if (value === null || value === undefined || value === "") { return; }
    var p = document.createElement("div");
    var b = document.createElement("b");
    b.textContent = label + ": ";
    var s = document.createElement("span");
    s.textContent = String(value);
    s.dir = dirOf(String(value));
    p.appendChild(b); p.appendChild(s); parent.appendChild(p);
  }

  function popup(props) {
    var box = document.createElement("div");
    box.className = "popup";
    var a = document.createElement("a");
    a.href = props.url; a.textContent = "#" + props.id + " " + props.event_type;
    box.appendChild(a);
    line(box, "place", props.place);
    if (props.place_ar && props.place_ar !== props.place) { line(box, "مكان", props.place_ar); }
    line(box, el.dataset.precisionLabel || "precision", props.precision +
      (props.fuzzed_within_m ? " (moved ≤ " + Math.round(props.fuzzed_within_m) + " m)" : ""));
    line(box, "date", props.start);
    line(box, el.dataset.killedLabel || "killed", props.fatalities);
    line(box, "grade", props.grade);
    return box;
  }

  function query() {
    var b = map.getBounds();
    var params = new URLSearchParams(location.search);
    params.delete("lang");
    params.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (x) { return x.toFixed(5); }).join(","));
    return src + "?" + params.toString();
  }

  function draw(data) {
    clusters.clearLayers(); areas.clearLayers(); byId = {};
    data.features.forEach(function (f) {
      var p = f.properties, c = f.geometry.coordinates, ll = [c[1], c[0]];
      var icon = L.divIcon({ className: "incident-marker grade-" + p.grade, iconSize: [14, 14],
                             html: '<span data-incident="' + Number(p.id) + '"></span>' });
      var m = L.marker(ll, { icon: icon, title: "#" + p.id + " " + p.event_type });
      m.bindPopup(popup(p));
      clusters.addLayer(m);
      byId[String(p.id)] = m;
      if (p.precision === "neighbourhood" || p.fuzzed_within_m) {
        areas.addLayer(L.circle(ll, { radius: p.fuzzed_within_m || 500, className: "precision-area grade-" + p.grade,
                                      dashArray: "4 4", weight: 1, fillOpacity: 0.05 }));
      }
    });
    el.dataset.loaded = String(data.features.length);
    if (status) {
      status.textContent = data.features.length + " in view" + (data.truncated ? " (first " + data.features.length + " only; zoom in)" : "");
    }
    if (wanted && byId[wanted]) {
      var target = byId[wanted]; wanted = "";
      clusters.zoomToShowLayer(target, function () { target.openPopup(); });
    }
  }

  function load() {
    if (pending) { pending.abort(); }
    pending = new AbortController();
    fetch(query(), { credentials: "same-origin", signal: pending.signal })
      .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
      .then(draw)
      .catch(function (e) { if (e.name !== "AbortError" && status) { status.textContent = String(e); } });
  }

  fetch(el.dataset.places, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
    data.features.forEach(function (f) {
      var c = f.geometry.coordinates;
      var label = f.properties.name + (f.properties.name_ar ? " · " + f.properties.name_ar : "");
      L.circleMarker([c[1], c[0]], { radius: 2, className: "place-dot", interactive: true })
        .bindTooltip(label, { direction: "top" }).addTo(map);
    });
  }).catch(function () { /* the gazetteer background is optional */ });

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

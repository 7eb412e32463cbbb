/* Maps of the subjects app (Leaflet, vendored). Base tiles only when the administrator set MAP_TILE_URL;
   otherwise a plain background with the areas' outlines. */
(function () {
  "use strict";
  var config = document.getElementById("map-config");

  function baseMap(element, options) {
    var map = L.map(element, Object.assign({ preferCanvas: true, zoomSnap: 0.5 }, options || {}));
    var url = config && config.dataset.tileUrl;
    if (url) {
      L.tileLayer(url, { attribution: config.dataset.tileAttribution || "", maxZoom: 19 }).addTo(map);
    } else {
      element.classList.add("no-tiles");
      map.attributionControl.setPrefix(config ? config.dataset.noTiles : "");
    }
    return map;
  }

  function escape(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  function featureStyle(props) {
    if (props.layer === "subject") { return { color: "#333", weight: 1, fillColor: props.color, fillOpacity: 0.9 }; }
    if (props.key_area) { return { color: "#d63939", weight: 2, fillOpacity: 0.12 }; }
    if (props.grid) { return { color: "#6c7a91", weight: 1, dashArray: "4", fillOpacity: 0 }; }
    return { color: "#206bc4", weight: 2, fillOpacity: 0.06 };
  }

  function geoLayer(data, focus) {
    var focused = null;
    var layer = L.geoJSON(data, {
      style: function (f) { return featureStyle(f.properties); },
      pointToLayer: function (f, latlng) { return L.circleMarker(latlng, { radius: 6 }); },
      onEachFeature: function (f, l) {
        var p = f.properties;
        var lines = ['<a href="' + escape(p.url) + '"><strong>' + escape(p.name) + "</strong></a>", escape(p.kind)];
        if (p.category) { lines.push(escape(p.category)); }
        if (p.address) { lines.push(escape(p.address)); }
        l.bindPopup(lines.join("<br>"));
        if (p.layer === "area") { l.bindTooltip(escape(p.name), { sticky: true }); }
        if (focus && f.id === focus) { focused = l; }
      }
    });
    return { layer: layer, focused: focused };
  }

  function fit(map, layer) {
    var bounds = layer.getBounds();
    if (bounds.isValid()) { map.fitBounds(bounds.pad(0.05)); } else { map.setView([35, 105], 4); }
  }

  window.zongzhiMaps = { baseMap: baseMap, geoLayer: geoLayer, fit: fit };

  var single = document.getElementById("subject-map");
  if (single) {
    var point = [parseFloat(single.dataset.lat), parseFloat(single.dataset.lng)];
    var pinMap = baseMap(single);
    var outline = document.getElementById("subject-area");
    if (outline) {
      var area = L.geoJSON(JSON.parse(outline.textContent), { interactive: false, style: featureStyle({ layer: "area" }) });
      area.addTo(pinMap);
      pinMap.fitBounds(area.getBounds().extend(point).pad(0.1));
    } else {
      pinMap.setView(point, 16);
    }
    L.circleMarker(point, { radius: 9, color: "#333", weight: 1, fillColor: single.dataset.color, fillOpacity: 0.9 }).addTo(pinMap);
  }

  var areaMap = document.getElementById("area-map");
  if (areaMap) {
    var map = baseMap(areaMap);
    fetch(areaMap.dataset.url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
      var built = geoLayer(data, areaMap.dataset.focus);
      built.layer.addTo(map);
      if (built.focused) { map.fitBounds(built.focused.getBounds().pad(0.1)); } else { fit(map, built.layer); }
    });
  }

  var overview = document.getElementById("overview-map");
  if (overview) {
    var form = document.getElementById("map-filters");
    var status = document.getElementById("map-status");
    var labelsNode = document.getElementById("map-labels");
    var labels = labelsNode ? JSON.parse(labelsNode.textContent) : {};
    var omap = baseMap(overview);
    // One group per layer, kept across reloads so that the layer control's choices stay as the user set them.
    var groups = { areas: L.featureGroup(), subjects: L.featureGroup(), inspections: L.featureGroup(), cases: L.featureGroup() };
    var overlays = {};
    ["areas", "subjects", "inspections", "cases"].forEach(function (name) {
      groups[name].addTo(omap);
      overlays['<span data-layer="' + name + '">' + escape(labels[name] || name) + "</span>"] = groups[name];
    });
    L.control.layers(null, overlays, { collapsed: false }).addTo(omap);
    var first = true;
    var request = 0;

    var format = function (template, values) {
      return String(template || "").replace(/\{(\w+)\}/g, function (m, key) { return values[key] == null ? m : values[key]; });
    };

    var inspectionLayer = function (collection) {
      return L.geoJSON(collection, {
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { radius: 10, color: f.properties.color, weight: 3, fill: false });
        },
        onEachFeature: function (f, l) {
          var p = f.properties;
          var lines = ['<a href="' + escape(p.url) + '"><strong>' + escape(p.date) + " · " + escape(p.name) + "</strong></a>",
            escape(p.agency), escape(labels.inspectors) + ": " + escape(p.inspectors),
            escape(labels.result) + ': <span style="color: ' + escape(p.color) + '">' + escape(p.result_label) + "</span>"];
          if (p.findings) { lines.push(escape(labels.findings) + ": " + escape(p.findings)); }
          l.bindPopup(lines.join("<br>"));
        }
      });
    };

    var caseLayer = function (collection) {
      return L.geoJSON(collection, {
        pointToLayer: function (f, latlng) {
          return L.marker(latlng, { icon: L.divIcon({ className: "case-marker" + (f.properties.overdue ? " overdue" : ""), iconSize: [14, 14] }),
            title: f.properties.number });
        },
        onEachFeature: function (f, l) {
          var p = f.properties;
          var due = p.next_due_on ? escape(p.next_due_on) + (p.next_due_label ? " " + escape(p.next_due_label) : "") : "—";
          if (p.overdue) { due = '<span class="text-danger fw-bold">' + due + " (" + escape(labels.overdue) + ")</span>"; }
          l.bindPopup(['<a href="' + escape(p.url) + '"><strong>' + escape(p.number) + "</strong></a>",
            escape(labels.cause) + ": " + escape(p.cause), escape(labels.stage) + ": " + escape(p.stage) + " · " + escape(p.status),
            escape(labels.next_due) + ": " + due].join("<br>"));
        }
      });
    };

    var notes = function (data) {
      var box = document.getElementById("map-layer-notes");
      if (!box) { return; }
      var parts = [];
      if (data.inspections) {
        var ins = data.inspections;
        parts.push('<div data-testid="inspection-note">' + escape(format(labels.inspections_shown, { count: ins.features.length, days: ins.days })) +
          (ins.truncated ? " " + escape(format(labels.truncated, { count: ins.limit })) : "") + "</div>");
      }
      if (data.cases) {
        var cs = data.cases;
        parts.push('<div data-testid="case-note">' + escape(format(labels.cases_shown, { count: cs.features.length })) +
          (cs.truncated ? " " + escape(format(labels.truncated, { count: cs.limit })) : "") + "</div>");
        var missing = cs.without_location;
        if (missing && missing.count) {
          var items = missing.cases.map(function (c) {
            return '<li><a href="' + escape(c.url) + '">' + escape(c.number) + "</a> " + escape(c.cause) + "</li>";
          }).join("");
          parts.push('<details data-testid="unlocated-note"><summary>' + escape(format(labels.unlocated, { count: missing.count })) +
            "</summary><ul class=\"mb-0 ps-3\">" + items + "</ul></details>");
        }
      }
      box.innerHTML = parts.join("");
    };

    var load = function () {
      var params = new URLSearchParams(new FormData(form));
      if (!first) {
        var b = omap.getBounds();
        params.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(5); }).join(","));
      }
      var mine = ++request;
      fetch(overview.dataset.url + "?" + params.toString(), { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(function (data) {
          if (mine !== request) { return; }
          Object.keys(groups).forEach(function (name) { groups[name].clearLayers(); });
          var areas = data.features.filter(function (f) { return f.properties.layer === "area"; });
          var subjects = data.features.filter(function (f) { return f.properties.layer === "subject"; });
          groups.areas.addLayer(geoLayer({ type: "FeatureCollection", features: areas }).layer);
          groups.subjects.addLayer(geoLayer({ type: "FeatureCollection", features: subjects }).layer);
          if (data.inspections) { groups.inspections.addLayer(inspectionLayer(data.inspections)); }
          if (data.cases) { groups.cases.addLayer(caseLayer(data.cases)); }
          status.textContent = (data.truncated ? overview.dataset.truncated : overview.dataset.shown).replace("{count}", subjects.length);
          notes(data);
          if (first) {
            first = false;
            var all = L.featureGroup([groups.areas, groups.subjects, groups.inspections, groups.cases]);
            fit(omap, all);
          }
        })
        .catch(function () { status.textContent = overview.dataset.failed; });
    };
    form.addEventListener("submit", function (e) { e.preventDefault(); first = true; load(); });
    document.getElementById("f-region").addEventListener("change", function () { first = true; load(); });
    omap.on("moveend", function () { if (!first) { load(); } });
    window.zongzhiMaps.overview = { map: omap, groups: groups };
    load();
  }
})();

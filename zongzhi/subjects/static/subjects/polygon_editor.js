/* A small polygon editor for the area form: click the map to add a vertex, drag a vertex to move it, close the
   polygon, remove the last vertex or clear. The GeoJSON text field below the map holds the result. */
(function () {
  "use strict";
  var field = document.querySelector("[data-polygon-editor]");
  var labels = document.getElementById("polygon-editor-config");
  if (!field || !labels) { return; }
  var maps = window.zongzhiMaps;
  var container = document.createElement("div");
  container.className = "polygon-editor-map";
  var buttons = document.createElement("div");
  buttons.className = "btn-list mb-2";
  field.parentNode.insertBefore(container, field);
  field.parentNode.insertBefore(buttons, field);
  field.closest(".col-md-6").className = "col-12 mb-3";

  var map = maps.baseMap(container);
  var vertices = [];   // L.LatLng
  var closed = false;
  var handles = L.layerGroup().addTo(map);
  var shape = null;

  function button(text, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "btn btn-sm";
    b.textContent = text;
    b.addEventListener("click", onClick);
    buttons.appendChild(b);
  }

  function write() {
    if (vertices.length < 3 || !closed) {
      field.value = vertices.length ? JSON.stringify({ type: "Polygon", coordinates: [vertices.map(function (v) {
        return [+v.lng.toFixed(6), +v.lat.toFixed(6)]; })] }) : "";
      return;
    }
    var ring = vertices.map(function (v) { return [+v.lng.toFixed(6), +v.lat.toFixed(6)]; });
    ring.push(ring[0]);
    field.value = JSON.stringify({ type: "Polygon", coordinates: [ring] });
  }

  function draw() {
    handles.clearLayers();
    if (shape) { map.removeLayer(shape); }
    shape = (closed ? L.polygon : L.polyline)(vertices, { color: "#206bc4", weight: 2 }).addTo(map);
    vertices.forEach(function (v, i) {
      var handle = L.marker(v, { draggable: true, icon: L.divIcon({
        className: "vertex-handle" + (i === 0 ? " first" : ""), iconSize: [12, 12] }) });
      handle.on("drag", function (e) { vertices[i] = e.target.getLatLng(); shape.setLatLngs(vertices); });
      handle.on("dragend", write);
      handle.on("click", function () { if (i === 0 && vertices.length >= 3) { closed = true; draw(); write(); } });
      handles.addLayer(handle);
    });
  }

  function read() {
    try {
      var geometry = JSON.parse(field.value);
      var ring = geometry.coordinates[0];
      closed = ring.length > 3 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1];
      vertices = (closed ? ring.slice(0, -1) : ring).map(function (p) { return L.latLng(p[1], p[0]); });
    } catch (e) {
      vertices = [];
      closed = false;
    }
  }

  button(labels.dataset.close, function () { if (vertices.length >= 3) { closed = true; draw(); write(); } });
  button(labels.dataset.undo, function () { vertices.pop(); closed = closed && vertices.length >= 3; draw(); write(); });
  button(labels.dataset.clear, function () { vertices = []; closed = false; draw(); write(); });
  map.on("click", function (e) {
    if (closed) { return; }
    vertices.push(e.latlng);
    draw();
    write();
  });
  field.addEventListener("change", function () { read(); draw(); });

  read();
  if (vertices.length) { map.fitBounds(L.latLngBounds(vertices).pad(0.2)); } else { map.setView([35, 105], 4); }
  draw();
  // The other areas of the user's scope as a faint background; without a boundary yet, fit the map to them.
  fetch(labels.dataset.url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
    var others = L.geoJSON(data.features.filter(function (f) { return f.properties.layer === "area"; }), {
      interactive: false, style: { color: "#999", weight: 1, fillOpacity: 0, dashArray: "2" } }).addTo(map);
    shape.bringToFront();
    if (!vertices.length) { maps.fit(map, others); }
  });
})();

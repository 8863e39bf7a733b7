/* Map of the filtered structures. The markers and settings come from json_script tags. */
(function () {
  var element = document.getElementById("an-map");
  if (!element || !window.L) { return; }
  var markers = JSON.parse(document.getElementById("an-map-markers").textContent);
  var config = JSON.parse(document.getElementById("an-map-config").textContent);
  var map = L.map(element, { scrollWheelZoom: false, zoomControl: false }).setView([46.6, 2.4], 5);
  L.control.zoom({ zoomInTitle: config.zoomIn, zoomOutTitle: config.zoomOut }).addTo(map);
  var leaflet = document.createElement("a");  // built as a node: the title is plain text
  leaflet.href = "https://leafletjs.com";
  leaflet.title = config.leafletTitle;
  leaflet.textContent = "Leaflet";
  map.attributionControl.setPrefix(leaflet.outerHTML);
  L.tileLayer(config.tiles, { attribution: config.attribution, maxZoom: 18 }).addTo(map);
  var bounds = [];
  markers.forEach(function (m) {
    var link = document.createElement("a");
    link.href = m.url;
    link.textContent = m.name;
    var popup = document.createElement("div");
    popup.appendChild(link);
    popup.appendChild(document.createTextNode(" — " + m.city));
    L.marker([m.lat, m.lon], { title: m.name, alt: m.name }).bindPopup(popup).addTo(map);
    bounds.push([m.lat, m.lon]);
  });
  if (bounds.length) { map.fitBounds(bounds, { maxZoom: 12, padding: [20, 20] }); }
})();

/* Map of the filtered structures. The markers and settings come from json_script tags.
   Markers sharing a position (or close to each other) are grouped by Leaflet.markercluster;
   a click (or Enter on a focused group) zooms in, or spreads the markers out when they share
   one position. */
(function () {
  var element = document.getElementById("an-map");
  if (!element || !window.L || !L.markerClusterGroup) { return; }
  var markers = JSON.parse(document.getElementById("an-map-markers").textContent);
  var config = JSON.parse(document.getElementById("an-map-config").textContent);
  // A visitor who asked their system for less motion gets no zoom, fade or spreading animation.
  var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var map = L.map(element, {
    scrollWheelZoom: false,
    zoomControl: false,
    maxZoom: 18,
    zoomAnimation: !still,
    fadeAnimation: !still,
    markerZoomAnimation: !still,
  });
  L.control.zoom({ zoomInTitle: config.zoomIn, zoomOutTitle: config.zoomOut }).addTo(map);
  var leaflet = document.createElement("a");  // built as a node: the title is plain text
  leaflet.href = "https://leafletjs.com";
  leaflet.title = config.leafletTitle;
  leaflet.textContent = "Leaflet";
  map.attributionControl.setPrefix(leaflet.outerHTML);
  L.tileLayer(config.tiles, { attribution: config.attribution, maxZoom: 18 }).addTo(map);

  function clusterIcon(cluster) {
    // The count is drawn; the button's name, for screen readers, says what it holds and does.
    var count = cluster.getChildCount();
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var inner = document.createElement("div");
    var shown = document.createElement("span");
    shown.setAttribute("aria-hidden", "true");
    shown.textContent = count;
    var name = document.createElement("span");
    name.className = "an-visually-hidden";
    name.textContent = config.cluster.replace("{count}", count);
    inner.appendChild(shown);
    inner.appendChild(name);
    return L.divIcon({
      html: inner.outerHTML,
      className: "marker-cluster marker-cluster-" + size,
      iconSize: L.point(40, 40),
    });
  }

  var group = L.markerClusterGroup({
    animate: !still,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    iconCreateFunction: clusterIcon,
  });
  var bounds = [];
  markers.forEach(function (m) {
    var link = document.createElement("a");
    link.href = m.url;
    link.textContent = m.name;
    var popup = document.createElement("div");
    popup.appendChild(link);
    popup.appendChild(document.createTextNode(" — " + m.city));
    group.addLayer(L.marker([m.lat, m.lon], { title: m.name, alt: m.name }).bindPopup(popup));
    bounds.push([m.lat, m.lon]);
  });
  // The view is set before the markers are added: no animation to wait for on arrival.
  if (bounds.length) {
    map.fitBounds(bounds, { maxZoom: 12, padding: [20, 20], animate: false });
  } else {
    map.setView([46.6, 2.4], 5);
  }
  map.addLayer(group);
  // Leaflet names a popup's close button in English.
  map.on("popupopen", function (event) {
    var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
    if (close) {
      close.setAttribute("aria-label", config.closePopup);
      close.title = config.closePopup;
    }
  });
})();

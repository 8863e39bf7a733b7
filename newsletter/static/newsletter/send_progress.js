// The send progress page updates itself while the send runs: it fetches the progress panel
// again every few seconds (without a script, a refresh does the same). While the send stays in the
// same state only the figures change, so that the focus stays on the button it was on; a new
// state (paused, done…) brings its own buttons with the whole panel.
(function () {
  "use strict";
  var panel = document.getElementById("send-progress-panel");
  if (!panel) {
    return;
  }

  function schedule() {
    if (panel.dataset.running === "true") {
      window.setTimeout(poll, Number(panel.dataset.interval) || 2000);
    }
  }

  function update(fresh) {
    if (fresh.dataset.state !== panel.dataset.state) {
      panel.innerHTML = fresh.innerHTML;
    } else {
      fresh.querySelectorAll("[data-live], [data-count]").forEach(function (source) {
        var key = source.dataset.live
          ? '[data-live="' + source.dataset.live + '"]'
          : '[data-count="' + source.dataset.count + '"]';
        var target = panel.querySelector(key);
        if (target && target.innerHTML !== source.innerHTML) {
          target.innerHTML = source.innerHTML;
        }
      });
      var progress = panel.querySelector("progress");
      var value = fresh.querySelector("progress");
      if (progress && value) {
        progress.value = value.value;
        progress.textContent = value.textContent;
      }
    }
    panel.dataset.state = fresh.dataset.state;
    panel.dataset.running = fresh.dataset.running;
  }

  function poll() {
    fetch(panel.dataset.progressUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html) {
          var template = document.createElement("template");
          template.innerHTML = html.trim();
          var fresh = template.content.querySelector("#send-progress-panel");
          if (fresh) {
            update(fresh);
          }
        }
      })
      .catch(function () {
        // A network hiccup: the next round tries again.
      })
      .then(schedule);
  }

  schedule();
})();

// The send progress page updates itself while the send runs: it fetches the progress panel
// again every few seconds and puts it in place (without a script, a refresh does the same).
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
            panel.innerHTML = fresh.innerHTML;
            panel.dataset.running = fresh.dataset.running;
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

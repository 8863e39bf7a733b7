// The visitors' territoire picker (resource_centre/territoire_picker.py) works as a plain form:
// the search is submitted, the browse follows links. With JavaScript, typing or browsing fetches
// the same page with the form as it stands (ticked boxes included) and swaps in the picker's
// options, so nothing ticked is lost and the page does not reload.
(() => {
  function init(picker) {
    const form = picker.closest("form");
    const name = picker.dataset.territoirePicker;
    const input = picker.querySelector(`[name="${picker.dataset.queryName}"]`);
    const status = picker.querySelector("[data-status]");
    if (!form || !input) return;
    let timer;
    let controller;

    async function refresh(browse) {
      const params = new URLSearchParams(new FormData(form));
      params.delete("page");
      if (browse !== undefined) {
        input.value = "";
        params.delete(picker.dataset.queryName);
        params.delete(picker.dataset.browseName);
        if (browse) params.set(picker.dataset.browseName, browse);
      }
      if (controller) controller.abort();
      controller = new AbortController();
      try {
        const url = new URL(form.action || location.href);
        url.search = params.toString();
        url.hash = "";
        const response = await fetch(url, { signal: controller.signal });
        if (!response.ok) return;
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const fresh = page.querySelector(`[data-territoire-picker="${name}"]`);
        if (!fresh) return;
        for (const part of ["[data-chosen]", "[data-found]"]) {
          picker.querySelector(part).replaceWith(fresh.querySelector(part));
        }
        const summary = picker.querySelector("[data-summary]");
        status.textContent = summary ? summary.textContent : "";
        if (browse !== undefined && summary) {
          summary.tabIndex = -1;
          summary.focus();
        }
      } catch (error) {
        if (error.name !== "AbortError") throw error;
      }
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => refresh(), 250);
    });
    input.addEventListener("keydown", (event) => {
      // Enter searches in place instead of submitting the whole form.
      if (event.key === "Enter") {
        event.preventDefault();
        clearTimeout(timer);
        refresh();
      }
    });
    picker.addEventListener("click", (event) => {
      const link = event.target.closest("a[data-browse]");
      if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      refresh(link.dataset.browse);
    });
  }

  function start() {
    document.querySelectorAll("[data-territoire-picker]").forEach(init);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

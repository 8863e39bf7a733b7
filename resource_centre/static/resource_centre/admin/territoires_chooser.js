// The territoires field of the admin (resource_centre/territoire_chooser.py): search as you type,
// click a result to add it to the ticked territoires.
(() => {
  function init(root) {
    const input = root.querySelector("[data-search]");
    const results = root.querySelector("[data-results]");
    const chosen = root.querySelector("[data-chosen]");
    let timer;
    let controller;

    function add(item) {
      let box = chosen.querySelector(`input[value="${item.id}"]`);
      if (!box) {
        const li = document.createElement("li");
        const label = document.createElement("label");
        box = document.createElement("input");
        box.type = "checkbox";
        box.name = root.dataset.name;
        box.value = item.id;
        label.append(box, ` ${item.label}`);
        li.append(label);
        chosen.append(li);
      }
      box.checked = true;
      box.dispatchEvent(new Event("change", { bubbles: true }));
      input.value = "";
      results.replaceChildren();
      input.focus();
    }

    async function search() {
      const query = input.value.trim();
      if (controller) controller.abort();
      if (query.length < 2) {
        results.replaceChildren();
        return;
      }
      controller = new AbortController();
      try {
        const url = `${root.dataset.searchUrl}?q=${encodeURIComponent(query)}`;
        const response = await fetch(url, { signal: controller.signal });
        const data = await response.json();
        results.replaceChildren(
          ...data.results.map((item) => {
            const li = document.createElement("li");
            const button = document.createElement("button");
            button.type = "button";
            button.className = "button button-small button-secondary";
            button.textContent = item.label;
            button.addEventListener("click", () => add(item));
            li.append(button);
            return li;
          }),
        );
        if (!data.results.length) {
          const li = document.createElement("li");
          li.textContent = root.dataset.noResult;
          results.append(li);
        }
      } catch (error) {
        if (error.name !== "AbortError") throw error;
      }
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    input.addEventListener("keydown", (event) => {
      // Enter picks the first result instead of submitting the page's form.
      if (event.key === "Enter") {
        event.preventDefault();
        const first = results.querySelector("button");
        if (first) first.click();
      }
    });
  }

  function start() {
    document.querySelectorAll("[data-territoires-chooser]").forEach(init);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

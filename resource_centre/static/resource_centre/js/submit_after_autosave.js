// Wagtail's autosave saves the editor's form in the background, then writes into the form what
// that save created: the edit URL of a new page, the ids of new inline children such as séances.
// A Publish or Save sent before that answer lands posts them again, and the page or its séances
// are saved twice (wagtail/wagtail#14568). So a submit waits for the autosave on its way.
(() => {
  const saving = new Set(); // forms with an autosave on its way
  const held = new Map(); // form -> the submit button's name and value

  const release = (form) => {
    saving.delete(form);
    const submitter = held.get(form);
    if (!submitter) return;
    held.delete(form);
    // The button itself may be disabled by now (Wagtail's progress state) or replaced by the
    // autosave's new partials: carry its name and value in a field of their own.
    if (submitter.name) {
      const field = document.createElement("input");
      field.type = "hidden";
      field.name = submitter.name;
      field.value = submitter.value;
      form.append(field);
    }
    form.requestSubmit();
  };

  document.addEventListener("w-autosave:save", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    saving.add(form);
    // A save another listener cancelled never answers.
    setTimeout(() => event.defaultPrevented && release(form));
  });
  for (const outcome of ["success", "error", "deactivated"]) {
    document.addEventListener(`w-autosave:${outcome}`, (event) => {
      if (event.target instanceof HTMLFormElement) release(event.target);
    });
  }

  window.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (!saving.has(form)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      held.set(form, { name: event.submitter?.name ?? "", value: event.submitter?.value ?? "" });
    },
    true,
  );
})();

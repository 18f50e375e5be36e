// Choosing a project's method: when another method is chosen, the level list is replaced by that
// method's levels, with the level suggested in it chosen, from the same page asked for with
// ?version=. Without JavaScript the "show levels" button does the same by submitting the form.
(function () {
  "use strict";
  const form = document.getElementById("choose-form");
  const version = document.getElementById("id_version");
  const level = document.getElementById("id_level");
  const button = document.getElementById("show-levels");
  if (!form || !version || !level) {
    return;
  }
  if (button) {
    button.hidden = true;
  }
  let asked = 0;
  version.addEventListener("change", async function () {
    const mine = ++asked;
    const url = new URL(window.location.href);
    url.search = new URLSearchParams({ version: version.value }).toString();
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok || mine !== asked) {
      return;
    }
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const levels = page.getElementById("id_level");
    if (!levels) {
      return;
    }
    level.replaceChildren(...Array.from(levels.options, (option) => document.importNode(option, true)));
    level.value = levels.value;
    level.removeAttribute("aria-invalid");
    level.parentElement.querySelectorAll("[data-field='validation']").forEach((message) => message.remove());
  });
})();

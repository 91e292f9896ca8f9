// Dark mode: the theme chosen in the user menu (light, dark, or the system's),
// remembered in localStorage. Loaded in <head> without `defer`, so the page is
// drawn in its theme from the start instead of flashing light first.
(function () {
  var KEY = "openprm-theme";
  var system = window.matchMedia("(prefers-color-scheme: dark)");

  function chosen() {
    try {
      return localStorage.getItem(KEY) || "auto";
    } catch (error) {
      return "auto";
    }
  }

  function apply(choice) {
    var dark = choice === "dark" || (choice === "auto" && system.matches);
    document.documentElement.setAttribute("data-bs-theme", dark ? "dark" : "light");
    document.querySelectorAll("[data-theme-choice]").forEach(function (button) {
      var on = button.dataset.themeChoice === choice;
      button.classList.toggle("active", on);
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  apply(chosen());
  system.addEventListener("change", function () {
    apply(chosen());
  });
  document.addEventListener("DOMContentLoaded", function () {
    apply(chosen());
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-theme-choice]");
    if (!button) return;
    try {
      localStorage.setItem(KEY, button.dataset.themeChoice);
    } catch (error) {
      // Private windows may refuse storage: the choice then lasts for this page.
    }
    apply(button.dataset.themeChoice);
  });
})();

// The search box (templates/includes/global_search.html). The Content-Security-
// Policy keeps behaviour out of the templates, so it lives here: "/" focuses the
// box from anywhere on the page (unless the user is typing in a field); the
// results HTMX puts under it open when there are any and close with Escape or a
// click elsewhere; the arrow keys move from the box through the results.
(function () {
  "use strict";

  function input() {
    return document.getElementById("global-search-input");
  }

  function results() {
    return document.getElementById("global-search-results");
  }

  function links() {
    var found = results();
    return found ? Array.prototype.slice.call(found.querySelectorAll("a")) : [];
  }

  function show(open) {
    var box = input();
    var found = results();
    if (!box || !found) return;
    var visible = open && found.textContent.trim() !== "";
    found.hidden = !visible;
    found.classList.toggle("show", visible);
    box.setAttribute("aria-expanded", visible ? "true" : "false");
  }

  function typingIn(element) {
    return Boolean(element.closest && element.closest("input, textarea, select, [contenteditable]"));
  }

  document.addEventListener("keydown", function (event) {
    var box = input();
    if (!box) return;
    var inResults = results().contains(event.target);
    if (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typingIn(event.target)) {
      event.preventDefault();
      box.focus();
      box.select();
    } else if (event.key === "Escape" && (event.target === box || inResults)) {
      box.focus();
      show(false);
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && (event.target === box || inResults)) {
      var items = links();
      if (!items.length || results().hidden) return;
      event.preventDefault();
      var at = items.indexOf(event.target);
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) box.focus();
      else items[Math.min(next, items.length - 1)].focus();
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target === results()) show(true);
  });

  document.addEventListener("focusin", function (event) {
    if (event.target === input()) show(true);
  });

  document.addEventListener("click", function (event) {
    if (!event.target.closest("[data-global-search]")) show(false);
  });
})();

// Pickers of customers/widgets/picker.html: choosing a match fills the hidden
// id; typing again clears it, so the form resolves the typed text instead.
(function () {
  if (window.openprmPicker) return;
  window.openprmPicker = true;
  function parts(element) {
    var picker = element.closest("[data-picker]");
    return {
      value: picker.querySelector("[data-picker-value]"),
      search: picker.querySelector("[data-picker-search]"),
      results: picker.querySelector("[data-picker-results]"),
    };
  }
  document.addEventListener("click", function (event) {
    var option = event.target.closest("[data-pick-id]");
    if (!option || !option.closest("[data-picker]")) return;
    event.preventDefault();
    var p = parts(option);
    p.value.value = option.dataset.pickId;
    p.search.value = option.dataset.pickLabel;
    p.results.innerHTML = "";
    p.search.setAttribute("aria-expanded", "false");
    p.search.focus();
  });
  document.addEventListener("input", function (event) {
    if (event.target.matches("[data-picker-search]")) parts(event.target).value.value = "";
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    if (!event.target.matches("[data-picker-results]")) return;
    var p = parts(event.target);
    p.search.setAttribute("aria-expanded", event.target.children.length ? "true" : "false");
  });
})();

// The Add a line form of an order page: choosing its product, or typing a
// new one, redraws the options field for that product (order_line_options).
(function () {
  if (window.openprmLineOptions) return;
  window.openprmLineOptions = true;
  function redraw(element) {
    var form = element.closest("[data-line-form]");
    var loader = form && form.querySelector("[data-line-options]");
    // after the picker has filled (or cleared) the product's hidden id
    if (loader) window.setTimeout(function () { htmx.trigger(loader, "product-picked"); }, 0);
  }
  // capture: the picker empties its list, the clicked match with it, on the way up
  document.addEventListener(
    "click",
    function (event) {
      if (event.target.closest("[data-pick-id]")) redraw(event.target);
    },
    true
  );
  document.addEventListener("input", function (event) {
    if (!event.target.matches("[data-picker-search]")) return;
    var form = event.target.closest("[data-line-form]");
    if (form && form.querySelector("#id_options_wrap input[type=checkbox]")) redraw(event.target);
  });
})();

// Behaviour the Content-Security-Policy keeps out of the templates (no inline
// event handlers): a form with `data-confirm` asks before it is sent.
document.addEventListener("submit", function (event) {
  var form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
});

// Home blocks pack (openprm.css, `.home-blocks.packed`): each block spans as many 1px grid rows as
// its card is tall plus the gap, so cards keep their own height and leave no hole beside a tall
// one. Cards that change height (a chart drawn, a notification dismissed) are measured again.
(function () {
  "use strict";
  var GAP = 16;
  function pack(grid) {
    var packed = getComputedStyle(grid).display === "grid";
    grid.querySelectorAll(":scope > *").forEach(function (block) {
      block.style.gridRowEnd = packed ? "span " + Math.ceil(block.getBoundingClientRect().height + GAP) : "";
    });
  }
  function start() {
    document.querySelectorAll(".home-blocks").forEach(function (grid) {
      grid.classList.add("packed");
      var observer = new ResizeObserver(function () { pack(grid); });
      observer.observe(grid);
      grid.querySelectorAll(":scope > *").forEach(function (block) { observer.observe(block); });
      pack(grid);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

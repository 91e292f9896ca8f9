// Behaviour the Content-Security-Policy keeps out of the templates (no inline
// event handlers): a form with `data-confirm` asks before it is sent.
document.addEventListener("submit", function (event) {
  var form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
});

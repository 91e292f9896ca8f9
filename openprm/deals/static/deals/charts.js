// Draws the deal analytics charts (DEAL-5) with Chart.js, served by the app.
// The figures come from the page's <script type="application/json" id="deal-charts">.
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("deal-charts");
    if (!source || typeof Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    var styles = getComputedStyle(document.body);
    var text = styles.getPropertyValue("--tblr-body-color") || "#1d273b";
    Chart.defaults.color = text.trim();
    var states = document.getElementById("chart-states");
    if (states && data.states.values.length) {
      new Chart(states, {
        type: "doughnut",
        data: { labels: data.states.labels, datasets: [{ data: data.states.values }] },
        options: { plugins: { legend: { position: "bottom" } }, maintainAspectRatio: false },
      });
    }
    var revenue = document.getElementById("chart-revenue");
    if (revenue) {
      new Chart(revenue, {
        type: "bar",
        data: {
          labels: data.revenue.labels,
          datasets: [{ data: data.revenue.values, backgroundColor: ["#4299e1", "#2fb344"] }],
        },
        options: { plugins: { legend: { display: false } }, maintainAspectRatio: false },
      });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();

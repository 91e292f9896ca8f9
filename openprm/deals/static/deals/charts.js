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
    if (revenue && data.revenue.datasets.length) {
      // One bar group per currency: amounts in different currencies are never added up.
      var single = data.revenue.datasets.length === 1;
      new Chart(revenue, {
        type: "bar",
        data: {
          labels: data.revenue.labels,
          datasets: data.revenue.datasets.map(function (set) {
            return {
              label: set.label,
              data: set.values,
              backgroundColor: single ? ["#4299e1", "#2fb344"] : undefined,
            };
          }),
        },
        options: {
          plugins: {
            legend: { display: !single, position: "bottom" },
            tooltip: { callbacks: { label: function (item) {
              return item.dataset.label + " " + item.formattedValue;
            } } },
          },
          maintainAspectRatio: false,
        },
      });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();

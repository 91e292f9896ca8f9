// Draws the portal dashboard's charts (PRG-8) with Chart.js, served by the app.
// Each chart is a <canvas data-chart-source="ID" data-chart-type="doughnut|bar"> whose
// figures are the page's <script type="application/json" id="ID">. Every chart block
// includes this script; the first copy loads Chart.js once and draws them all.
(function () {
  "use strict";
  if (window.openprmHomeCharts) return;
  window.openprmHomeCharts = true;
  var library = document.currentScript && document.currentScript.dataset.chartjs;
  var palette = {
    new: "#4299e1", offered: "#f59f00", accepted: "#2fb344", converted: "#0ca678",
    disqualified: "#a8aeb7", prospecting: "#74b9ff", qualification: "#4299e1",
    proposal: "#4263eb", negotiation: "#ae3ec9", won: "#2fb344", lost: "#d63939",
  };

  function colors(codes) {
    return codes.map(function (code) { return palette[code] || "#206bc4"; });
  }

  function draw() {
    var text = getComputedStyle(document.body).getPropertyValue("--tblr-body-color");
    Chart.defaults.color = (text || "#1d273b").trim();
    document.querySelectorAll("canvas[data-chart-source]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chartSource);
      if (!source || Chart.getChart(canvas)) return;
      var data = JSON.parse(source.textContent);
      var bar = canvas.dataset.chartType === "bar";
      new Chart(canvas, {
        type: bar ? "bar" : "doughnut",
        data: {
          labels: data.labels,
          datasets: [{ data: data.values, backgroundColor: colors(data.codes), borderWidth: bar ? 0 : 2 }],
        },
        options: {
          maintainAspectRatio: false,
          indexAxis: bar ? "y" : "x",
          // Below the doughnut the legend wraps its labels; beside it, a narrow card cut them.
          plugins: { legend: { display: !bar, position: "bottom" } },
          scales: bar ? { x: { beginAtZero: true, ticks: { precision: 0 } } } : {},
        },
      });
    });
  }

  function start() {
    if (typeof Chart !== "undefined") return draw();
    if (!library) return;
    var script = document.createElement("script");
    script.src = library;
    script.onload = draw;
    document.head.appendChild(script);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

// Cumulative progress of one target against its linear target line.
// Data come from the json_script element "halmozott-adatok" (no inline script: strict CSP).
(function () {
  "use strict";
  var adatElem = document.getElementById("halmozott-adatok");
  var vaszon = document.getElementById("halmozott-grafikon");
  if (!adatElem || !vaszon || typeof Chart === "undefined") {
    return;
  }
  var adat = JSON.parse(adatElem.textContent);
  var cimkek = adat.pontok.map(function (p) { return p.datum; });
  new Chart(vaszon, {
    type: "line",
    data: {
      labels: cimkek,
      datasets: [
        {
          label: "Halmozott tény",
          data: adat.pontok.map(function (p) { return p.ertek; }),
          borderColor: "#0b5ed7",
          backgroundColor: "#0b5ed7",
          tension: 0
        },
        {
          label: "Elvárt (célérték " + adat.celertek + ", határidő " + adat.hatarido + ")",
          data: adat.pontok.map(function (p) { return p.elvart; }),
          borderColor: "#6c757d",
          borderDash: [6, 4],
          pointRadius: 0
        }
      ]
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { beginAtZero: true, suggestedMax: adat.celertek } },
      plugins: { legend: { position: "bottom" } }
    }
  });
})();

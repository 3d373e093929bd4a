// Draws each dashboard table marked data-chart as a Chart.js chart above it. The table stays
// on the page: it is what screen readers and pages without JavaScript read.
function chartData(table) {
  const headings = [...table.tHead.rows[0].cells].slice(1).map((cell) => cell.textContent.trim());
  const rows = [...table.tBodies[0].rows].filter((row) => row.cells.length > 1);
  return {
    labels: rows.map((row) => row.cells[0].textContent.trim()),
    datasets: headings.map((label, column) => ({
      label,
      data: rows.map((row) => Number(row.cells[column + 1].dataset.value || 0)),
    })),
  };
}

function drawChart(table) {
  const holder = document.querySelector(`[data-chart-for="${table.id}"]`);
  if (!holder || typeof Chart === "undefined") {
    return;
  }
  const canvas = document.createElement("canvas");
  holder.appendChild(canvas);
  new Chart(canvas, {
    type: table.dataset.chart,
    data: chartData(table),
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
}

document.addEventListener("DOMContentLoaded", () => {
  for (const table of document.querySelectorAll("table[data-chart]")) {
    drawChart(table);
  }
});

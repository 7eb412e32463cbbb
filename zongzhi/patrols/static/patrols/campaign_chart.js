// The campaign's figures beside those of the same period a year earlier, as a grouped bar chart (ECharts, vendored).
(function () {
  "use strict";
  var holder = document.getElementById("campaign-chart");
  var source = document.getElementById("campaign-chart-data");
  if (!holder || !source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var chart = echarts.init(holder, null, { renderer: "svg" });
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { data: [data.this_label, data.last_label] },
    grid: { left: 40, right: 16, bottom: 70, top: 40 },
    xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: data.this_label, type: "bar", data: data.this, itemStyle: { color: "#206bc4" } },
      { name: data.last_label, type: "bar", data: data.last, itemStyle: { color: "#a6b0bf" } }
    ]
  });
  window.addEventListener("resize", function () { chart.resize(); });
  holder.dataset.ready = "1";
})();

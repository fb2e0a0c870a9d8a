// Measures the report as Chromium lays it out; test_report.py injects it into a copy of the
// report and reads the JSON it leaves in the element with id "layout" (from --dump-dom).
(() => {
  const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const shown = (e) => e.getClientRects().length > 0;
  const width = document.documentElement.clientWidth;
  const charts = () => [...document.querySelectorAll("figure.chart")].filter(shown).map((figure) => {
    const svg = figure.querySelector("svg").getBoundingClientRect();
    const legend = (figure.querySelector(".legend") || figure.closest("section").querySelector(".legend"));
    const dots = [...figure.querySelectorAll('svg g[id*="PathCollection"]')].map(
      (group) => [...group.querySelectorAll("path, use")].map((u) => u.getBoundingClientRect()));
    const overlapping = dots.flatMap((boxes) => boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => hit(a, b))));
    return {
      section: figure.closest("section").id, title: (figure.querySelector("h3") || {}).textContent || "",
      svg_right: svg.right, svg_width: svg.width,
      legend_over_chart: legend ? hit(legend.getBoundingClientRect(), svg) : null,
      dots: dots.reduce((n, boxes) => n + boxes.length, 0),
      biggest_dot: Math.max(0, ...dots.flat().map((b) => b.width)),
      overlapping_dots: overlapping.length,
    };
  });
  const result = {
    viewport: width,
    page_width: document.documentElement.scrollWidth,
    // A wrapper that scrolls sideways hides part of its table: nothing may.
    overflowing: [...document.querySelectorAll(".scroll, section, figure")]
      .filter((e) => shown(e) && e.scrollWidth > e.clientWidth + 1)
      .map((e) => (e.closest("section") || {}).id + ":" + e.className),
    past_the_edge: [...document.querySelectorAll("body *")]
      .filter((e) => shown(e) && e.getBoundingClientRect().right > width + 1).map((e) => e.tagName).slice(0, 10),
    charts: charts(),
    years: [],
  };
  // The year selector: checking each year's button shows that year's chart, and it is laid out too.
  for (const input of document.querySelectorAll('#provinces input[type="radio"]')) {
    input.checked = true;
    result.years.push({ year: input.id.split("-").pop(), charts: charts().filter((c) => c.section === "provinces") });
  }
  const out = document.createElement("pre");
  out.id = "layout";
  out.textContent = JSON.stringify(result);
  document.body.appendChild(out);
})();

import assert from "node:assert/strict";
import { test } from "node:test";
import { sparkline, trendMermaid, trendSvg } from "./trend.js";

test("a sparkline scales from the smallest to the largest value and shows unknown as a gap, not a zero", () => {
  assert.equal(sparkline([0, 7, 14]), "▁▅█");
  assert.equal(sparkline([3, null, 3]), "▄·▄");
  assert.equal(sparkline([null, null]), "··");
});

test("hostile project text cannot become markup in the SVG or end the mermaid string", () => {
  const title = `x"/><script>alert(1)</script>&" [a]{b}\nline`;
  const trend = { title, periods: ["2024-03-31", "2024-06-30", "2024-09-30"], values: [1, null, 5] };
  const svg = trendSvg(trend);
  assert.ok(!svg.includes("<script"), svg);
  assert.ok(svg.includes("&lt;script&gt;"));
  // two runs of known values: the unknown quarter is a gap
  assert.equal((svg.match(/<circle /g) ?? []).length, 2);
  const mermaid = trendMermaid(trend);
  const titleLine = mermaid.split("\n").find((l) => l.includes("title"))!;
  assert.equal((titleLine.match(/"/g) ?? []).length, 2, titleLine);
  assert.ok(!/[<>[\]{}]/.test(titleLine.slice(titleLine.indexOf('"'))), titleLine);
  assert.match(mermaid, /1 unknown left out/);
  assert.match(mermaid, /line \[1, 5\]/);
});

import { renderReadme, importReadme } from "./index.js";
import { ReadmeSource } from "./readme-source.js";
import { API_VERSION } from "../catalog/index.js";
import { readFileSync } from "node:fs";
const md0 = readFileSync("/work/shared/reference/portfolio-README.md", "utf8");
const c = importReadme(md0).catalog!;
const projects = []; for (let i = 0; i < 2000; i++) { const p = c.projects[i % 19]!; projects.push({ ...p, id: `p${i}`, name: `P ${i}`, persona: c.personas[i % 6]!.id }); }
const md = renderReadme({ ...c, projects });
for (let k = 0; k < 3; k++) {
  let t = performance.now(); new ReadmeSource(md); const a = performance.now() - t;
  t = performance.now(); importReadme(md); const b = performance.now() - t;
  console.log({ source: a.toFixed(0), total: b.toFixed(0) });
}

/**
 * Benchmark of the catalog ↔ README pipeline at scale.
 *
 *   node_modules/.bin/tsx bench/catalog-bench.ts [--projects N] [--personas N]
 *
 * Generates a deterministic catalog (default 2,000 projects in 40 personas, every README
 * column filled the way the Azure Container Compute README fills it), writes it as YAML to a
 * temp folder, warms up once, then times (a) validate: loadCatalog from disk (YAML parse,
 * schema, rules), (b) render: renderReadme, (c) import: importReadme of that README. Each
 * figure is the median of 3 runs. The three together must stay under 1 s.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import {
  API_VERSION,
  loadCatalog,
  stringifyCatalog,
  type Catalog,
  type Persona,
  type Project,
} from "../src/catalog/index.js";
import { importReadme, renderReadme } from "../src/markdown/index.js";

const TARGET_MS = 1000;
const RUNS = 3;

/** A catalog of `projects` projects spread evenly over `personas` personas; same input, same output. */
export function benchCatalog(projects: number, personas: number): Catalog {
  const personaList: Persona[] = Array.from({ length: personas }, (_, i) => ({
    id: `persona-${i + 1}`,
    title: `Persona ${i + 1} & Friends`,
    order: i + 1,
  }));
  const frameworks = [
    ["CNCF", "incubating"],
    ["Azure", "sandbox"],
    ["Kubernetes", "stable"],
    ["Moby", "??"],
  ] as const;
  const projectList: Project[] = [];
  for (let i = 0; i < projects; i++) {
    const persona = personaList[Math.floor((i * personas) / projects)]!;
    const repo = `https://github.com/org-${i % 97}/project-${i}`;
    const [framework, level] = frameworks[i % frameworks.length]!;
    projectList.push({
      id: `project-${i}`,
      name: `Project ${i}`,
      persona: persona.id,
      home: repo,
      artifacts: [
        { label: "releases", url: `${repo}/releases`, parenthesized: true },
        { label: "Tests", url: `https://testgrid.k8s.io/project-${i}` },
      ],
      goal: `Goal of project ${i}: run [workloads](https://example.com/${i}) on Kubernetes`,
      state: { framework, level },
      versions:
        i % 3 === 0
          ? {
              label: "APIs",
              items: [
                { name: "Traffic Split", version: "v1alpha3" },
                { name: "Traffic Target", version: "v1alpha1" },
              ],
            }
          : { label: "API", text: "N/A" },
      channels: [
        { kind: "slack", label: `#project-${i}`, url: `https://kubernetes.slack.com/archives/C${i}` },
        {
          kind: "mailing-list",
          label: `project-${i}@googlegroups.com`,
          url: `https://groups.google.com/forum/#!forum/project-${i}`,
        },
        { kind: "issues", label: "GitHub issues", url: `${repo}/issues` },
      ],
      usedIn: [
        { title: "Azure Kubernetes Service", url: "https://docs.microsoft.com/en-us/azure/aks/" },
        { title: "Use with AKS Engine", url: `https://github.com/Azure/aks-engine/tree/master/examples/${i}` },
      ],
      repositories: [repo],
    });
  }
  return {
    apiVersion: API_VERSION,
    program: {
      name: "Bench Upstream",
      usedInTitle: "Use on Azure",
      support: "Community support only.",
      contributing: "Open an issue.",
    },
    readme: {
      layout: "persona-tables",
      sections: [
        { heading: "Welcome", body: "A generated program." },
        { heading: "Announcements", role: "announcements" },
        { heading: "Support", role: "support" },
        { heading: "Projects", role: "projects", body: "Grouped by persona." },
        { heading: "Contributing", role: "contributing" },
      ],
      announcementsEmpty: "No announcements at this time.",
      personaHeadingLevel: 3,
    },
    personas: personaList,
    projects: projectList,
  };
}

async function time<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

async function median<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const runs: Array<{ ms: number; value: T }> = [];
  for (let i = 0; i < RUNS; i++) runs.push(await time(fn));
  runs.sort((a, b) => a.ms - b.ms);
  return runs[Math.floor(RUNS / 2)]!;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { projects: { type: "string", default: "2000" }, personas: { type: "string", default: "40" } },
  });
  const catalog = benchCatalog(Number(values.projects), Number(values.personas));
  const dir = mkdtempSync(join(tmpdir(), "catalog-bench-"));
  try {
    const file = join(dir, "upstream.yaml");
    writeFileSync(file, stringifyCatalog(catalog));

    // warm up: JIT, module caches
    const warm = await loadCatalog(file);
    if (!warm.catalog) throw new Error(`the generated catalog does not validate: ${warm.issues[0]?.message}`);
    const warmReadme = renderReadme(warm.catalog);
    const warmImport = importReadme(warmReadme);
    if (warmImport.catalog?.projects.length !== catalog.projects.length)
      throw new Error("the rendered README does not import back");

    const validate = await median(() => loadCatalog(file));
    const render = await median(() => renderReadme(validate.value.catalog!));
    const imported = await median(() => importReadme(render.value));
    const total = validate.ms + render.ms + imported.ms;
    const kb = (Buffer.byteLength(render.value) / 1024).toFixed(0);
    const row = (label: string, ms: number) => `${label.padEnd(10)}${ms.toFixed(1).padStart(9)} ms`;
    process.stdout.write(
      [
        `catalog: ${catalog.projects.length} projects in ${catalog.personas.length} ` +
          `personas; README ${kb} KiB; median of ${RUNS} runs after a warm-up`,
        row("validate", validate.ms),
        row("render", render.ms),
        row("import", imported.ms),
        row("total", total),
        `${total < TARGET_MS ? "PASS" : "FAIL"}: total ${total.toFixed(0)} ms vs target < ${TARGET_MS} ms`,
        "",
      ].join("\n"),
    );
    if (total >= TARGET_MS) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Run only when executed, so other benches and tests can import benchCatalog.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

/**
 * What the tool concludes on real repositories: runs `collect` and `assess` over the snapshots
 * present locally (bare git dirs at $MIRROR_DIR/<owner>+<name>/repo, as the search tool's
 * `fetch` leaves them; absent ones are skipped) and prints, per repository, the figures a
 * reviewer checks by hand: people (bots apart), organizations, maintainers with their source,
 * adopters, releases, lifecycle; then each project's supported level and its automatic
 * criteria that came out "not met".
 *
 *   npm run real-repos                      # every known project whose snapshot is present
 *   npm run real-repos -- containerd etcd   # some of them
 *   npm run real-repos -- --markdown        # the table as markdown
 *   MIRROR_DIR=/srv/mirrors npm run real-repos
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const MIRROR_DIR = process.env.MIRROR_DIR ?? "/work/.mirror";

interface Known {
  readonly id: string;
  /** owner/name, the first the project's code, the rest `role: governance` when marked with a leading '@'. */
  readonly repositories: readonly string[];
  /** The CNCF TOC's public level, or another program's state. */
  readonly state?: { readonly framework: string; readonly level: string };
  /** A folder of a monorepo. */
  readonly path?: string;
}

const CNCF = (level: string) => ({ framework: "CNCF", level });

/** The bundled example's repositories and a spread of CNCF projects (levels as the CNCF TOC lists them). */
const KNOWN: readonly Known[] = [
  { id: "containerd", repositories: ["containerd/containerd", "@containerd/project"], state: CNCF("graduated") },
  { id: "etcd", repositories: ["etcd-io/etcd", "@etcd-io/website"], state: CNCF("graduated") },
  { id: "prometheus", repositories: ["prometheus/prometheus"], state: CNCF("graduated") },
  { id: "flux2", repositories: ["fluxcd/flux2", "@fluxcd/community"], state: CNCF("graduated") },
  {
    id: "gatekeeper",
    repositories: ["open-policy-agent/gatekeeper", "@open-policy-agent/community"],
    state: CNCF("graduated"),
  },
  { id: "argo-cd", repositories: ["argoproj/argo-cd"], state: CNCF("graduated") },
  { id: "keda", repositories: ["kedacore/keda"], state: CNCF("graduated") },
  { id: "linkerd2", repositories: ["linkerd/linkerd2"], state: CNCF("graduated") },
  { id: "cert-manager", repositories: ["cert-manager/cert-manager"], state: CNCF("graduated") },
  { id: "dapr", repositories: ["dapr/dapr"], state: CNCF("graduated") },
  { id: "kyverno", repositories: ["kyverno/kyverno"], state: CNCF("incubating") },
  { id: "virtual-kubelet", repositories: ["virtual-kubelet/virtual-kubelet"], state: CNCF("sandbox") },
  { id: "coredns", repositories: ["coredns/coredns"], state: CNCF("graduated") },
  { id: "falco", repositories: ["falcosecurity/falco"], state: CNCF("graduated") },
  { id: "spire", repositories: ["spiffe/spire"], state: CNCF("graduated") },
  { id: "crossplane", repositories: ["crossplane/crossplane"], state: CNCF("graduated") },
  { id: "jaeger", repositories: ["jaegertracing/jaeger"], state: CNCF("graduated") },
  { id: "rook", repositories: ["rook/rook"], state: CNCF("graduated") },
  { id: "helm", repositories: ["helm/helm"], state: CNCF("graduated") },
  { id: "thanos", repositories: ["thanos-io/thanos"], state: CNCF("incubating") },
  { id: "nats-server", repositories: ["nats-io/nats-server"], state: CNCF("incubating") },
  { id: "tikv", repositories: ["tikv/tikv"], state: CNCF("graduated") },
  { id: "kubeedge", repositories: ["kubeedge/kubeedge"], state: CNCF("graduated") },
  { id: "moby", repositories: ["moby/moby"] },
  { id: "kind", repositories: ["kubernetes-sigs/kind"] },
  {
    id: "cluster-api-provider-azure",
    repositories: ["kubernetes-sigs/cluster-api-provider-azure"],
    state: CNCF("incubating"),
  },
  { id: "cloud-provider-azure", repositories: ["kubernetes-sigs/cloud-provider-azure"] },
  { id: "secrets-store-csi-driver", repositories: ["kubernetes-sigs/secrets-store-csi-driver"] },
  { id: "azuredisk-csi-driver", repositories: ["kubernetes-sigs/azuredisk-csi-driver"] },
  { id: "azurefile-csi-driver", repositories: ["kubernetes-sigs/azurefile-csi-driver"] },
  { id: "blobfuse-csi-driver", repositories: ["kubernetes-sigs/blobfuse-csi-driver"] },
  {
    id: "cluster-autoscaler-azure",
    repositories: ["kubernetes/autoscaler"],
    path: "cluster-autoscaler/cloudprovider/azure",
  },
  { id: "aks-engine", repositories: ["Azure/aks-engine"] },
  { id: "aad-pod-identity", repositories: ["Azure/aad-pod-identity"] },
  { id: "secrets-store-csi-driver-provider-azure", repositories: ["Azure/secrets-store-csi-driver-provider-azure"] },
  { id: "kubernetes-keyvault-flexvol", repositories: ["Azure/kubernetes-keyvault-flexvol"] },
  { id: "smi-spec", repositories: ["deislabs/smi-spec"] },
];

const snapshot = (repo: string): string => join(MIRROR_DIR, repo.replace(/^@/, "").replace("/", "+"), "repo");

function run(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "upstream.js"), ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Reads the CLI's JSON loosely: older and newer evidence shapes both print.
// biome-ignore lint/suspicious/noExplicitAny: the CLI's JSON is read loosely, across evidence shapes
type Json = Record<string, any>;

/** " in owner/name" when a file was read from another repository than the one collected. */
function elsewhere(source: unknown, repository: unknown): string {
  return source && source !== repository ? ` in ${String(source).replace("https://github.com/", "")}` : "";
}

function cell(v: unknown): string {
  return v === undefined || v === null ? "?" : String(v);
}

function pad(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** The same rows as a markdown table (for a closing note or a review document); `|` escaped. */
function markdownTable(rows: string[][]): string {
  const cells = (r: string[]) => `| ${rows[0]!.map((_, i) => (r[i] ?? "").replace(/\|/g, "\\|")).join(" | ")} |`;
  return [cells(rows[0]!), `| ${rows[0]!.map(() => "---").join(" | ")} |`, ...rows.slice(1).map(cells)].join("\n");
}

function main(): number {
  const markdown = process.argv.includes("--markdown");
  const wanted = process.argv.slice(2).filter((a) => a !== "--markdown");
  const chosen = KNOWN.filter((k) => wanted.length === 0 || wanted.includes(k.id));
  const present = chosen.filter((k) => existsSync(snapshot(k.repositories[0]!)));
  const absent = chosen.filter((k) => !present.includes(k));
  if (absent.length)
    process.stderr.write(`skipped (no snapshot under ${MIRROR_DIR}): ${absent.map((k) => k.id).join(", ")}\n`);
  if (present.length === 0) {
    process.stderr.write("no snapshot present: nothing to check\n");
    return 0;
  }
  const dir = mkdtempSync(join(tmpdir(), "upstream-real-"));
  try {
    // The catalog names repositories by their GitHub URLs, as a team's does, and a mirror maps
    // them to the snapshots: links between repositories (a MAINTAINERS pointing to the org's
    // community repository) resolve as they would online.
    const farm = join(dir, "mirror");
    for (const k of present)
      for (const r of k.repositories.filter((x) => existsSync(snapshot(x)))) {
        const [owner, name] = r.replace(/^@/, "").split("/") as [string, string];
        mkdirSync(join(farm, owner), { recursive: true });
        if (!existsSync(join(farm, owner, name))) symlinkSync(snapshot(r), join(farm, owner, name));
      }
    const url = (r: string) => JSON.stringify(`https://github.com/${r.replace(/^@/, "")}`);
    const projects = present.map((k) => {
      const repos = k.repositories
        .filter((r) => existsSync(snapshot(r)))
        .map((r) =>
          r.startsWith("@")
            ? `{url: ${url(r)}, role: governance}`
            : k.path
              ? `{url: ${url(r)}, path: ${JSON.stringify(k.path)}}`
              : url(r),
        );
      const state = k.state ? `, state: {framework: ${k.state.framework}, level: ${k.state.level}}` : "";
      return `  - {id: ${k.id}, name: ${k.id}, persona: p${state}, repositories: [${repos.join(", ")}]}`;
    });
    writeFileSync(
      join(dir, "upstream.yaml"),
      `apiVersion: upstream/v1\nprogram:\n  name: Real repositories\n  organizations: [Microsoft]\n  frameworks: ` +
        `{CNCF: cncf}\n  mirrors: {"https://github.com/": ${JSON.stringify(farm + "/")}}\npersonas: ` +
        `[{id: p, title: Projects}]\nprojects:\n${projects.join("\n")}\n`,
    );
    const cacheDir = process.env.UPSTREAM_CACHE_DIR ?? join(dir, "cache");
    const collected = run(["collect", "--catalog", dir, "--cache-dir", cacheDir, "--json"]);
    if (!collected.stdout.trim()) {
      process.stderr.write(collected.stderr);
      return 1;
    }
    const evidence = (JSON.parse(collected.stdout) as { projects: Json[] }).projects;
    const rows: string[][] = [
      [
        "repository",
        "as of",
        "commits 12m",
        "people",
        "bots",
        "merged ids",
        "orgs",
        "elephant",
        "maintainers",
        "adopters",
        "releases 12m",
        "latest stable",
        "lifecycle",
      ],
    ];
    for (const project of evidence) {
      for (const r of project.repositories as Json[]) {
        const name = String(r.repository).replace("https://github.com/", "");
        const h = r.history as Json | undefined;
        const governanceOnly = r.role === "governance";
        const m = r.maintainers as Json;
        const maint =
          m?.unknown && !m.maintainers?.length
            ? `? (${m.unknown.reason ?? m.unknown})`
            : m?.file?.how === "none"
              ? "none"
              : `${m?.maintainers?.length ?? "?"}${m?.unknown ? "+" : ""} ` +
                `${m?.file?.path ?? ""}${elsewhere(m?.file?.source?.repository, r.repository)}`.trim();
        const a = r.files?.adopters as Json | undefined;
        const adopters =
          a?.how === "file"
            ? `${cell(a.count)} ${a.path}`
            : a?.how === "readme-reference"
              ? `link ${a.url ?? a.reference}`
              : "none";
        rows.push([
          name,
          String(r.asOf),
          governanceOnly ? "(files only)" : cell(h?.commitsLast12Months),
          governanceOnly ? "" : cell(h?.contributors),
          governanceOnly
            ? ""
            : h?.bots
              ? `${h.bots.identities ?? h.bots.count ?? "?"} ` +
                `(${h.bots.commits} commit${h.bots.commits === 1 ? "" : "s"})`
              : "?",
          governanceOnly ? "" : cell(h?.mergedIdentities?.count ?? h?.mergedIdentities),
          governanceOnly
            ? ""
            : cell(h?.organizations?.filter((o: Json) => !String(o.organization).startsWith("(")).length),
          governanceOnly
            ? ""
            : `${cell(h?.elephantFactor?.value)}: ${(h?.elephantFactor?.organizations ?? []).slice(0, 3).join(", ")}`,
          maint,
          adopters,
          governanceOnly ? "" : cell(r.releases?.releasesLast12Months),
          governanceOnly ? "" : cell(r.releases?.latestStable?.tag),
          r.lifecycle
            ? r.lifecycle.state === "active"
              ? "active"
              : `${r.lifecycle.state}: ${String(r.lifecycle.reason ?? "").slice(0, 70)}`
            : "?",
        ]);
      }
      for (const f of project.failures as Json[])
        rows.push([String(f.repository), "", `FAILED ${f.code}: ${f.message}`]);
    }
    process.stdout.write((markdown ? markdownTable(rows) : pad(rows)) + "\n\n");

    const assessed = run([
      "assess",
      "--catalog",
      dir,
      "--cache-dir",
      cacheDir,
      "--json",
      "--allow-unreadable",
      "--no-fetch",
    ]);
    const { assessments } = JSON.parse(assessed.stdout) as { assessments: Json[] };
    for (const a of assessments) {
      if (!a.framework) continue;
      // Criteria evidence decides or helps decide (a rule applies): "not met" must mean truly absent.
      const byEvidence = (a.findings as Json[]).filter((f) => f.ruleId && f.ruleId !== "previous-stage");
      const notMet = byEvidence.filter((f) => f.status === "not-met");
      const unknown = byEvidence.filter((f) => f.status === "unknown" && f.decided === "automatic");
      process.stdout.write(
        `${a.project}: declared ${a.declared.written ?? "—"}, supported ${a.supported ?? "none"}; ` +
          `evidence-decided criteria not met: ${notMet.length}, automatic unknown: ${unknown.length}\n`,
      );
      for (const f of notMet) process.stdout.write(`  ✘ ${f.criterionId}: ${(f.evidence as string[]).join("; ")}\n`);
      for (const f of unknown) process.stdout.write(`  ? ${f.criterionId}: ${(f.evidence as string[]).join("; ")}\n`);
    }
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = main();

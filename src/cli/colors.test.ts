import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { colorEnabled, colorize, keptWhenQuiet, outputPolicy } from "./colors.js";
import { PACKAGE_ROOT } from "./shared.js";
import { UPSTREAM_BIN } from "./testing.js";

const ESC = "\x1b";
const BUNDLED = join(PACKAGE_ROOT, "examples", "azure-container-compute", "upstream.yaml");
const BROKEN = join(PACKAGE_ROOT, "examples", "broken-catalog.yaml");

/** The environment without any colour setting of the machine running the tests. */
function plainEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const { NO_COLOR: _n, FORCE_COLOR: _f, TERM: _t, ...env } = process.env;
  return { ...env, TERM: "xterm-256color", UPSTREAM_FROM_SOURCES: "1", ...extra };
}

describe("colorEnabled", () => {
  const tty = { isTTY: true, env: { TERM: "xterm" } };
  it("is on for a terminal, off for a pipe", () => {
    assert.equal(colorEnabled(tty), true);
    assert.equal(colorEnabled({ ...tty, isTTY: false }), false);
  });
  it("is off with --no-color, NO_COLOR (any non-empty value) or TERM=dumb", () => {
    assert.equal(colorEnabled({ ...tty, flag: false }), false);
    assert.equal(colorEnabled({ ...tty, env: { NO_COLOR: "1" } }), false);
    assert.equal(colorEnabled({ ...tty, env: { NO_COLOR: "0" } }), false);
    assert.equal(colorEnabled({ ...tty, env: { NO_COLOR: "" } }), true, "an empty NO_COLOR is unset (no-color.org)");
    assert.equal(colorEnabled({ ...tty, env: { TERM: "dumb" } }), false);
  });
});

describe("outputPolicy", () => {
  const streams = { stdoutIsTTY: true, stderrIsTTY: true };
  it("colours reports on stdout, never JSON, markdown, YAML or SVG", () => {
    const p = (name: string, options: Record<string, unknown> = {}) =>
      outputPolicy({ name, options }, {}, streams, {}).colorStdout;
    assert.equal(p("assess"), true);
    assert.equal(p("assess", { json: true }), false);
    assert.equal(p("assess", { format: "json" }), false);
    assert.equal(p("assess", { format: "markdown" }), false);
    assert.equal(p("validate", { json: true }), false);
    for (const data of ["badge", "import", "schema", "readme"]) assert.equal(p(data), false, data);
  });
  it("still colours stderr's issues where stdout is data, and takes --no-color and --quiet", () => {
    const json = outputPolicy({ name: "assess", options: { json: true } }, {}, streams, {});
    assert.equal(json.colorStderr, true);
    const off = outputPolicy({ name: "assess", options: {} }, { color: false, quiet: true }, streams, {});
    assert.deepEqual([off.colorStdout, off.colorStderr, off.quiet], [false, false, true]);
  });
});

describe("colorize", () => {
  it("colours status marks, a table's heading and an issue's severity, and keeps the text", () => {
    const text =
      "project  drift\n-------  -----\na        ⚠ declared above\nb        ? unconfirmed\n" +
      "    ✔ met       x\n    ✘ not met   y\nf.yaml:1:2: error: bad [E_X]\n    fix: do this\n";
    const out = colorize(text);
    assert.equal(out.replace(/\x1b\[\d+m/g, ""), text);
    assert.match(out, /\x1b\[1mproject {2}drift\x1b\[22m/);
    assert.match(out, /\x1b\[33m⚠ declared above\x1b\[39m/);
    assert.match(out, /\x1b\[33m\? unconfirmed\x1b\[39m/);
    assert.match(out, /\x1b\[32m✔ met\x1b\[39m/);
    assert.match(out, /\x1b\[31m✘ not met\x1b\[39m/);
    assert.match(out, /: \x1b\[31m\x1b\[1merror\x1b\[22m\x1b\[39m: bad/);
    assert.match(out, /\x1b\[36mfix:\x1b\[39m/);
  });
  it("leaves a question mark inside words and sentences alone", () => {
    assert.equal(colorize("did you mean 'name'?\n"), "did you mean 'name'?\n");
  });
});

describe("keptWhenQuiet", () => {
  it("keeps errors and the reasons a command fails, drops warnings and notes", () => {
    assert.equal(keptWhenQuiet("a.yaml:1:2: error: bad [E_X]\n    fix: x\n"), true);
    assert.equal(keptWhenQuiet("upstream: a.yaml: 1 error; nothing was done\n"), true);
    assert.equal(keptWhenQuiet("--fail-on-drift: declared above …\n"), true);
    assert.equal(keptWhenQuiet("a.yaml:3:1: warning: no repository [E_Y]\n    fix: x\n"), false);
    assert.equal(keptWhenQuiet("upstream: warning: --as-of is in the future\n"), false);
    assert.equal(keptWhenQuiet("run `upstream assess PROJECT` for each criterion and its evidence\n"), false);
    assert.equal(keptWhenQuiet("wrote badges/a.svg\n"), false);
  });
});

function upstream(args: readonly string[], env = plainEnv()) {
  const r = spawnSync(process.execPath, [UPSTREAM_BIN, ...args], { encoding: "utf8", env, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the CLI's streams", () => {
  it("write no escape code into a pipe, even with colours allowed by the environment", () => {
    for (const args of [
      ["validate", "--catalog", BROKEN],
      ["list", "--catalog", BUNDLED],
      ["frameworks", "list"],
    ]) {
      const r = upstream(args);
      assert.ok(r.stdout.length + r.stderr.length > 0, args.join(" "));
      assert.ok(!r.stdout.includes(ESC) && !r.stderr.includes(ESC), `${args.join(" ")} wrote ESC into a pipe`);
    }
  });

  it("--quiet leaves only errors and the result", () => {
    const catalog = join(PACKAGE_ROOT, "docs", "catalog.reference.yaml");
    const loud = upstream(["validate", "--catalog", BROKEN]);
    assert.match(loud.stderr, /warning: project 'a' lists no repository/);
    const quiet = upstream(["validate", "--catalog", BROKEN, "--quiet"]);
    assert.equal(quiet.code, 1);
    assert.doesNotMatch(quiet.stderr, /warning:/);
    assert.match(quiet.stderr, /error: unknown key 'nmae'/);
    const ok = upstream(["--quiet", "validate", "--catalog", catalog]);
    assert.equal(ok.code, 0);
    assert.match(ok.stdout, /valid — 1 project/);
  });

  const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;
  /** Run under a real pseudo-terminal (util-linux `script`), as a person at a terminal does. */
  const onTerminal = (args: readonly string[], env = plainEnv()) => {
    const command = [process.execPath, UPSTREAM_BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
    return spawnSync("script", ["-qfec", command, "/dev/null"], { encoding: "utf8", env, timeout: 120_000 }).stdout;
  };

  it("colour a terminal's report and issues, and not with --no-color, NO_COLOR or TERM=dumb", {
    skip: !hasScript,
  }, () => {
    const issues = onTerminal(["validate", "--catalog", BROKEN]);
    assert.match(issues, /\x1b\[31m\x1b\[1merror\x1b\[22m\x1b\[39m: unknown key 'nmae'/);
    const table = onTerminal(["frameworks", "list"]);
    assert.match(table, /\x1b\[1mid +version +title/);
    for (const [args, env] of [
      [["validate", "--catalog", BROKEN, "--no-color"], plainEnv()],
      [["validate", "--catalog", BROKEN], plainEnv({ NO_COLOR: "1" })],
      [["validate", "--catalog", BROKEN], plainEnv({ TERM: "dumb" })],
    ] as const) {
      const out = onTerminal(args, env);
      assert.match(out, /error: unknown key 'nmae'/);
      assert.ok(!out.includes(ESC), `${args.join(" ")} ${env.NO_COLOR ?? env.TERM}: ESC on the terminal`);
    }
  });
});

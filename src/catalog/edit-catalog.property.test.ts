import { it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { formatIssue } from "../core/errors.js";
import { editCatalog, type CatalogEdit } from "./edit-catalog.js";
import { changedLines } from "./edit-testing.js";
import { loadCatalog } from "./load-catalog.js";

/**
 * Over generated catalogs written in many styles (quoting, comments after values and on lines
 * of their own, blank lines, flow and block state and lists, LF or CRLF, with or without a
 * final newline), one random edit changes only its own lines, and the catalog read back holds it.
 */

type Quote = "plain" | "single" | "double";

interface ProjectSpec {
  readonly name: string;
  readonly nameQuote: Quote;
  readonly comment?: string;
  readonly goal?: { readonly text: string; readonly block: boolean };
  readonly home: boolean;
  readonly state?: { readonly level: string; readonly flow: boolean };
  readonly flowRepositories: boolean;
  readonly blankBefore: boolean;
  readonly commentLineBefore?: string;
}

interface CatalogSpec {
  readonly programName: string;
  readonly programQuote: Quote;
  readonly projects: readonly ProjectSpec[];
  readonly announcements: boolean;
  readonly crlf: boolean;
  readonly finalNewline: boolean;
}

const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,7}$/);
const text: fc.Arbitrary<string> = fc
  .array(fc.oneof(word, fc.constantFrom("#1", "a: b", "it's", "x,y", "[z]", "-", "&")), { minLength: 1, maxLength: 4 })
  .map((words) => words.join(" "));
/** A value no generated catalog holds already (an edit to the same value changes nothing). */
const newText = text.map((t) => `New ${t}`);
const quote = fc.constantFrom<Quote>("plain", "single", "double");
const comment = fc.option(
  word.map((w) => `# ${w}`),
  { nil: undefined },
);

const project: fc.Arbitrary<ProjectSpec> = fc.record({
  name: text,
  nameQuote: quote,
  comment,
  goal: fc.option(
    fc.record({ text: fc.array(text, { minLength: 1, maxLength: 3 }).map((l) => l.join("\n")), block: fc.boolean() }),
    {
      nil: undefined,
    },
  ),
  home: fc.boolean(),
  state: fc.option(fc.record({ level: fc.constantFrom("sandbox", "incubating", "graduated"), flow: fc.boolean() }), {
    nil: undefined,
  }),
  flowRepositories: fc.boolean(),
  blankBefore: fc.boolean(),
  commentLineBefore: comment,
});

const catalog: fc.Arbitrary<CatalogSpec> = fc.record({
  programName: text,
  programQuote: quote,
  projects: fc.array(project, { minLength: 1, maxLength: 4 }),
  announcements: fc.boolean(),
  crlf: fc.boolean(),
  finalNewline: fc.boolean(),
});

const PLAIN_SAFE = /^[A-Za-z][A-Za-z0-9 ]*[A-Za-z0-9]$|^[A-Za-z]$/;

function scalar(value: string, style: Quote): string {
  if (style === "plain" && PLAIN_SAFE.test(value)) return value;
  if (style === "single") return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

function write(spec: CatalogSpec): string {
  const lines = [
    "# yaml-language-server: $schema=../schema/upstream.schema.json",
    "apiVersion: upstream/v1",
    "program:",
    `  name: ${scalar(spec.programName, spec.programQuote)}  # shown as the title`,
    "",
    "personas:",
    "  - id: ops",
    "    title: Operations",
    "projects:",
  ];
  spec.projects.forEach((p, i) => {
    if (p.blankBefore) lines.push("");
    if (p.commentLineBefore) lines.push(`  ${p.commentLineBefore}`);
    lines.push(`  - id: p${i}`, `    name: ${scalar(p.name, p.nameQuote)}${p.comment ? ` ${p.comment}` : ""}`);
    lines.push("    persona: ops");
    if (p.home) lines.push(`    home: https://example.com/p${i}`);
    if (p.goal) {
      if (p.goal.block) lines.push("    goal: |-", ...p.goal.text.split("\n").map((l) => `      ${l}`));
      else lines.push(`    goal: ${JSON.stringify(p.goal.text)}`);
    }
    if (p.flowRepositories) lines.push(`    repositories: [https://github.com/example/p${i}]`);
    else lines.push("    repositories:", `      - https://github.com/example/p${i}`);
    if (p.state?.flow) lines.push(`    state: { framework: CNCF, level: ${p.state.level} }`);
    else if (p.state) lines.push("    state:", "      framework: CNCF", `      level: ${p.state.level}`);
  });
  if (spec.announcements)
    lines.push("", "announcements:", "  - date: 2020-06-01", "    project: p0", "    announcement: First");
  const body = lines.join(spec.crlf ? "\r\n" : "\n");
  return spec.finalNewline ? body + (spec.crlf ? "\r\n" : "\n") : body;
}

type Change =
  | { kind: "set-name"; project: number; value: string }
  | { kind: "set-goal"; project: number; value: string }
  | { kind: "set-level"; project: number; value: string }
  | { kind: "set-home"; project: number }
  | { kind: "delete-home"; project: number }
  | { kind: "append-repository"; project: number }
  | { kind: "set-program-name"; value: string }
  | { kind: "announce"; project: number; value: string };

function changeFor(spec: CatalogSpec): fc.Arbitrary<Change> {
  const index = fc.nat({ max: spec.projects.length - 1 });
  return fc.oneof(
    fc.record({ kind: fc.constant("set-name" as const), project: index, value: newText }),
    fc.record({ kind: fc.constant("set-goal" as const), project: index, value: newText }),
    fc.record({
      kind: fc.constant("set-level" as const),
      project: index,
      value: fc.constantFrom("archived", "retired") /* never the level it has */,
    }),
    fc.record({ kind: fc.constant("set-home" as const), project: index }),
    fc.record({ kind: fc.constant("delete-home" as const), project: index }),
    fc.record({ kind: fc.constant("append-repository" as const), project: index }),
    fc.record({ kind: fc.constant("set-program-name" as const), value: newText }),
    fc.record({ kind: fc.constant("announce" as const), project: index, value: text }),
  );
}

function editOf(change: Change, spec: CatalogSpec): CatalogEdit | undefined {
  const id = "project" in change ? `p${change.project}` : "";
  switch (change.kind) {
    case "set-name":
      return { op: "set", project: id, path: ["name"], value: change.value };
    case "set-goal":
      return { op: "set", project: id, path: ["goal"], value: change.value };
    case "set-level":
      // a state needs its framework: a project without one gets a whole state
      return spec.projects[change.project]!.state
        ? { op: "set", project: id, path: ["state", "level"], value: change.value }
        : { op: "set", project: id, path: ["state"], value: { framework: "CNCF", level: change.value } };
    case "set-home":
      return { op: "set", project: id, path: ["home"], value: `https://example.org/${id}/new` };
    case "delete-home":
      return { op: "delete", project: id, path: ["home"] };
    case "append-repository":
      return { op: "append", project: id, path: ["repositories"], value: `https://github.com/example/${id}-more` };
    case "set-program-name":
      return { op: "set", path: ["program", "name"], value: change.value };
    case "announce":
      return {
        op: "append",
        path: ["announcements"],
        value: { date: "2026-10-01", project: id, announcement: change.value },
      };
  }
}

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), "edit-property-"));
});
after(() => rmSync(dir, { recursive: true, force: true }));

it("changes only the edited lines, keeps every comment and newline style, and reads back the edit", async (t) => {
  let run = 0;
  const times: number[] = [];
  await fc.assert(
    fc.asyncProperty(
      catalog.chain((spec) => fc.tuple(fc.constant(spec), changeFor(spec))),
      async ([spec, change]) => {
        const p = change.kind === "set-program-name" ? undefined : spec.projects[change.project]!;
        if (change.kind === "delete-home" && !p!.home) return; // nothing to delete
        const file = join(dir, `catalog-${++run}.yaml`);
        const original = write(spec);
        writeFileSync(file, original);
        const edit = editOf(change, spec)!;
        const started = performance.now();
        const result = await editCatalog(file, [edit]);
        assert.ok(result.ok, `${result.issues.map(formatIssue).join("\n")}\n---\n${original}`);
        times.push(performance.now() - started);
        const edited = readFileSync(file, "utf8");

        // newline style and final newline as they were
        assert.equal(/(^|[^\r])\n/.test(edited), !spec.crlf && edited.includes("\n"));
        assert.equal(/\n$/.test(edited), spec.finalNewline);
        const hunks = changedLines(original.replace(/\r\n/g, "\n"), edited.replace(/\r\n/g, "\n"));
        const removed = hunks.flatMap((h) => h.removed);
        const added = hunks.flatMap((h) => h.added);
        // comments survive every edit: none of these edits removes a commented line
        const comments = (t: string) => t.split(/\r?\n/).filter((l) => /(^|\s)# /.test(l)).length;
        assert.ok(comments(edited) >= comments(original), edited);

        const loaded = await loadCatalog(file);
        assert.ok(loaded.catalog, loaded.issues.map(formatIssue).join("\n"));
        const project = p
          ? loaded.catalog.projects.find((x) => x.id === `p${(change as { project: number }).project}`)!
          : undefined;
        switch (change.kind) {
          case "set-name":
            assert.equal(project!.name, change.value);
            assert.equal(hunks.length, 1);
            assert.equal(removed.length, 1);
            assert.match(removed[0]!, /^ {4}name: /);
            assert.equal(added.length, 1);
            // the comment after the value stays on its line
            if (p!.comment) assert.ok(added[0]!.endsWith(` ${p!.comment}`), added[0]);
            break;
          case "set-goal":
            assert.equal(project!.goal, change.value);
            assert.equal(hunks.length, 1);
            if (p!.goal) {
              // rewritten where it stands: its lines only, in its style
              const goalLines = p!.goal.block ? p!.goal.text.split("\n").length : 1;
              assert.ok(removed.length <= goalLines, JSON.stringify(hunks));
              if (p!.goal.block)
                assert.ok(
                  removed.every((l) => l.startsWith("      ")),
                  JSON.stringify(hunks),
                );
            } else {
              assert.deepEqual(removed, []);
              assert.equal(added.length, 1);
            }
            break;
          case "set-level":
            assert.equal((project!.state as { level: string }).level, change.value);
            assert.equal(hunks.length, 1);
            if (p!.state) {
              assert.equal(removed.length, 1);
              assert.equal(added.length, 1);
              assert.ok(added[0]!.includes(`level: ${change.value}`));
            } else {
              assert.deepEqual(removed, []);
              assert.deepEqual(added, ["    state:", "      framework: CNCF", `      level: ${change.value}`]);
            }
            break;
          case "set-home":
            assert.equal(project!.home, `https://example.org/p${change.project}/new`);
            assert.equal(hunks.length, 1);
            assert.equal(added.length, 1);
            assert.equal(removed.length, p!.home ? 1 : 0);
            break;
          case "delete-home":
            assert.equal(project!.home, undefined);
            assert.deepEqual(hunks, [
              { at: hunks[0]!.at, removed: [`    home: https://example.com/p${change.project}`], added: [] },
            ]);
            break;
          case "append-repository":
            assert.equal(project!.repositories?.length, 2);
            assert.equal(hunks.length, 1);
            assert.equal(removed.length, p!.flowRepositories ? 1 : 0);
            assert.equal(added.length, 1);
            break;
          case "set-program-name":
            assert.equal(loaded.catalog.program.name, change.value);
            assert.equal(hunks.length, 1);
            assert.equal(removed.length, 1);
            assert.ok(added[0]!.endsWith("  # shown as the title"), added[0]);
            break;
          case "announce": {
            const last = loaded.catalog.announcements!.at(-1)!;
            assert.equal(last.announcement, change.value);
            assert.equal(loaded.catalog.announcements!.length, spec.announcements ? 2 : 1);
            assert.equal(hunks.length, 1);
            assert.deepEqual(removed, []);
            assert.equal(added.length, spec.announcements ? 3 : 4 /* with the key */ + (spec.finalNewline ? 0 : 0));
            break;
          }
        }
      },
    ),
    { numRuns: 40 },
  );
  times.sort((a, b) => a - b);
  console.log(
    `# editCatalog per edit (open, splice, validate, lock, write): median ${times[times.length >> 1]!.toFixed(0)} ms`,
  );
});

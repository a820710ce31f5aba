import assert from "node:assert/strict";
import { it } from "node:test";
import { catalogModel } from "./index.js";
import type { Catalog } from "./schema.js";

const written: Catalog = {
  apiVersion: "upstream/v1",
  program: {
    name: "P",
    organizations: ["Microsoft", { name: "Acme", domains: ["acme.io"] }],
    frameworks: { Azure: "azcnu-v0.1" },
  },
  personas: [{ id: "ops", title: "Operators" }],
  projects: [
    {
      id: "structured",
      name: "Structured",
      persona: "ops",
      state: { framework: "CNCF", level: "sandbox", note: "*since 2020*" },
      channels: [{ kind: "slack", label: "#s", url: "https://slack.example.com/s" }, { text: "same slack and email" }],
      repositories: [
        "https://github.com/o/r/tree/main/charts/x",
        { url: "https://github.com/o/community", role: "governance" },
      ],
      attestations: { "sandbox.adopters": { status: "met", by: "toc", date: "2024-01-01" } },
      artifacts: [{ label: "releases", url: "https://github.com/o/r/releases", parenthesized: true }],
    },
    { id: "raw", name: "Raw", persona: "ops", state: { raw: "**CNCF** sandbox?" }, channels: { raw: "ask <b>us</b>" } },
    { id: "bare", name: "Bare", persona: "ops" },
  ],
} as Catalog;

it("normalizes each project: states, channels and repositories in one form, raw cells as unstructured text", () => {
  const model = catalogModel(written);
  assert.deepEqual(
    model.projects.map((p) => p.id),
    ["structured", "raw", "bare"],
  );
  const [structured, raw, bare] = model.projects;
  assert.deepEqual(structured!.state, { kind: "declared", framework: "CNCF", level: "sandbox" });
  assert.deepEqual(structured!.channels, {
    kind: "listed",
    channels: [
      { kind: "link", channel: "slack", label: "#s", url: "https://slack.example.com/s" },
      { kind: "text", text: "same slack and email" },
    ],
  });
  assert.deepEqual(
    structured!.repositories.map((r) => [r.url, r.path, r.role]),
    [
      ["https://github.com/o/r", "charts/x", "code"],
      ["https://github.com/o/community", undefined, "governance"],
    ],
  );
  assert.deepEqual(raw!.state, { kind: "unstructured", text: "**CNCF** sandbox?" });
  assert.deepEqual(raw!.channels, { kind: "unstructured", text: "ask <b>us</b>" });
  assert.deepEqual(bare!.state, { kind: "none" });
  assert.deepEqual(bare!.channels, { kind: "none" });
  assert.deepEqual(bare!.repositories, []);
  assert.deepEqual(bare!.attestations, {});
  // layout stays in the written form
  assert.equal("artifacts" in structured!, false);
  assert.equal("note" in structured!.state, false);
  assert.deepEqual(model.program, {
    name: "P",
    organizations: ["Microsoft", "Acme"],
    frameworks: { Azure: "azcnu-v0.1" },
    thresholds: {},
  });
});

it("is read-only: the model cannot be changed, and changing it cannot reach the written catalog", () => {
  const model = catalogModel(written);
  const p = model.projects[0]!;
  assert.throws(() => {
    (p as { name: string }).name = "changed";
  }, TypeError);
  assert.throws(() => {
    (p.attestations as Record<string, unknown>)["x"] = 1;
  }, TypeError);
  assert.throws(() => (model.projects as unknown[]).push(p), TypeError);
  assert.equal(written.projects[0]!.name, "Structured");
  assert.equal(Object.isFrozen(written.projects[0]), false);
  assert.equal(Object.isFrozen(written.projects[0]!.attestations!["sandbox.adopters"]), false);
  assert.equal(Object.isFrozen(written.program.organizations), false);
});

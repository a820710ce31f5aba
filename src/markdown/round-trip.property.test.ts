import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { Catalog } from "../catalog/index.js";
import { catalogArbitrary } from "./arbitraries.js";
import { importReadme, renderReadme } from "./index.js";

// GIVEN any catalog a README can hold (hostile single-line strings: pipes, brackets, HTML,
// backslashes, emphasis, non-ASCII, emoji; empty optional fields; several personas and
// projects; both layouts) WHEN it is rendered and the README imported THEN the same catalog
// comes back, and no error is reported.

describe("render then import", () => {
  it("generates only valid catalogs", () => {
    fc.assert(
      fc.property(catalogArbitrary, (catalog) => {
        const parsed = Catalog.safeParse(catalog);
        assert.ok(parsed.success, JSON.stringify(!parsed.success && parsed.error.issues.slice(0, 2)));
      }),
      { numRuns: 100 },
    );
  });

  it("gives back the same catalog", () => {
    fc.assert(
      fc.property(catalogArbitrary, (catalog) => {
        const markdown = renderReadme(catalog);
        const result = importReadme(markdown);
        assert.deepEqual(
          result.issues.filter((i) => i.severity === "error"),
          [],
        );
        assert.deepStrictEqual(result.catalog, catalog, markdown);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on arbitrary markdown-like input", () => {
    const piece = fc.constantFrom(
      "# T\n",
      "## S\n",
      "### P\n",
      "| Project | Goal | State | Comm | Use |\n",
      "| Project Area | a | b | c | d | e |\n",
      "| Date | P | A | D |\n",
      "|---|---|---|---|---|\n",
      "| [x](https://x.example) | g | CNCF: a <br> API: v1 | t | |\n",
      "| [x](https://x.example) | g | CNCF: a <br> [![CNCF: a](b/x.svg)](https://y.example) | t | |\n",
      "| y | | A: b <br> ![A: b](y.svg) | | |\n",
      "| a | | | | |\n",
      "text\n",
      "\n",
      "```\n",
      "<br>",
      "\\|",
      "[",
      "](",
      "<ul><li>",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const result = importReadme(pieces.join(""));
        if (result.catalog) assert.ok(Catalog.safeParse(result.catalog).success);
      }),
      { numRuns: 500 },
    );
  });
});

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { webUrlParts } from "./url-parts.js";

// GIVEN random URLs WHEN webUrlParts takes one THEN new URL gives the same protocol, hostname, path, query and
// fragment.

describe("webUrlParts", () => {
  const url = fc
    .tuple(
      fc.constantFrom("http://", "https://", "HTTPS://", "ftp://", "https:/"),
      fc.string({ unit: fc.constantFrom("a", "Z", "0", "-", ".", "x", "n", ":", "@", "é", "com"), maxLength: 10 }),
      fc.string({
        unit: fc.constantFrom(
          "/",
          "?",
          "#",
          "a",
          "B",
          "%",
          "\\",
          "@",
          ":",
          " ",
          "é",
          "[",
          "~",
          ".",
          "..",
          "'",
          "!",
          "&",
        ),
        maxLength: 12,
      }),
    )
    .map(([scheme, host, rest]) => scheme + host + rest);

  it("gives what new URL gives, or nothing", () => {
    let taken = 0;
    fc.assert(
      fc.property(url, (s) => {
        const parts = webUrlParts(s);
        if (!parts) return;
        taken++;
        const u = new URL(s);
        assert.deepEqual(
          parts,
          { protocol: u.protocol, hostname: u.hostname, pathname: u.pathname, search: u.search, hash: u.hash },
          s,
        );
      }),
      { numRuns: 30000 },
    );
    assert.ok(taken > 200, `took only ${taken}`);
  });

  it("takes a README's usual links and leaves the rest to new URL", () => {
    assert.deepEqual(webUrlParts("https://groups.google.com/forum/#!forum/x"), {
      protocol: "https:",
      hostname: "groups.google.com",
      pathname: "/forum/",
      search: "",
      hash: "#!forum/x",
    });
    for (const s of [
      "https://a.com/x/../y",
      "https://a.com/x?",
      "https://a.com/%41",
      "https://xn--a.com",
      "mailto:a@b.c",
    ])
      assert.equal(webUrlParts(s), undefined, s);
  });
});

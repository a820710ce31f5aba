import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { escapeText, escapeUrl, parseLinkAt, splitBr, splitRow, unescapeText } from "./inline.js";
import { slugify, IdAllocator } from "./slug.js";

describe("inline markdown helpers", () => {
  it("escapes what could break a cell or inject HTML, and unescapes it back", () => {
    for (const s of ["a|b", "<script>x</script>", "[x](y)", "\\", "*_x_*", "snake_case", "&amp;", "~~", "é 🚀"])
      assert.equal(unescapeText(escapeText(s)), s);
    assert.equal(escapeText("a|b <i>"), "a\\|b \\<i\\>");
    assert.equal(escapeText("snake_case _x_"), "snake_case \\_x\\_");
    assert.equal(escapeText("AT&T &amp;"), "AT&T \\&amp;");
  });

  it("keeps balanced parentheses in URLs and escapes unbalanced ones", () => {
    assert.equal(
      escapeUrl("https://en.wikipedia.org/wiki/Upstream_(software)"),
      "https://en.wikipedia.org/wiki/Upstream_(software)",
    );
    assert.equal(escapeUrl("https://x.example/a)"), "https://x.example/a\\)");
    assert.deepEqual(parseLinkAt("[a\\]b](https://x.example/a\\)) tail"), {
      label: "a\\]b",
      url: "https://x.example/a)",
      end: 29,
    });
  });

  it("splits rows on unescaped pipes and cells on <br>", () => {
    assert.deepEqual(splitRow("|||No announcements.||"), ["", "", "No announcements.", ""]);
    assert.deepEqual(splitRow("| a \\| b | c |"), ["a \\| b", "c"]);
    assert.deepEqual(splitBr("a <br> b<BR/>c \\<br> d"), ["a", "b", "c \\<br> d"]);
  });

  it("makes unique kebab-case ids", () => {
    assert.equal(
      slugify("Kubernetes Secure Infrastructure & Governance", "x"),
      "kubernetes-secure-infrastructure-governance",
    );
    assert.equal(slugify("🚀", "project"), "project");
    const ids = new IdAllocator("p");
    assert.deepEqual([ids.next("Été"), ids.next("ete"), ids.next("ETE")], ["ete", "ete-2", "ete-3"]);
  });
});

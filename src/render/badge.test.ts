import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { loadFrameworks } from "../maturity/index.js";
import { escapeXml, maturityBadge, renderBadgeSvg, STAGE_COLORS, stageColor } from "./badge.js";

const azcnu = (await loadFrameworks()).get("azcnu-v0.1")!;

/**
 * A small well-formedness check (no XML parser ships with Node): tags nest, attributes are quoted, text holds only
 * entities.
 */
function assertWellFormedXml(xml: string): { name: string; value: string }[] {
  // XML 1.0's Char production: no NUL, ESC, VT… (not even as references), no lone surrogate.
  assert.doesNotMatch(
    xml,
    /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u,
    "a character XML 1.0 does not allow",
  );
  assert.doesNotMatch(
    xml,
    /&#x?0*(?:[0-8bcefBCEF]|1[0-9a-fA-F]|[1-2][0-9]|3[01]);/,
    "a reference to a character XML 1.0 does not allow",
  );
  const attributes: { name: string; value: string }[] = [];
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = token.exec(xml))) {
    end = token.lastIndex;
    const [, close, name, attrs = "", selfClose, text] = m;
    for (const a of attrs.matchAll(/([\w:.-]+)="([^"]*)"/g)) attributes.push({ name: a[1]!, value: a[2]! });
    for (const chunk of [text ?? "", ...[...attrs.matchAll(/="([^"]*)"/g)].map((a) => a[1]!)])
      assert.doesNotMatch(chunk, /&(?!(amp|lt|gt|quot|apos);)/, `bare & in ${chunk}`);
    if (text !== undefined) continue;
    if (close) assert.equal(stack.pop(), name, `</${name}> closes the wrong element`);
    else if (!selfClose) stack.push(name!);
  }
  assert.equal(end, xml.length, `not XML from: ${xml.slice(end, end + 40)}`);
  assert.deepEqual(stack, []);
  return attributes;
}

const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e]!);

describe("badge", () => {
  it("is well-formed XML with every text escaped, and accessible", () => {
    const svg = renderBadgeSvg(
      maturityBadge({
        label: `Team <&"> Ü`,
        stage: null,
        written: `a<b & "c"`,
        link: "https://example.com/?a=1&b=<2>",
      }),
    );
    assertWellFormedXml(svg.trim());
    const label = /aria-label="([^"]*)"/.exec(svg)![1];
    assert.equal(
      label,
      "Team &lt;&amp;&quot;&gt; Ü maturity: a&lt;b &amp; &quot;c&quot; " +
        "(Team &lt;&amp;&quot;&gt; Ü is not a known framework)",
    );
    assert.ok(svg.includes(`<title>${label}</title>`));
    assert.match(svg, / role="img"/);
  });

  it("renders the level and framework with accessible text", () => {
    const svg = renderBadgeSvg(maturityBadge({ label: "AzCNU", framework: azcnu, stage: "incubating" }));
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* role="img" aria-label="([^"]*)">/);
    assert.equal(
      svg.match(/aria-label="([^"]*)"/)?.[1],
      "AzCNU maturity: incubating (Azure Cloud Native Upstream Graduation Guidelines 0.1)",
    );
    assert.match(
      svg,
      /<title>AzCNU maturity: incubating \(Azure Cloud Native Upstream Graduation Guidelines 0\.1\)<\/title>/,
    );
    assert.match(svg, />AzCNU<\/text>/);
    assert.match(svg, />incubating<\/text>/);
    assert.ok(svg.includes(`fill="${STAGE_COLORS.incubating}"`));
  });

  it("colours each stage, and anything not a stage light grey", () => {
    assert.equal(stageColor(azcnu, "sandbox"), STAGE_COLORS.sandbox);
    assert.equal(stageColor(azcnu, "graduated"), STAGE_COLORS.graduated);
    assert.equal(stageColor(azcnu, null), STAGE_COLORS.unknown);
    const custom = { stages: [{ id: "seed" }, { id: "sprout" }, { id: "tree" }] } as never;
    assert.deepEqual(
      ["seed", "sprout", "tree"].map((s) => stageColor(custom, s)),
      [STAGE_COLORS.sandbox, STAGE_COLORS.incubating, STAGE_COLORS.graduated],
    );
    const b = maturityBadge({ label: "Kubernetes", stage: null, written: "stable" });
    assert.equal(b.message, "stable");
    assert.equal(b.color, STAGE_COLORS.unknown);
    assert.equal(b.title, "Kubernetes maturity: stable (Kubernetes is not a known framework)");
    assert.match(
      maturityBadge({ label: "AzCNU", framework: azcnu, stage: null, written: "stable" }).title!,
      /\(not a stage of Azure Cloud Native Upstream Graduation Guidelines 0\.1\)$/,
    );
  });

  it("escapes all text and wraps a link", () => {
    const svg = renderBadgeSvg({ label: `<A&B>`, message: `"x"`, color: "#000", link: "https://example.com/?a=1&b=2" });
    assert.ok(!svg.includes("<A&B>"));
    assert.ok(svg.includes("&lt;A&amp;B&gt;"));
    assert.ok(svg.includes('xlink:href="https://example.com/?a=1&amp;b=2"'));
    assert.equal(escapeXml(`'"<>&`), "&apos;&quot;&lt;&gt;&amp;");
  });

  it("stays well-formed XML when the label or level holds NUL, ESC, VT or a lone surrogate", () => {
    const svg = renderBadgeSvg(
      maturityBadge({ label: "Te\u0000am\u001b[31m", stage: null, written: "in\u000bcubating\ud800 \u202eevil" }),
    );
    assertWellFormedXml(svg.trim());
    assert.ok(svg.includes("Te\ufffdam\ufffd[31m"));
  });

  it("never writes a javascript:, data: or vbscript: link, whoever calls it", () => {
    for (const link of ["javascript:alert(1)", " JaVa\tScript:x", "data:text/html,<script>", "vbscript:x"]) {
      const svg = renderBadgeSvg({ label: "L", message: "m", color: "#000", link });
      assert.doesNotMatch(svg, /xlink:href/, link);
    }
  });

  it("property: hostile labels, levels and links give well-formed SVG with no script, handler or unsafe link", () => {
    const piece = fc.constantFrom(
      "<script>alert(1)</script>",
      '"onload="alert(1)',
      "'",
      "&",
      "&#0;",
      "]]>",
      "<!--",
      "\u0000",
      "\u001b]0;x\u0007",
      "\u000b",
      "\u202e",
      "\ud800",
      "javascript:",
      '<a xlink:href="javascript:x">',
      "x",
    );
    const hostile = fc
      .array(fc.oneof(piece, fc.string({ unit: "binary", maxLength: 4 })), { maxLength: 6 })
      .map((a) => a.join(""));
    const link = fc.oneof(
      fc.constant(undefined),
      hostile,
      fc.constantFrom(
        "https://x.example/?a=1&b=<2>",
        "JaVaScRiPt:alert(1)",
        "data:image/svg+xml,x",
        "java\tscript:x",
        "badges/x.svg",
      ),
    );
    fc.assert(
      fc.property(hostile, hostile, link, (label, written, href) => {
        const svg = renderBadgeSvg(maturityBadge({ label, stage: null, written, link: href }));
        const attributes = assertWellFormedXml(svg.trim());
        for (const a of attributes) {
          assert.doesNotMatch(a.name, /^on/i, `handler attribute ${a.name}`);
          // Checked independently of isSafeUrl, which the renderer itself uses: no script scheme,
          // however it is spelt (case, white space, control characters in between).
          if (a.name === "xlink:href" || a.name === "href") {
            const compact = [...unescapeXml(a.value)]
              .filter((c) => c > " " && !(c >= "\u007f" && c <= "\u009f"))
              .join("")
              .toLowerCase();
            assert.doesNotMatch(compact, /^(javascript|data|vbscript):/, a.value);
          }
        }
        assert.deepEqual(
          [...svg.matchAll(/<([\w:]+)/g)]
            .map((m) => m[1])
            .filter(
              (n) => !["svg", "title", "a", "linearGradient", "stop", "clipPath", "rect", "g", "text"].includes(n!),
            ),
          [],
        );
      }),
      { numRuns: 300 },
    );
  });

  it("grows with its text", () => {
    const width = (svg: string) => Number(/width="(\d+)"/.exec(svg)![1]);
    assert.ok(
      width(renderBadgeSvg({ label: "CNCF", message: "graduated", color: "#000" })) >
        width(renderBadgeSvg({ label: "CNCF", message: "n/a", color: "#000" })),
    );
  });
});

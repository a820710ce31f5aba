import assert from "node:assert/strict";
import fc from "fast-check";
import { describe, it } from "node:test";
import { unsafeHtml } from "./html-allow-list.js";
import { decodeHtmlAttribute, htmlTokens } from "./html-tokens.js";
import { isSafeUrl, urlScheme } from "./safe-url.js";

describe("htmlTokens (WHATWG tokenizer states)", () => {
  const attrs = (html: string) =>
    htmlTokens(html).map((t) => ("attributes" in t ? t.attributes.map((a) => `${a.name}=${a.value}`) : t.kind));
  it("starts a new attribute right after a quoted value (missing whitespace between attributes)", () => {
    assert.deepEqual(attrs('<img src="x"onerror=alert(1)>'), [["src=x", "onerror=alert(1)"]]);
  });
  it("reads a slash as white space between attributes, but as part of an unquoted value", () => {
    assert.deepEqual(attrs('<img/src="x"/onerror=y>'), [["src=x", "onerror=y"]]);
    assert.deepEqual(attrs("<img/src=x/onerror=y>"), [["src=x/onerror=y"]]);
  });
  it("lower-cases names, keeps quotes and `<` inside names and values", () => {
    assert.deepEqual(attrs(`<IMG SRC='a"b' ONERROR=x>`), [[`src=a"b`, "onerror=x"]]);
  });
  it("ends a comment where a browser ends it at the latest, and reports one left open", () => {
    assert.deepEqual(
      htmlTokens("<!-->x<b>").map((t) => t.kind),
      ["comment", "start"],
    );
    assert.deepEqual(
      htmlTokens("<!-- a --!><i>").map((t) => t.kind),
      ["comment", "start"],
    );
    assert.deepEqual(
      htmlTokens("<!-- open").map((t) => t.kind),
      ["unfinished"],
    );
    assert.deepEqual(
      htmlTokens('<a title="open').map((t) => t.kind),
      ["unfinished"],
    );
  });
  it("reads `<?…>` and `<!x…>` as bogus comments up to the next `>`", () => {
    assert.deepEqual(
      htmlTokens("<?php x ?><b>").map((t) => t.kind),
      ["comment", "start"],
    );
  });
  // A super-linear tokenizer would not finish within the test's timeout; what it reads is asserted.
  it("reads a megabyte of `<a a=` as one unfinished tag, and finds `<b ` runs left open, within the timeout", {
    timeout: 20_000,
  }, () => {
    assert.deepEqual(
      htmlTokens("<a a=".repeat(200_000)).map((t) => [t.kind, t.start, t.end]),
      [["unfinished", 0, 1_000_000]],
    );
    assert.deepEqual(
      unsafeHtml("<b ".repeat(300_000)).map((u) => [u.offset, u.reason]),
      [[0, "a tag or comment left open"]],
    );
  });
});

describe("decodeHtmlAttribute", () => {
  it("decodes numeric references with and without `;`, and named ones", () => {
    assert.equal(decodeHtmlAttribute("jav&#x61;script&colon;"), "javascript:");
    assert.equal(decodeHtmlAttribute("&#106avascript:"), "javascript:");
    assert.equal(decodeHtmlAttribute("&#0000106;"), "j");
    assert.equal(decodeHtmlAttribute("java&Tab;script:"), "java\tscript:");
    assert.equal(decodeHtmlAttribute("a&amp;b &unknown; &#xD800;"), "a&b &unknown; \ufffd");
  });
});

describe("safe URLs", () => {
  it("allows http, https, mailto and relative links only", () => {
    for (const url of [
      "https://x.example",
      "HTTP://x",
      "mailto:a@b.example",
      "badges/x.svg",
      "#top",
      "/p?q=a:b",
      "./javascript:x",
      "//host/x",
    ])
      assert.equal(isSafeUrl(url), true, url);
    for (const url of [
      "javascript:alert(1)",
      " JaVaScRiPt:x",
      "java\tscript:x",
      "java\u0000script:x",
      "data:text/html,x",
      "vbscript:x",
      "file:///etc/passwd",
      "ftp://x",
    ])
      assert.equal(isSafeUrl(url), false, url);
    assert.equal(urlScheme("\u0001javascript:x"), "javascript");
  });
  it("reads the scheme as from the whole URL with white space and controls dropped", () => {
    // The browser's view, written the long way: every dropped character removed, then the text before the first colon.
    const reference = (url: string): string | undefined => {
      const s = [...url].filter((c) => c > " " && !(c >= "\u007f" && c <= "\u009f")).join("");
      const colon = s.indexOf(":");
      const scheme = colon <= 0 ? "" : s.slice(0, colon);
      return /^[A-Za-z][A-Za-z0-9+.-]*$/.test(scheme) ? scheme.toLowerCase() : undefined;
    };
    const pieces = fc.constantFrom("java", "Script", "https", ":", "\t", " ", "\u0000", "\u0085", "/", "x", "1", "+");
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const url = parts.join("");
        assert.equal(urlScheme(url), reference(url), JSON.stringify(url));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("unsafeHtml (allow-list)", () => {
  it("refuses elements and attributes off the list, and URLs by their decoded scheme", () => {
    assert.deepEqual(
      unsafeHtml('<b>x</b><img src="x"onerror=alert(1)><style>').map((u) => u.reason),
      ["an onerror= attribute", "a <style> element"],
    );
    assert.deepEqual(
      unsafeHtml('<a href="&#x6A;avascript:x">').map((u) => u.reason),
      ["a javascript: URL in href="],
    );
    assert.deepEqual(
      unsafeHtml('<picture><source srcset="a.png 1x, data:image/png;base64,x 2x"></picture>').map((u) => u.reason),
      ["a data: URL in srcset="],
    );
    assert.deepEqual(
      unsafeHtml(
        '<div style="text-align: center"><p style="font-size: 25px" align="center"><a ' +
          'href="https://x" target="_blank" rel="noopener">x</a></p></div>',
      ),
      [],
    );
    for (const style of [
      "background: url(javascript:x)",
      "width: expression(alert(1))",
      "x: \\75rl(y)",
      "@import 'x'",
      "a: b; c: u&#x72;l(x)",
    ])
      assert.equal(unsafeHtml(`<div style="${style}">`).length, 1, style);
    assert.deepEqual(
      unsafeHtml('<p align="center"><img src="https://x/y.svg" width="40" alt="y"></p><!-- c --></a onclick=x>'),
      [],
    );
  });
});

import { it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readInputFile } from "./input-file.js";

const bytesOf = (r: ReturnType<typeof readInputFile>): Buffer => {
  if ("problem" in r) throw new Error(r.message);
  return r.bytes;
};

it("reads a file whole, whatever its size says: empty, small, several MiB, and /proc files that report 0", () => {
  const dir = mkdtempSync(join(tmpdir(), "input-file-"));
  try {
    for (const size of [0, 1, 700, (1 << 16) + 3, 3 * (1 << 20) + 5]) {
      const content = Buffer.alloc(size, "é-");
      writeFileSync(join(dir, "f"), content);
      assert.ok(bytesOf(readInputFile(join(dir, "f"))).equals(content), `${size} bytes`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // st_size is 0 here, the content is not: read to the end, not to the size
  assert.equal(bytesOf(readInputFile("/proc/self/status")).toString().slice(0, 5), "Name:");
});

it("refuses a file over maxBytes and reads one of exactly maxBytes", () => {
  const dir = mkdtempSync(join(tmpdir(), "input-file-"));
  try {
    writeFileSync(join(dir, "f"), "x".repeat(100));
    assert.equal(bytesOf(readInputFile(join(dir, "f"), { maxBytes: 100 })).length, 100);
    const r = readInputFile(join(dir, "f"), { maxBytes: 99 });
    assert.ok("problem" in r && r.problem === "too-large");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

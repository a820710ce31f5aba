import assert from "node:assert/strict";
import { test } from "node:test";
import { mailmapOfBlob, mapIdentity, parseMailmap } from "./mailmap.js";

test("maps identities in each of the four .mailmap forms, emails and names case-insensitively", () => {
  const m = parseMailmap(
    [
      "# comment",
      "Ann Lee <ANN@old.io>",
      "<bob@globex.com> <bob.smith@gmail.com>",
      "Cy Young <cy@initech.com> <cy@home.net>",
      "Dee Ray <dee@acme.io> dee <dee@laptop.local>",
      "not a line",
    ].join("\n"),
  );
  assert.deepEqual(mapIdentity(m, "ann", "ann@old.io"), { name: "Ann Lee", email: "ann@old.io" });
  assert.deepEqual(mapIdentity(m, "Bob", "Bob.Smith@gmail.com"), { name: "Bob", email: "bob@globex.com" });
  assert.deepEqual(mapIdentity(m, "C", "cy@home.net"), { name: "Cy Young", email: "cy@initech.com" });
  assert.deepEqual(mapIdentity(m, "DEE", "dee@laptop.local"), { name: "Dee Ray", email: "dee@acme.io" });
  // A name-specific line does not map another name at that address.
  assert.deepEqual(mapIdentity(m, "Someone", "dee@laptop.local"), { name: "Someone", email: "dee@laptop.local" });
  assert.deepEqual(mapIdentity(undefined, "Eve", "eve@x.io"), { name: "Eve", email: "eve@x.io" });
});

test("a blob's map is parsed once per blob read, and maps as its text does", () => {
  const blob = { text: "Ann Lee <ann@acme.io> <ann@old.example>\n" };
  const map = mailmapOfBlob(blob);
  assert.equal(mailmapOfBlob(blob), map, "the same blob: the same map, not parsed again");
  assert.deepEqual(mapIdentity(map, "ann", "ANN@old.example"), { name: "Ann Lee", email: "ann@acme.io" });
  // Another read of the blob (another repository's, or another run's) is parsed on its own.
  const again = mailmapOfBlob({ text: blob.text });
  assert.notEqual(again, map);
  assert.deepEqual(again, map);
});

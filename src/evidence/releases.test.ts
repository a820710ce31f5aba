import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { computeReleases, readTags, tagSemver } from "./releases.js";
import { buildRepo, git, tempDir } from "./testing.js";

const source = { repository: "r", commit: "c" };
const t = (name: string, date: string) => ({ name, date: Date.parse(date + "T12:00:00Z") / 1000 });

test("recognises semver tags, with a v or a path prefix", () => {
  assert.equal(tagSemver("v1.2.3"), "1.2.3");
  assert.equal(tagSemver("api/v0.4.0-rc.1"), "0.4.0-rc.1");
  assert.equal(tagSemver("release-1.2"), null);
  assert.equal(tagSemver("1.2"), null);
});

test("counts releases, latest, last 12 months and stability as of a date", () => {
  const tags = [t("v0.9.0", "2019-01-01"), t("v1.0.0-rc.1", "2019-06-01"), t("nightly", "2019-07-01"), t("v1.0.0", "2020-03-01"), t("v1.1.0", "2020-09-01")];
  const r = computeReleases(tags, "2020-06-01", source);
  assert.equal(r.tags, 4);
  assert.equal(r.semverTags, 3);
  assert.deepEqual(r.latest, { tag: "v1.0.0", date: "2020-03-01T12:00:00.000Z", semver: true });
  assert.deepEqual(r.latestSemver, { tag: "v1.0.0", date: "2020-03-01T12:00:00.000Z" });
  assert.equal(r.releasesLast12Months, 2, "the 365 days ending on the as-of date");
  assert.equal(r.stable, true);
  const early = computeReleases(tags, "2019-12-31", source);
  assert.equal(early.stable, false, "a 1.0.0 release candidate is not stable");
  assert.equal(early.latest?.tag, "nightly");
  assert.equal(early.latestSemver?.tag, "v1.0.0-rc.1");
  assert.equal(computeReleases([], "2020-01-01", source).latest, undefined);
});

test("reads lightweight and annotated tags with their dates", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const ids = buildRepo(dir, [
      { date: "2020-01-01", tag: "v0.1.0" },
      { date: "2020-02-01" },
    ]);
    git(dir, ["tag", "-a", "v0.2.0", "-m", "two", ids[1]!], undefined);
    const tags = await readTags(join(dir, ".git"));
    const byName = new Map(tags.map((x) => [x.name, x.date]));
    assert.equal(byName.get("v0.1.0"), Date.parse("2020-01-01T12:00:00Z") / 1000);
    assert.ok((byName.get("v0.2.0") ?? 0) > Date.parse("2024-01-01") / 1000, "annotated tag carries its tagger date");
  } finally {
    cleanup();
  }
});

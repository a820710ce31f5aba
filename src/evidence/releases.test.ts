import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { computeReleases, parseReleaseTag, readTags, tagSemver } from "./releases.js";
import { buildRepo, git, tempDir } from "./testing.js";

const source = { repository: "r", commit: "c" };
const t = (name: string, date: string, commit?: string) => ({
  name,
  date: Date.parse(date.length === 10 ? date + "T12:00:00Z" : date) / 1000,
  ...(commit ? { commit } : {}),
});

test("recognises semver tags, with a v or a path prefix", () => {
  assert.equal(tagSemver("v1.2.3"), "1.2.3");
  assert.equal(tagSemver("api/v0.4.0-rc.1"), "0.4.0-rc.1");
  assert.equal(tagSemver("release-1.2"), null);
  assert.equal(tagSemver("1.2"), null);
});

test("counts releases, latest, last 12 months and stability as of a date", () => {
  const tags = [
    t("v0.9.0", "2019-01-01"),
    t("v1.0.0-rc.1", "2019-06-01"),
    t("nightly", "2019-07-01"),
    t("v1.0.0", "2020-03-01"),
    t("v1.1.0", "2020-09-01"),
  ];
  const r = computeReleases(tags, "2020-06-01", source);
  assert.equal(r.tags, 4);
  assert.equal(r.semverTags, 3);
  assert.deepEqual(r.latest, { tag: "v1.0.0", date: "2020-03-01T12:00:00.000Z", semver: true });
  assert.deepEqual(r.latestSemver, { tag: "v1.0.0", date: "2020-03-01T12:00:00.000Z" });
  assert.equal(r.releasesLast12Months, 1, "final releases in the 365 days ending on the as-of date");
  assert.equal(r.preReleasesLast12Months, 0, "the release candidate is older than 365 days");
  assert.equal(r.nonReleaseTags, 1, "nightly names no version");
  assert.equal(r.latestStable?.tag, "v1.0.0");
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
    const ids = buildRepo(dir, [{ date: "2020-01-01", tag: "v0.1.0" }, { date: "2020-02-01" }]);
    git(dir, ["tag", "-a", "v0.2.0", "-m", "two", ids[1]!], undefined);
    const tags = await readTags(join(dir, ".git"));
    const byName = new Map(tags.map((x) => [x.name, x.date]));
    assert.equal(byName.get("v0.1.0"), Date.parse("2020-01-01T12:00:00Z") / 1000);
    assert.ok((byName.get("v0.2.0") ?? 0) > Date.parse("2024-01-01") / 1000, "annotated tag carries its tagger date");
  } finally {
    cleanup();
  }
});

test("reads component prefixes as releases of a component", () => {
  assert.deepEqual(parseReleaseTag("docker-v29.7.2"), {
    component: "docker",
    inFolder: false,
    version: "29.7.2",
    prerelease: false,
  });
  assert.deepEqual(parseReleaseTag("cluster-autoscaler-1.30.0"), {
    component: "cluster-autoscaler",
    inFolder: false,
    version: "1.30.0",
    prerelease: false,
  });
  assert.deepEqual(parseReleaseTag("cluster-autoscaler-chart-9.59.0"), {
    component: "cluster-autoscaler-chart",
    inFolder: false,
    version: "9.59.0",
    prerelease: false,
  });
  assert.deepEqual(parseReleaseTag("pkg/azclient/v0.2.0"), {
    component: "pkg/azclient",
    inFolder: true,
    version: "0.2.0",
    prerelease: false,
  });
  assert.deepEqual(parseReleaseTag("pkg/azclient/trace/v0.23.0-rc.1"), {
    component: "pkg/azclient/trace",
    inFolder: true,
    version: "0.23.0-rc.1",
    prerelease: true,
  });
  assert.deepEqual(parseReleaseTag("v1.2.3"), { component: "", inFolder: false, version: "1.2.3", prerelease: false });
  assert.equal(parseReleaseTag("0.13.0rc2")?.prerelease, true, "an old-style rc without a hyphen is a pre-release");
  for (const name of [
    "nightly",
    "builder/1",
    "autorun/1",
    "all-tests-pass",
    "release-1.2",
    "k8s2",
    "v1",
    "x".repeat(5000) + "1.2.3",
  ])
    assert.equal(parseReleaseTag(name), null, name);
});

test("the project's latest release and its counts, on the shapes of real repositories' tags", () => {
  const azure = [
    t("pkg/azclient/trace/v0.23.0", "2026-08-17T19:21:14Z", "z2"),
    t("pkg/azclient/v0.22.0", "2026-08-17", "z2"),
    t("v1.33.17", "2026-08-13", "p3"),
    t("pkg/azclient/v0.21.7", "2026-08-10", "z1"),
    t("v1.36.5", "2026-08-10", "p2"),
    t("v1.37.0-rc.0", "2026-08-01", "p1"),
  ];
  const cases: Array<{
    what: string;
    tags: ReturnType<typeof t>[];
    stable: string;
    semver?: string;
    latest?: string;
    releases?: number;
    preReleases?: number;
    /** A component's own latest stable, kept beside the project's. */
    component?: [string, string];
    /** A component's own releases in 12 months, kept beside the project's. */
    componentReleases?: [string, number];
  }> = [
    {
      what: "containerd: several lines on one day (the higher version), a beta of the next after them",
      tags: [
        t("v2.4.0-beta.0", "2026-08-13", "c4"),
        t("v2.2.7", "2026-08-12T12:05:00Z", "c1"),
        t("v2.3.4", "2026-08-12", "c2"),
        t("v1.7.34", "2026-07-09", "c3"),
        t("api/v1.12.0-beta.0", "2026-08-04", "c5"),
      ],
      stable: "v2.3.4",
      semver: "v2.4.0-beta.0",
      releases: 3,
      preReleases: 1, // the api module's beta is the module's
      componentReleases: ["api", 0],
    },
    {
      what: "kyverno: the app and its Helm charts on one commit, the charts' versions higher",
      tags: [
        t("kyverno-chart-3.9.0", "2026-08-20", "k2"),
        t("v1.19.0", "2026-08-20", "k2"),
        t("kyverno-policies-chart-3.9.0", "2026-08-20", "k2"),
        t("kyverno-chart-3.8.2", "2026-07-10", "k1"),
        t("v1.18.2", "2026-07-10", "k1"),
      ],
      stable: "v1.19.0",
      releases: 2, // tags on one commit are one release
      component: ["kyverno-chart", "kyverno-chart-3.9.0"],
    },
    {
      what: "cloud-provider-azure: its Go modules in pkg/azclient tagged days after the project's releases",
      tags: azure,
      stable: "v1.33.17",
      semver: "v1.33.17",
      latest: "pkg/azclient/trace/v0.23.0",
      releases: 2, // the project's own: the modules' count under their components
      preReleases: 1,
      component: ["pkg/azclient/trace", "pkg/azclient/trace/v0.23.0"],
      componentReleases: ["pkg/azclient", 2],
    },
    {
      what: "a repository of Go modules only: their tags are its releases",
      tags: azure.slice(0, 2),
      stable: azure[0]!.name,
      releases: 1, // one commit
    },
    {
      what: "moby: the product's prefix is a name, not a folder, and wins over an older own line and the modules",
      tags: [
        t("api/v1.53.0", "2026-08-06", "m3"),
        t("docker-v29.7.2", "2026-08-05", "m2"),
        t("v28.5.2", "2026-03-01", "m1"),
      ],
      stable: "docker-v29.7.2",
      releases: 2, // the product's two lines; the api module's release is the module's
    },
  ];
  for (const c of cases) {
    const r = computeReleases(c.tags, "2026-09-01", source);
    assert.equal(r.latestStable?.tag, c.stable, c.what);
    if (c.latest) assert.equal(r.latest?.tag, c.latest, `${c.what}: the newest tag is still the newest tag`);
    if (c.semver) assert.equal(r.latestSemver?.tag, c.semver, c.what);
    if (c.releases !== undefined) assert.equal(r.releasesLast12Months, c.releases, c.what);
    if (c.preReleases !== undefined) assert.equal(r.preReleasesLast12Months, c.preReleases, c.what);
    if (c.component) {
      const [name, tag] = c.component;
      assert.equal(r.components?.find((x) => x.component === name)?.latestStable?.tag, tag, `${c.what}: ${name}`);
    }
    if (c.componentReleases) {
      const [name, count] = c.componentReleases;
      assert.equal(r.components?.find((x) => x.component === name)?.releasesLast12Months, count, `${c.what}: ${name}`);
    }
  }
});

test("tags on one commit are one release (a Go module tagged per folder, two version schemes)", () => {
  // etcd tags each module at the release commit; prometheus tags v3.x and v0.3xx together.
  const tags = [
    t("v3.7.1", "2026-07-23", "a"),
    t("api/v3.7.1", "2026-07-23", "a"),
    t("client/v3.7.1", "2026-07-23", "a"),
    t("server/v3.7.1", "2026-07-23", "a"),
    t("v3.6.14", "2026-07-20", "b"),
    t("client/v3.6.14", "2026-07-20", "b"),
  ];
  const r = computeReleases(tags, "2026-08-01", source);
  assert.equal(r.semverTags, 6, "every version tag is a release tag");
  assert.equal(r.releasesLast12Months, 2, "but two releases");
});

test("component releases count once each and are reported by component", () => {
  const tags = [
    t("cluster-autoscaler-1.35.2", "2026-07-22", "a"),
    t("cluster-autoscaler-1.34.5", "2026-07-22", "b"),
    t("cluster-autoscaler-chart-9.59.0", "2026-07-21", "c"),
    t("addon-resizer-1.8.24", "2026-08-06", "d"),
  ];
  const r = computeReleases(tags, "2026-08-10", source);
  assert.equal(r.releasesLast12Months, 4);
  assert.equal(r.latestStable?.tag, "addon-resizer-1.8.24");
  assert.equal(r.latestStable?.component, "addon-resizer");
  assert.deepEqual(Object.fromEntries((r.components ?? []).map((c) => [c.component, c.releasesLast12Months])), {
    "cluster-autoscaler": 2,
    "cluster-autoscaler-chart": 1,
    "addon-resizer": 1,
  });
});

test("readTags gives each tag the commit it points at, through annotated tags", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const ids = buildRepo(dir, [{ date: "2020-01-01", tag: "v0.1.0" }]);
    git(dir, ["tag", "-a", "api/v0.1.0", "-m", "api", ids[0]!], undefined);
    const tags = await readTags(join(dir, ".git"));
    assert.deepEqual(
      tags.map((x) => x.commit),
      [ids[0], ids[0]],
    );
    assert.equal(computeReleases(tags, "2030-01-01", source).releasesLast12Months, 0, "older than 12 months");
    assert.equal(computeReleases(tags, "2020-06-01", source).releasesLast12Months, 1, "one commit, one release");
  } finally {
    cleanup();
  }
});

test("a folder of a monorepo counts the releases of the component its path names", () => {
  const tags = [
    t("cluster-autoscaler-1.35.2", "2026-07-22", "a"),
    t("cluster-autoscaler-chart-9.59.0", "2026-07-21", "c"),
    t("addon-resizer-1.8.24", "2026-08-06", "d"),
    t("v0.1.0", "2026-08-07", "e"),
  ];
  const r = computeReleases(tags, "2026-08-10", source, "cluster-autoscaler/cloudprovider/azure");
  assert.equal(r.releasesLast12Months, 1);
  assert.equal(r.latestStable?.tag, "cluster-autoscaler-1.35.2");
  assert.equal(r.tags, 1, "only that component's tags");
  assert.equal(computeReleases(tags, "2026-08-10", source, "addon-resizer").latestStable?.tag, "addon-resizer-1.8.24");
  assert.equal(
    computeReleases(tags, "2026-08-10", source, "docs/site").releasesLast12Months,
    4,
    "no component by that name: every release",
  );
});

import fc from "fast-check";
import {
  API_VERSION,
  isRaw,
  Url,
  type Announcement,
  type Catalog,
  type Channel,
  type Persona,
  type Project,
  type Section,
  type UsedIn,
} from "../catalog/index.js";
import { inferChannelKind, VERSION_TOKEN, type ChannelKind } from "./cells.js";
import { isSafeUrl } from "../core/index.js";
import { escapeHeading, escapeText } from "./inline.js";
import { IdAllocator } from "./slug.js";

/**
 * fast-check arbitraries of catalogs that a README can hold, for the render → import
 * property. Strings are hostile (pipes, brackets, HTML, backslashes, emphasis, entities,
 * non-ASCII, emoji) but single-line: a table cell cannot hold a newline. The catalogs are in
 * the importer's normal form: ids are the slugs of names, personas are ordered 1…n, projects
 * are listed persona by persona, defaults are left out, and markdown fields hold markdown
 * (escaped text), since `|` and `\|` render the same.
 */

const HOSTILE = [
  "|",
  "[",
  "]",
  "(",
  ")",
  "<",
  ">",
  "\\",
  "*",
  "_",
  "`",
  "~",
  "&",
  "#",
  ":",
  ";",
  ",",
  "!",
  "<script>",
  "</script>",
  "&amp;",
  "<br>",
  "[x](y)",
  "é",
  "ü",
  "中文",
  "🚀",
  "👩‍💻",
  " ",
  "-",
  ".",
  "/",
  "@",
  "'",
  '"',
  "%",
];
const ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".split("");
const unit = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 3, arbitrary: fc.constantFrom(...ALNUM) },
);

/** Single-line text, trimmed, never empty, full of characters markdown and HTML care about. */
export const plainText = fc
  .array(unit, { minLength: 1, maxLength: 10 })
  .map((a) => a.join("").replace(/\s+/g, " ").trim())
  .filter((s) => s.length > 0);

/** Markdown as a cell holds it: hostile text, escaped. */
export const markdownText = plainText.map((s) => escapeText(s));

/** A line of prose that cannot be read as a heading, list or table. */
const proseLine = markdownText.map((s) => `P ${s}`);
const prose = fc
  .array(proseLine, { minLength: 1, maxLength: 3 })
  .chain((lines) => fc.constantFrom(lines.join("\n"), lines.join("\n\n")));
/** Text between blocks, kept exactly: a blank line, prose, a blank line. */
const gapText = proseLine.map((s) => `\n${s}\n\n`);

const urlPath = fc
  .array(
    fc.constantFrom(
      "a",
      "b",
      "1",
      "-",
      "_",
      ".",
      "~",
      "(",
      ")",
      "|",
      "<",
      ">",
      "[",
      "]",
      "%20",
      "é",
      "\\",
      "?",
      "=",
      "&",
      "#",
    ),
    { maxLength: 8 },
  )
  .map((a) => a.join(""));
export const url = fc
  .tuple(fc.constantFrom("https://example.com/", "http://x.example/", "https://github.com/org/"), urlPath)
  .map(([base, path]) => base + path)
  .filter((u) => Url.safeParse(u).success);

const CHANNEL_URLS: Record<ChannelKind, readonly string[]> = {
  slack: ["https://kubernetes.slack.com/archives/C0"],
  "mailing-list": ["https://groups.google.com/forum/#!forum/dev", "mailto:dev@lists.example.org"],
  forum: ["https://discuss.example.io/c/general"],
  issues: ["https://github.com/org/repo/issues"],
  board: ["https://github.com/org/repo/projects/1"],
  other: ["https://example.com/chat"],
};

const channel: fc.Arbitrary<Channel> = fc.oneof(
  fc
    .tuple(fc.constantFrom(...(Object.keys(CHANNEL_URLS) as ChannelKind[])), plainText)
    .chain(([kind, label]) => fc.constantFrom(...CHANNEL_URLS[kind]).map((u) => ({ kind, label, url: u })))
    .filter((c) => inferChannelKind(c.label, c.url) === c.kind),
  markdownText.map((text) => ({ text })),
);

const usedIn: fc.Arbitrary<UsedIn> = fc
  .record({ title: plainText, url: fc.option(url, { nil: undefined }) })
  .map(compact);

const versionToken = fc.constantFrom("v1", "v1alpha1", "v2beta3", "1.2.3", "stable", "alpha", "v1alpha3");
/** A name of a versioned thing: the word "and" is left out, as it can separate versions. */
const versionName = plainText.filter((s) => !/(^|\s)and(\s|$)/i.test(s));
const versions = fc.oneof(
  fc
    .record({
      label: plainText,
      items: fc.array(
        fc.record({ name: fc.option(versionName, { nil: undefined }), version: versionToken }).map(compact),
        { minLength: 1, maxLength: 3 },
      ),
      separator: fc.constantFrom(undefined, ", "),
    })
    .map((v) => compact({ ...v, separator: v.items.length > 1 ? v.separator : undefined })),
  fc.record({
    label: plainText,
    text: fc.oneof(
      fc.constantFrom("N/A", "??", "TBD"),
      markdownText.filter((t) => !t.split(/\s+/).some((w) => VERSION_TOKEN.test(w))),
    ),
  }),
  fc.constant({ raw: "N/A only" }),
);

const state = fc.oneof(
  fc
    .record({
      framework: plainText,
      level: fc.oneof(plainText, fc.constant("")),
      note: fc.option(
        markdownText.map((n) => `(${n})`),
        { nil: undefined },
      ),
    })
    .map(compact),
  fc.constant({ raw: "Deprecated" }),
);

/**
 * Badge templates (readme.badges). Their fixed text has no lower-case letter or digit, so it
 * can never hold a project id (ids start and end with one): the id is found exactly once.
 */
const templateText = fc
  .array(
    fc.constantFrom(
      "BADGES",
      "HTTPS://IMG.EXAMPLE",
      "/",
      ".",
      "-",
      "_",
      "(",
      ")",
      "|",
      "<",
      ">",
      "\\",
      "[",
      "]",
      "%",
      "#",
      "?",
      "=",
      "&",
      "!",
      ":",
      "É",
    ),
    { maxLength: 6 },
  )
  .map((a) => a.join(""));
const badgesArbitrary = fc
  .record({
    // Only templates validate accepts: http(s), mailto or relative (no "BADGES:" scheme).
    image: fc
      .tuple(templateText, fc.constantFrom("", ".SVG", ".PNG"))
      .map(([before, after]) => `${before}{id}${after}`)
      .filter(isSafeUrl),
    link: fc
      .oneof(
        fc.constant(undefined),
        fc.constant("HTTPS://GITHUB.COM/ORG/REPO/BLOB/MAIN/GUIDELINES.MD#LEVELS"),
        fc.tuple(templateText, templateText).map(([before, after]) => `HTTPS://EXAMPLE.COM/${before}{id}${after}`),
      )
      .filter((link) => link === undefined || isSafeUrl(link)),
  })
  .map(compact);

const artifact = fc.record({ label: plainText, url, parenthesized: fc.constantFrom(true, undefined) }).map(compact);

/** One project's README-visible fields (id and persona are given later). */
const projectFields = fc
  .record({
    name: plainText,
    home: fc.option(url, { nil: undefined }),
    artifacts: fc.option(fc.array(artifact, { minLength: 1, maxLength: 3 }), { nil: undefined }),
    goal: fc.option(markdownText, { nil: undefined }),
    state: fc.option(state, { nil: undefined }),
    versions: fc.option(versions, { nil: undefined }),
    channels: fc.option(
      fc.oneof(
        { weight: 5, arbitrary: fc.array(channel, { minLength: 1, maxLength: 3 }) },
        { weight: 1, arbitrary: fc.constant({ raw: "[docs](docs/help.md)" }) },
      ),
      { nil: undefined },
    ),
    usedIn: fc.option(
      fc.oneof(
        { weight: 5, arbitrary: fc.array(usedIn, { minLength: 1, maxLength: 3 }) },
        { weight: 1, arbitrary: fc.constant({ raw: "<ul><li>[a](https://a.example)</ul>" }) },
      ),
      { nil: undefined },
    ),
  })
  .map(compact);

/** Section headings that give no role by accident. */
const headingWord = plainText.filter((s) => !/support|contribut|maturity|contents/i.test(s)).map(escapeHeading);
const count = fc.integer({ min: 0, max: 2 });

interface SectionDraft {
  readonly section: Section;
  readonly table: boolean;
  readonly before: number;
  readonly after: number;
}

const proseSection = fc.record({ heading: headingWord, body: prose, before: count, after: count }).map(
  (s): SectionDraft => ({
    section: { heading: `Notes ${s.heading}`, body: s.body },
    table: false,
    before: s.before,
    after: s.after,
  }),
);

const tableSection = (role: "announcements" | "projects", title: string) =>
  fc
    .record({
      heading: headingWord,
      body: fc.option(prose, { nil: undefined }),
      before: count,
      after: fc.integer({ min: 1, max: 2 }),
      tail: fc.option(gapText, { nil: undefined }),
    })
    .map(
      (s): SectionDraft => ({
        section: compact({ heading: `${title} ${s.heading}`, role, body: s.body, after: s.tail }),
        table: true,
        before: s.before,
        after: s.after,
      }),
    );

const textSection = (role: "support" | "contributing", title: string) =>
  fc.record({ heading: headingWord, before: count, after: count }).map(
    (s): SectionDraft => ({
      section: { heading: `${title} ${s.heading}`, role },
      table: false,
      before: s.before,
      after: s.after,
    }),
  );

/** Put blank-line counts on drafts, leaving out the defaults as the importer does. */
function finishSections(drafts: readonly SectionDraft[], hasText: (s: Section) => boolean): Section[] {
  return drafts.map((d, i) => {
    const last = i === drafts.length - 1;
    const blankLines: { before?: number; after?: number } = {};
    if (d.before !== 1) blankLines.before = d.before;
    const afterDefault = d.table ? 1 : last ? 0 : 1;
    if (hasText(d.section) && d.after !== afterDefault) blankLines.after = d.after;
    return Object.keys(blankLines).length ? { ...d.section, blankLines } : d.section;
  });
}

/** A whole catalog, as importing its rendered README gives it back. */
export const catalogArbitrary: fc.Arbitrary<Catalog> = fc
  .record({
    layout: fc.constantFrom("persona-tables" as const, "area-table" as const),
    name: plainText,
    preamble: fc.option(gapText, { nil: undefined }),
    personas: fc.array(
      fc.record({
        title: plainText,
        // A heading with markdown the plain title cannot show (kept as persona.heading).
        bold: fc.boolean(),
        // Headers of this persona's own table that differ from the first table's.
        ownGoalHeader: fc.option(
          markdownText.map((s) => `Goal ${s}`),
          { nil: undefined },
        ),
        intro: fc.option(gapText, { nil: undefined }),
        trailer: fc.option(gapText, { nil: undefined }),
        projects: fc.array(projectFields, { maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    usedInTitle: markdownText,
    headers: fc.record({
      project: markdownText.map((s) => `Project ${s}`),
      goal: markdownText,
      state: markdownText,
      channels: markdownText,
      area: fc.constantFrom("Project Area", "project area"),
    }),
    announcementHeaders: fc.record({
      date: fc.constantFrom("Date", "DATE"),
      announcedProject: markdownText,
      announcement: markdownText,
      details: markdownText,
    }),
    leading: fc.option(proseSection, { nil: undefined }),
    announcements: fc.option(tableSection("announcements", "News"), { nil: undefined }),
    support: fc.option(fc.tuple(textSection("support", "Support"), fc.option(prose, { nil: undefined })), {
      nil: undefined,
    }),
    projects: tableSection("projects", "Projects"),
    contributing: fc.option(
      fc.tuple(textSection("contributing", "Contributing"), fc.option(prose, { nil: undefined })),
      { nil: undefined },
    ),
    trailing: fc.option(proseSection, { nil: undefined }),
    news: fc.array(
      fc.record({
        date: fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }),
        announcement: markdownText,
        details: fc.option(markdownText, { nil: undefined }),
        pick: fc.nat(),
      }),
      { maxLength: 3 },
    ),
    announcementsEmpty: fc.option(markdownText, { nil: undefined }),
    badges: fc.oneof(fc.constant(undefined), badgesArbitrary),
  })
  .map((a): Catalog => {
    const personaIds = new IdAllocator("persona");
    const projectIds = new IdAllocator("project");
    const personas: Persona[] = [];
    const projects: Project[] = [];
    const trailers: Record<string, string> = {};
    a.personas.forEach((p, i) => {
      const heading = p.bold
        ? `**${a.layout === "persona-tables" ? escapeHeading(p.title) : escapeText(p.title)}**`
        : undefined;
      const title = p.title;
      const ownColumns =
        a.layout === "persona-tables" && i > 0 && p.ownGoalHeader && p.ownGoalHeader !== a.headers.goal
          ? { goal: p.ownGoalHeader }
          : undefined;
      const persona: Persona = compact({
        id: personaIds.next(title),
        title,
        order: i + 1,
        intro: a.layout === "persona-tables" ? p.intro : undefined,
        heading,
        columns: ownColumns,
      });
      personas.push(persona);
      if (a.layout === "persona-tables" && p.trailer && i < a.personas.length - 1) trailers[persona.id] = p.trailer;
      for (const fields of p.projects)
        projects.push({ id: projectIds.next(fields.name), persona: persona.id, ...fields });
    });

    const drafts = [a.leading, a.announcements, a.support?.[0], a.projects, a.contributing?.[0], a.trailing].filter(
      (d): d is SectionDraft => d !== undefined,
    );
    const support = a.support?.[1];
    const contributing = a.contributing?.[1];
    const sections = finishSections(drafts, (s) =>
      s.role === "support" ? !!support : s.role === "contributing" ? !!contributing : !!s.body,
    );

    const unique = projects.filter((p) => projects.filter((q) => q.name === p.name).length === 1);
    const announcements: Announcement[] =
      a.announcements && unique.length
        ? a.news.map((n) =>
            compact({
              date: n.date.toISOString().slice(0, 10),
              project: unique[n.pick % unique.length]!.id,
              announcement: n.announcement,
              details: n.details,
            }),
          )
        : [];

    const columns: Record<string, string> = {
      project: a.headers.project,
      goal: a.headers.goal,
      state: a.headers.state,
      channels: a.headers.channels,
    };
    if (a.layout === "area-table") columns.area = a.headers.area;
    if (a.announcements) Object.assign(columns, a.announcementHeaders);

    // JSON round trip: plain prototypes (fast-check records have none) and no undefined keys.
    return JSON.parse(
      JSON.stringify({
        apiVersion: API_VERSION,
        program: compact({ name: a.name, usedInTitle: a.usedInTitle, support, contributing }),
        readme: compact({
          layout: a.layout,
          preamble: a.preamble,
          columns,
          announcementsEmpty: a.announcements && announcements.length === 0 ? a.announcementsEmpty : undefined,
          sections,
          personaHeadingLevel: a.layout === "persona-tables" ? 3 : undefined,
          personaTrailers: Object.keys(trailers).length ? trailers : undefined,
          // Only seen (and so only imported) when some project shows a structured state.
          badges: projects.some((p) => p.state && !isRaw(p.state)) ? a.badges : undefined,
        }),
        personas,
        projects,
        announcements: announcements.length ? announcements : undefined,
      }),
    ) as Catalog;
  });

/** Drop keys whose value is undefined: the importer leaves absent fields out. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

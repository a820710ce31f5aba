import { z } from "zod";
import { isCalendarDate } from "../core/index.js";
import { describeUnsafeUrl, isSafeUrl } from "../core/index.js";

/**
 * The catalog as written in YAML (apiVersion upstream/v1). The zod schema is the single
 * source for validation, the TypeScript types and the published JSON Schema
 * (`upstream schema`). Objects are strict so a typo is reported, not ignored.
 */

export const API_VERSION = "upstream/v1";

/** A calendar date written YYYY-MM-DD. */
export const DateString = z
  .string()
  .refine(isCalendarDate, { message: "expected a date written YYYY-MM-DD (e.g. 2020-06-01)", params: { kind: "date" } })
  .meta({ description: "A calendar date, YYYY-MM-DD.", examples: ["2020-06-01"] });

const URL_SCHEMES = new Set(["http:", "https:", "mailto:", "file:"]);

/**
 * An http(s) URL that `new URL` surely accepts, with a host: a DNS name of ASCII letters, digits and hyphens whose
 * last label starts with a letter (so it is not read as an IPv4 address), no "xn--" (IDNA would decode it), no
 * user or port; then a path, query or fragment of printable ASCII (the parser only escapes those). Most of a
 * catalog's URLs; the others go through `new URL`, whose answer this test never contradicts.
 */
export const PLAIN_WEB_URL = /^https?:\/\/(?![^/?#]*xn--)(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*(?:[/?#][!-~]*)?$/i;

/** Absolute http(s), mailto or file URL. */
export const Url = z
  .string()
  .refine(
    (s) => {
      if (PLAIN_WEB_URL.test(s)) return true;
      if (s.trim() !== s || /\s/.test(s)) return false;
      try {
        const u = new URL(s);
        return (
          URL_SCHEMES.has(u.protocol) &&
          (u.protocol !== "http:" && u.protocol !== "https:" ? true : u.hostname.length > 0)
        );
      } catch {
        return false;
      }
    },
    { message: "expected an absolute URL such as https://github.com/org/repo", params: { kind: "url" } },
  )
  .meta({
    description: "An absolute URL (http, https, mailto or file).",
    examples: ["https://github.com/Azure/aks-engine"],
  });

/** Anything a reader may write as markdown: kept as written, never reflowed. */
const Markdown = z.string().meta({ description: "Markdown, kept exactly as written." });

/** Kebab-case identifier used to refer to a project or persona. */
export const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, {
    message: "expected a lower-case id of letters, digits, '.', '_' or '-' (e.g. aks-engine)",
  })
  .meta({ description: "Lower-case identifier (letters, digits, '.', '_', '-').", examples: ["aks-engine"] });

/** A cell the README importer could not understand, kept verbatim. */
export const RawCell = z
  .strictObject({
    raw: Markdown.meta({
      description: "The cell's markdown, kept verbatim because it did not fit the structured form.",
    }),
  })
  .meta({ description: "A README table cell kept as raw markdown." });

export const Link = z.strictObject({
  label: z.string().meta({ description: "The link text as shown." }),
  url: Url,
});

export const Artifact = z
  .strictObject({
    label: z.string().meta({ description: "What the link points to: releases, Tests, Builds, …" }),
    url: Url,
    parenthesized: z
      .boolean()
      .optional()
      .meta({ description: "Shown in parentheses, as the README shows '([releases](…))'." }),
  })
  .meta({ description: "A labelled link to one of the project's artifacts." });

export const ProjectState = z
  .strictObject({
    framework: z
      .string()
      .min(1)
      .meta({
        description: "The maturity framework's alias, as shown: CNCF, Azure, Kubernetes, Moby, …",
        examples: ["CNCF"],
      }),
    level: z.string().meta({
      description: "The level as written: sandbox, incubating, graduated, stable, N/A, ?? (unknown) …",
      examples: ["incubating"],
    }),
    note: Markdown.optional().meta({
      description: "Markdown after the level, e.g. '([pending](https://github.com/cncf/toc/pull/336))'.",
    }),
    foundation: z.string().min(1).optional().meta({
      description: "level donated: the foundation the TOC donated the project to (written by `review close`).",
    }),
  })
  .meta({ description: "Where the project stands in a maturity framework." });

export const NamedVersion = z.strictObject({
  name: z.string().optional().meta({ description: "What is versioned (e.g. Traffic Split); absent for a single API." }),
  version: z.string().meta({ description: "The version, e.g. v1alpha3." }),
});

export const Versions = z
  .strictObject({
    label: z.string().meta({ description: "How the README labels it: API, APIs, Feature, …", examples: ["API"] }),
    items: z.array(NamedVersion).min(1).optional().meta({ description: "One or many (named) versions." }),
    separator: z.string().optional().meta({ description: "How items are joined when shown (default '; ')." }),
    text: Markdown.optional().meta({ description: "Free text instead of items, e.g. N/A." }),
  })
  .meta({ description: "API or feature versions." });

export const CHANNEL_KINDS = ["slack", "mailing-list", "forum", "issues", "board", "other"] as const;

export const Channel = z
  .union([
    z.strictObject({
      kind: z.enum(CHANNEL_KINDS).meta({ description: "What kind of channel this is." }),
      label: z.string(),
      url: Url,
    }),
    z.strictObject({ text: Markdown.meta({ description: "Free text, e.g. 'same slack and email'." }) }),
  ])
  .meta({ description: "A communication channel: a labelled link of a kind, or free text." });

export const UsedIn = z
  .strictObject({
    title: z.string().meta({ description: "The place's name as shown (plain text; escaped when rendered)." }),
    url: Url.optional(),
  })
  .meta({ description: "A place the project is used (the program's 'Use on …' column)." });

export const Attestation = z
  .strictObject({
    status: z.enum(["met", "not-met"]).meta({ description: "What the person attests." }),
    by: z.string().min(1).meta({ description: "Who attests (name or handle)." }),
    date: DateString,
    link: Url.optional().meta({ description: "Where the evidence is (a review, a vote, a document)." }),
    expires: DateString.optional().meta({ description: "After this date the attestation no longer counts." }),
    note: z.string().optional(),
  })
  .meta({ description: "A person's statement that a criterion is met or not." });

/** Repository location: a URL (https, ssh, file) or a local path, relative to the catalog file. */
export const RepositoryLocation = z
  .string()
  .min(1)
  .refine((s) => !s.startsWith("-"), {
    message: "a repository must not begin with '-' (git would read it as an option)",
    params: { kind: "option-like" },
  })
  .meta({
    description:
      "A git repository: URL or local path (relative to the catalog file). A GitHub or " +
      "GitLab '…/tree/<branch>/<folder>' URL stands for that folder of the repository.",
    examples: [
      "https://github.com/Azure/aks-engine",
      "https://github.com/kubernetes/autoscaler/tree/master/cluster-autoscaler/cloudprovider/azure",
    ],
  });

/** What a repository's evidence counts for: everything (code), or its files only (governance). */
export const REPOSITORY_ROLES = ["code", "governance"] as const;

/** A folder inside a repository, relative to its top: no leading '/', no '..'. */
export const RepositoryFolder = z
  .string()
  .min(1)
  .refine((s) => !s.startsWith("/") && !s.includes("\\") && !s.includes("\0") && !s.split("/").includes(".."), {
    message:
      "expected a folder relative to the repository's top, written with " +
      "'/' and without '..' (e.g. cluster-autoscaler/cloudprovider/azure)",
  })
  .meta({
    description:
      "A folder of the repository (a monorepo's component): " +
      "history, people, OWNERS and files are those of this folder.",
    examples: ["cluster-autoscaler/cloudprovider/azure"],
  });

export const RepositoryEntry = z
  .strictObject({
    url: RepositoryLocation,
    path: RepositoryFolder.optional(),
    role: z
      .enum(REPOSITORY_ROLES)
      .optional()
      .meta({
        description:
          "code (default): history, people, releases and files count. governance: an org-level repository " +
          "(<org>/community, <org>/.github, <org>/project) whose files (GOVERNANCE, " +
          "MAINTAINERS, SECURITY, …) count for the project and whose history does not.",
      }),
  })
  .meta({ description: "A repository with a folder or a role." });

/** Repository: a location, or {url, path?, role?}. `repositoryRef` (catalog/repository-ref.ts) gives both one form. */
export const Repository = z.union([RepositoryLocation, RepositoryEntry]).meta({
  description: "A git repository: a URL or local path, or {url, path?, role?}.",
  examples: [
    "https://github.com/Azure/aks-engine",
    { url: "https://github.com/containerd/project", role: "governance" },
  ],
});

export const Project = z
  .strictObject({
    id: Id,
    name: z.string().min(1).meta({ description: "Display name, as shown." }),
    persona: Id.meta({ description: "The id of the persona (README group) the project belongs to." }),
    home: Url.optional().meta({ description: "The project's home page (the name links here)." }),
    artifacts: z.array(Artifact).optional(),
    goal: Markdown.optional(),
    state: z.union([ProjectState, RawCell]).optional(),
    versions: z.union([Versions, RawCell]).optional(),
    channels: z.union([z.array(Channel), RawCell]).optional(),
    usedIn: z.union([z.array(UsedIn), RawCell]).optional(),
    repositories: z.array(Repository).optional(),
    attestations: z.record(z.string(), Attestation).optional().meta({ description: "criterion id → attestation" }),
    raw: z
      .record(z.string(), Markdown)
      .optional()
      .meta({
        description:
          "Cells the importer could not understand, by column, kept verbatim; " +
          "'extra': cells beyond the table's columns, joined by ' | '.",
      }),
  })
  .meta({ description: "One project of the program." });

const columnHeader = (column: string) =>
  z
    .string()
    .optional()
    .meta({ description: `The ${column} column's header.` });

/**
 * Headers of one persona's table, by column, where they differ from the README's. Strict, so a
 * misspelt column (`usedin`) is an error rather than a header that silently stays the default.
 */
export const PersonaColumns = z
  .strictObject({
    project: columnHeader("project (and artifacts)"),
    goal: columnHeader("goal"),
    state: columnHeader("project state and API version"),
    channels: columnHeader("communication channels"),
    usedIn: columnHeader("where it is used"),
  })
  .meta({ description: "Headers of this persona's table, by column, where they differ from the README's." });

/** The README's column headers; the "where it is used" header is program.usedInTitle. */
export const ReadmeColumns = z
  .strictObject({
    area: columnHeader("'Project Area' (layout area-table)"),
    project: columnHeader("project (and artifacts)"),
    goal: columnHeader("goal"),
    state: columnHeader("project state and API version"),
    channels: columnHeader("communication channels"),
    date: columnHeader("announcements table's date"),
    announcedProject: columnHeader("announcements table's project"),
    announcement: columnHeader("announcements table's announcement"),
    details: columnHeader("announcements table's details"),
  })
  .meta({
    description:
      "Column headers as written, by column (the 'where it is used' header is program.usedInTitle). " +
      "Default: the Azure Container Compute Upstream README's headers.",
  });

export const Persona = z
  .strictObject({
    id: Id,
    title: z.string().min(1),
    order: z.number().int().optional().meta({ description: "Sort key; default: order of appearance." }),
    intro: Markdown.optional().meta({ description: "Markdown shown under the persona's heading, before its table." }),
    heading: Markdown.optional().meta({
      description:
        "The persona's heading (or area cell) as written, when it holds markdown " +
        "the plain title cannot show; rendered instead of the escaped title.",
    }),
    columns: PersonaColumns.optional(),
    areaTable: z
      .boolean()
      .optional()
      .meta({
        description:
          "Layout persona-tables: this persona is a group of a 'Project Area' table among the persona " +
          "tables (a README moving between layouts); consecutive such personas share one table.",
      }),
  })
  .meta({ description: "An operating persona: a group of projects with a heading in the README." });

export const Announcement = z.strictObject({
  date: DateString,
  project: Id.meta({ description: "The id of the project announced." }),
  announcement: Markdown,
  details: Markdown.optional(),
});

const SECTION_ROLES = [
  "prose",
  "contents",
  "announcements",
  "support",
  "projects",
  "maturity",
  "contributing",
] as const;

export const Section = z
  .strictObject({
    heading: z.string().meta({ description: "Heading text as written." }),
    level: z.number().int().min(1).max(6).optional().meta({ description: "Heading level (default 2)." }),
    role: z
      .enum(SECTION_ROLES)
      .optional()
      .meta({
        description:
          "prose (default): body as written; announcements: body then the announcements table; " +
          "support/contributing: the program's text; projects: body then the persona tables.",
      }),
    body: Markdown.optional().meta({
      description:
        "The section's text. Roles prose/contents/maturity: the text without surrounding " +
        "blank lines; announcements/projects: the text before the table, as written.",
    }),
    blankLines: z
      .strictObject({
        before: z
          .number()
          .int()
          .min(0)
          .optional()
          .meta({ description: "Blank lines between the heading and the text (default 1)." }),
        after: z
          .number()
          .int()
          .min(0)
          .optional()
          .meta({ description: "Blank lines after the text (default 1; 0 for the last section)." }),
      })
      .optional()
      .meta({ description: "Blank lines around the section's text, so a README renders back line for line." }),
    after: Markdown.optional().meta({
      description:
        "Roles announcements/projects: markdown after the generated table(s), " +
        "as written (default: one blank line; nothing for the last section).",
    }),
    personas: z
      .array(z.string())
      .optional()
      .meta({
        description:
          "Role contents: the persona titles the body's persona entries were written for. While the catalog's " +
          "personas are these, the body renders as written; otherwise its persona entries are written anew.",
      }),
  })
  .meta({ description: "A section of the README, in order." });

/** The placeholder a badge template holds for the project's id. */
export const BADGE_ID_PLACEHOLDER = "{id}";

/** A URL or relative path template: no white space (it must stay one markdown link destination). */
const Template = z
  .string()
  .min(1)
  .refine((s) => !/\s/.test(s), { message: "a badge template must not contain white space (write a space as %20)" })
  // The README writes it as a link: javascript:, data:, vbscript: (any unvetted scheme) could run script.
  .refine(isSafeUrl, {
    error: (i) =>
      `a badge template must be an http(s) URL, a mailto: or a ` +
      `relative path, not ${describeUnsafeUrl(String(i.input))}`,
    params: { kind: "unsafe-url" },
  });

export const ReadmeBadges = z
  .strictObject({
    image: Template.refine((s) => s.includes(BADGE_ID_PLACEHOLDER), {
      message:
        "readme.badges.image must contain {id}, which is replaced by each project's " +
        "id (e.g. badges/{id}.svg, as `upstream badge --out-dir badges` writes them)",
    }).meta({
      description:
        "Where each project's badge image is: a URL or a path relative to the README, with {id} for the project's id.",
      examples: ["badges/{id}.svg", "https://example.github.io/upstream/badges/{id}.svg"],
    }),
    link: Template.optional().meta({
      description:
        "Where each badge links to (a URL template; may contain {id}), " +
        "e.g. the guidelines' explanation of the levels. Default: no link.",
      examples: ["https://github.com/Azure/container-compute-upstream/blob/master/graduation_guidelines.md"],
    }),
  })
  .meta({
    description:
      "Show each project's maturity badge as the last line of its state cell (projects whose state is " +
      "structured). Alt text: '<framework>: <level>'. Write the images with `upstream badge --out-dir`.",
  });

export const Readme = z
  .strictObject({
    layout: z
      .enum(["persona-tables", "area-table"])
      .optional()
      .meta({
        description:
          "persona-tables: one table per persona under a heading; area-table: " +
          "one table whose 'Project Area' rows start each persona.",
      }),
    title: z.string().optional().meta({ description: "The level-1 heading (default: the program name)." }),
    lead: Markdown.optional().meta({ description: "What stands before the title (blank lines), as written." }),
    preamble: Markdown.optional().meta({ description: "Markdown between the title and the first section." }),
    columns: ReadmeColumns.optional(),
    announcementsEmpty: z
      .string()
      .optional()
      .meta({ description: "Text of the row shown when there are no announcements." }),
    sections: z.array(Section).optional(),
    personaHeadingLevel: z.number().int().min(1).max(6).optional(),
    personaTrailers: z
      .record(z.string(), Markdown)
      .optional()
      .meta({
        description:
          "persona id → markdown between that persona's table and the " +
          "next persona heading, as written (default: one blank line).",
      }),
    trailer: Markdown.optional().meta({ description: "Markdown after the last section's generated content." }),
    delimiters: z
      .record(
        z.string(),
        z.string().regex(/^[ \t]*\|[ \t|:-]*$/, "a delimiter row holds only '|', '-', ':' and spaces"),
      )
      .optional()
      .meta({
        description:
          "persona id → the delimiter row (e.g. |:--|:--|) of the table that " +
          "starts with that persona, as written, where it is not |---|…",
      }),
    emptyRows: z
      .record(
        z.string(),
        z.array(
          z.strictObject({
            at: z.number().int().min(-1).meta({
              description: "How many of the persona's project rows come before it (-1: before the persona's area row).",
            }),
            row: z
              .string()
              .regex(/^[ \t]*\|[ \t|]*$/, "an empty row holds only '|' and spaces")
              .meta({ description: "The row as written, e.g. '| | | | | |'." }),
          }),
        ),
      )
      .optional()
      .meta({
        description:
          "persona id → the table rows with no text in its group, as " +
          "written: they are no project, and render back where they stood.",
      }),
    badges: ReadmeBadges.optional(),
  })
  .meta({ description: "How the README is laid out; import fills it so rendering gives the README back." });

/** An organization of the program: its name, or its name and its email domains. */
export const ProgramOrganization = z.union([
  z.string().min(1),
  z.strictObject({
    name: z.string().min(1),
    domains: z
      .array(z.string().min(1))
      .optional()
      .meta({ description: "Email domains of its people (subdomains included), e.g. microsoft.com." }),
  }),
]);

/** The names of the program's organizations, whichever form each is written in. */
export function programOrganizationNames(program: {
  readonly organizations?: readonly ProgramOrganization[] | undefined;
}): string[] {
  return (program.organizations ?? []).map((o) => (typeof o === "string" ? o : o.name));
}

export const Program = z
  .strictObject({
    name: z.string().min(1),
    usedInTitle: z
      .string()
      .optional()
      .meta({ description: "Title of the 'where it is used' column (default 'Use on Azure')." }),
    support: Markdown.optional().meta({ description: "The support policy." }),
    contributing: Markdown.optional().meta({ description: "How to contribute." }),
    organizations: z
      .array(ProgramOrganization)
      .optional()
      .meta({
        description:
          "The program's own organizations, for criteria such as 'a maintainer from outside " +
          "the program': a name, or a name with the email domains that are its people's.",
        examples: [["Microsoft"], [{ name: "Microsoft", domains: ["microsoft.com", "github.com"] }]],
      }),
    bots: z
      .array(z.string().min(1))
      .optional()
      .meta({
        description:
          "More bots whose commits are not counted as people's (besides [bot] accounts, dependabot, renovate, " +
          "github-actions, *-bot and *-robot logins): names, GitHub logins or emails, " +
          "compared whole and case-insensitively; * matches any run of characters.",
        examples: [["PrometheusBot", "prometheus-team@googlegroups.com", "*-automation"]],
      }),
    frameworks: z.record(z.string(), z.string()).optional().meta({
      description: "Project-state alias → framework id (e.g. Azure: azcnu-v0.1, CNCF: cncf).",
    }),
    affiliations: z
      .array(z.string().min(1))
      .optional()
      .meta({
        description:
          "Affiliation files in CNCF gitdm's formats (developers_affiliations*.txt, email-map, " +
          "company-names-mapping), relative to the catalog; --affiliations adds more.",
        examples: [["affiliations/developers_affiliations.txt"]],
      }),
    thresholds: z.record(z.string(), z.number()).optional().meta({
      description: "Criterion threshold overrides, 'framework-id/criterion-id' → number.",
    }),
    mirrors: z
      .record(z.string().min(1), z.string().min(1))
      .optional()
      .meta({
        description:
          "URL prefix → replacement, as git's insteadOf: a repository whose URL starts with the prefix is read " +
          "from the replacement (another URL, or a local folder, relative to " +
          "the catalog); the longest prefix wins. --mirror FROM=TO adds more.",
        examples: [{ "https://github.com/": "/srv/mirrors/github/" }],
      }),
  })
  .meta({ description: "The program itself." });

export const Catalog = z
  .strictObject({
    $schema: z.string().optional(),
    apiVersion: z.literal(API_VERSION).meta({ description: `Format version; always ${API_VERSION}.` }),
    program: Program,
    readme: Readme.optional(),
    personas: z.array(Persona),
    projects: z.array(Project),
    announcements: z.array(Announcement).optional(),
  })
  .meta({ title: "Upstream Portfolio catalog", description: "A program's catalog of projects (upstream.yaml)." });

export type Catalog = z.infer<typeof Catalog>;
export type Project = z.infer<typeof Project>;
export type Persona = z.infer<typeof Persona>;
export type Announcement = z.infer<typeof Announcement>;
export type Section = z.infer<typeof Section>;
export type Readme = z.infer<typeof Readme>;
export type ReadmeBadges = z.infer<typeof ReadmeBadges>;
export type ReadmeColumns = z.infer<typeof ReadmeColumns>;
export type Program = z.infer<typeof Program>;
export type ProgramOrganization = z.infer<typeof ProgramOrganization>;
export type ProjectState = z.infer<typeof ProjectState>;
export type Versions = z.infer<typeof Versions>;
export type Channel = z.infer<typeof Channel>;
export type UsedIn = z.infer<typeof UsedIn>;
export type Artifact = z.infer<typeof Artifact>;
export type Attestation = z.infer<typeof Attestation>;
export type RawCell = z.infer<typeof RawCell>;
export type Repository = z.infer<typeof Repository>;
export type RepositoryRole = (typeof REPOSITORY_ROLES)[number];

export function isRaw(v: unknown): v is RawCell {
  return typeof v === "object" && v !== null && "raw" in v;
}

/**
 * The main file as written: in the folder form, `projects:` may list ids whose projects live
 * in `projects/<id>.yaml`. The loader resolves them before validating against `Catalog`.
 */
export const WrittenCatalog = Catalog.extend({
  projects: z
    .array(z.union([Project, Id.meta({ description: "The id of a project kept in projects/<id>.yaml." })]))
    .optional(),
});

/** The JSON Schema editors use (yaml-language-server), generated from the zod schema. */
export function catalogJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(WrittenCatalog, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
  }) as Record<string, unknown>;
  return { $id: "https://upstream-portfolio.dev/schema/upstream-v1.json", ...schema };
}

/** The JSON Schema of one project file (`projects/<id>.yaml`). */
export function projectJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(Project, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
}

import { basename } from "node:path";
import { issue, type Issue } from "../core/index.js";

/**
 * One organization, however it is written. Names from every source (program.organizations,
 * developers_affiliations, email-map, a gitdm `company-names-mapping` file) are compared by a
 * key: lower case, letters and digits only, legal-form suffixes dropped, so `Microsoft`,
 * `Microsoft Corp.`, `Microsoft Corporation` and `microsoft` are one. An alias file maps
 * other names (`Amazon Web Services -> Amazon`) onto one key.
 *
 * The name shown is chosen in this order: the program's own spelling, the canonical name of
 * the alias file, then the shortest spelling seen in the affiliation files (the first one on
 * a tie), which is usually the one without a legal suffix.
 */

/** Trailing words that name a legal form, not an organization. */
const LEGAL_SUFFIXES = new Set([
  "inc",
  "incorporated",
  "ltd",
  "limited",
  "llc",
  "llp",
  "lp",
  "gmbh",
  "corp",
  "corporation",
  "co",
  "company",
  "plc",
  "ag",
  "sa",
  "sas",
  "bv",
  "nv",
  "srl",
  "spa",
  "kk",
  "pty",
  "oy",
  "ab",
  "sarl",
  "ug",
  "se",
]);

/**
 * The comparison key of an organization name: `"Red Hat, Inc."` → `"redhat"`.
 * Empty when nothing but punctuation and legal suffixes remain.
 */
export function organizationKey(name: string): string {
  const words = name
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "");
  // Keep at least one word: "Co" alone is a name, not a suffix.
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1]!)) words.pop();
  return words.join("");
}

/** Where a spelling came from; a lower rank wins the display name. */
export const NAME_RANK = { program: 0, mapping: 1, seen: 2 } as const;

/** The names of organizations seen so far, by key, and the aliases between keys. */
export class OrganizationNames {
  private readonly display = new Map<string, { name: string; rank: number }>();
  private readonly aliases = new Map<string, string>();

  /** Record `name` as a spelling of its organization. */
  add(name: string, rank: number): void {
    const clean = name.trim().replace(/\s+/g, " ");
    const key = this.keyOf(clean);
    if (!key) return;
    const old = this.display.get(key);
    if (!old || rank < old.rank || (rank === old.rank && rank === NAME_RANK.seen && clean.length < old.name.length))
      this.display.set(key, { name: clean, rank });
  }

  /** `alias` is another name of `canonical` (an alias file's line). */
  alias(alias: string, canonical: string): void {
    const from = organizationKey(alias);
    const to = organizationKey(canonical);
    // A line that would close a cycle (B -> A after A -> B) is already said: both are one organization.
    if (from && to && from !== to && this.keyOf(canonical) !== from) this.aliases.set(from, to);
    this.add(canonical, NAME_RANK.mapping);
  }

  /** The key of a name after aliases (followed a bounded number of times, so a cycle ends). */
  keyOf(name: string): string {
    let key = organizationKey(name);
    for (let i = 0; i < 8; i++) {
      const next = this.aliases.get(key);
      if (next === undefined || next === key) break;
      key = next;
    }
    return key;
  }

  /** The display name of `name`'s organization; `name` itself when it was never recorded. */
  nameOf(name: string): string {
    return this.display.get(this.keyOf(name))?.name ?? name.trim();
  }

  /** True when a source named an organization with this key. */
  has(key: string): boolean {
    return this.display.has(key);
  }

  /** Display name by key, if any source named it. */
  byKey(key: string): string | undefined {
    return this.display.get(key)?.name;
  }

  /** Every key and display name, for a hash. */
  entries(): [string, string][] {
    return [...this.display].map(([k, v]) => [k, v.name]);
  }
}

/** Is this the name of a gitdm company-names-mapping file? */
export function isCompanyNamesMapping(path: string): boolean {
  return basename(path).toLowerCase().includes("company-names-mapping");
}

/**
 * Parse a gitdm `company-names-mapping` file: `Alias Name -> Canonical Name` lines, `#`
 * comments. Malformed lines become warnings.
 */
export function parseCompanyNamesMapping(text: string, file: string, names: OrganizationNames, issues: Issue[]): void {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, "").trim();
    if (line === "" || line.startsWith("#")) continue;
    const arrow = line.indexOf("->");
    const alias = arrow < 0 ? "" : line.slice(0, arrow).trim();
    const canonical = arrow < 0 ? "" : line.slice(arrow + 2).trim();
    if (!organizationKey(alias) || !organizationKey(canonical) || canonical.includes("->")) {
      issues.push(
        issue("E_AFFILIATIONS_SYNTAX", "this line is not an `Alias Name -> Canonical Name` mapping", {
          severity: "warning",
          file,
          line: i + 1,
          hint: "write `Alias Name -> Canonical Name`",
        }),
      );
      continue;
    }
    names.alias(alias, canonical);
  }
}

/** Two-letter-ish second levels under which the organization is the label before them (`acme.co.uk`). */
const SECOND_LEVELS = new Set(["co", "com", "net", "org", "ac", "gov", "edu", "ne", "or", "go"]);

/**
 * The label of a domain that names its owner: `microsoft.com` → `microsoft`,
 * `us.ibm.com` → `ibm`, `acme.co.uk` → `acme`. Undefined for a name with no dot.
 */
export function ownerLabel(domain: string): string | undefined {
  const labels = domain.split(".").filter((l) => l !== "");
  if (labels.length < 2) return undefined;
  let i = labels.length - 2;
  if (labels.length >= 3 && SECOND_LEVELS.has(labels[i]!)) i--;
  return labels[i];
}

/**
 * A domain of one machine or network, never of an organization: `*.local`, `*.lan`,
 * `*.localdomain`, `*.internal`, `*.home`, `localhost`, git's `(none)`, a bare host name with
 * no dot, an IP address.
 */
export function isHostLocalDomain(domain: string): boolean {
  const d = domain.toLowerCase().replace(/\.$/, "");
  if (d === "" || !d.includes(".") || d === "(none)" || d.endsWith(".(none)")) return true;
  if (/^[\d.]+$/.test(d) || d.startsWith("[")) return true;
  const last = d.slice(d.lastIndexOf(".") + 1);
  return ["local", "lan", "localdomain", "internal", "home", "localhost", "arpa"].includes(last);
}

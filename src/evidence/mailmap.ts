/**
 * A `.mailmap` read the way git reads it, for the identities git does not map itself:
 * `git log --use-mailmap` maps authors, but not the `Co-authored-by:` trailers, so without
 * this a co-author writing from an old address would count as a second person.
 *
 * Lines (see gitmailmap(5)):
 *   Proper Name <commit@email>
 *   <proper@email> <commit@email>
 *   Proper Name <proper@email> <commit@email>
 *   Proper Name <proper@email> Commit Name <commit@email>
 * Emails and names are compared case-insensitively, as git does.
 */

/** What a `.mailmap` line puts in place of a commit's name, email or both. */
export interface MailmapEntry {
  readonly name?: string;
  readonly email?: string;
}

export interface Mailmap {
  /** By commit email: replacements for any name, and by lower-case commit name. */
  readonly byEmail: ReadonlyMap<
    string,
    { readonly any?: MailmapEntry; readonly byName: ReadonlyMap<string, MailmapEntry> }
  >;
}

/** Next `Name <email>` from `pos`: the trimmed text before `<` and the text inside `<>`. */
function nameAndEmail(line: string, pos: number): { name: string; email: string; end: number } | undefined {
  const lt = line.indexOf("<", pos);
  const gt = lt < 0 ? -1 : line.indexOf(">", lt + 1);
  if (gt < 0) return undefined;
  return { name: line.slice(pos, lt).trim(), email: line.slice(lt + 1, gt).trim(), end: gt + 1 };
}

/** Maps parsed from a blob read, by the blob: a backfill's reader gives its dates one object per `.mailmap` blob. */
const parsedBlobs = new WeakMap<object, Mailmap>();

/** The map of a `.mailmap` blob as read (`{ text }`), parsed once however many dates read the same blob. */
export function mailmapOfBlob(blob: { readonly text: string }): Mailmap {
  let mailmap = parsedBlobs.get(blob);
  if (!mailmap) parsedBlobs.set(blob, (mailmap = parseMailmap(blob.text)));
  return mailmap;
}

/** Parse `.mailmap` text; lines it cannot read are skipped, as git skips them. */
export function parseMailmap(text: string): Mailmap {
  const byEmail = new Map<string, { any?: MailmapEntry; byName: Map<string, MailmapEntry> }>();
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const first = nameAndEmail(line, 0);
    if (!first) continue;
    const second = nameAndEmail(line, first.end);
    // One address: it is the commit email, and only the name is replaced.
    const proper: MailmapEntry = second
      ? { ...(first.name ? { name: first.name } : {}), ...(first.email ? { email: first.email } : {}) }
      : { ...(first.name ? { name: first.name } : {}) };
    const commit = second ?? { name: "", email: first.email };
    const key = commit.email.toLowerCase();
    let slot = byEmail.get(key);
    if (!slot) byEmail.set(key, (slot = { byName: new Map() }));
    if (commit.name)
      slot.byName.set(commit.name.toLowerCase(), { ...slot.byName.get(commit.name.toLowerCase()), ...proper });
    else slot.any = { ...slot.any, ...proper };
  }
  return { byEmail };
}

/** The identity git would show for `name <email>` under `--use-mailmap`. */
export function mapIdentity(
  mailmap: Mailmap | undefined,
  name: string,
  email: string,
): { name: string; email: string } {
  const slot = mailmap?.byEmail.get(email.toLowerCase());
  if (!slot) return { name, email };
  const entry = slot.byName.get(name.toLowerCase()) ?? slot.any;
  return entry ? { name: entry.name ?? name, email: entry.email ?? email } : { name, email };
}

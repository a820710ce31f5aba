import { today } from "../../core/index.js";
import { didYouMean, UserError } from "../../core/index.js";
import { escapeTerminalText } from "../../core/index.js";
import { API_VERSION, type CatalogEdit } from "../../catalog/index.js";
import { hasVote, MEMBER_ROLES, membersOn, renderMembers } from "../../governance/index.js";
import { badInput, GovernanceWriter, tocDocument } from "./review-write.js";
import { printJson, tocOutput } from "../json-documents.js";
import { parseDateOption } from "../shared.js";
import { openCatalogGovernance } from "./decisions-shared.js";

export async function list(options: { catalog?: string; date?: string; json?: boolean }): Promise<void> {
  const date = options.date ? parseDateOption(options.date, "--date") : today();
  const { governance } = await openCatalogGovernance(options);
  const toc = governance.loaded.records.toc;
  const members = membersOn(toc?.members ?? [], date);
  if (options.json)
    printJson(
      "toc",
      tocOutput({
        date,
        file: toc?.file ?? null,
        members: members.map((m) => ({
          handle: m.handle,
          name: m.name,
          organization: m.organization ?? null,
          role: m.role ?? "member",
          votes: hasVote(m),
          term: { from: m.term.from, until: m.term.until ?? null },
        })),
      }),
    );
  else if (!toc) process.stdout.write("no TOC: the catalog has no governance/toc.yaml (see docs/governance.md)\n");
  else process.stdout.write(renderMembers(members, date));
}

export async function add(
  handle: string,
  options: { catalog?: string; name: string; organization?: string; role?: string; from?: string },
): Promise<void> {
  const from = options.from ? parseDateOption(options.from, "--from") : today();
  if (options.role !== undefined && !(MEMBER_ROLES as readonly string[]).includes(options.role))
    throw new UserError("E_USAGE", `--role expects ${MEMBER_ROLES.join(", ")}, got '${options.role}'`);
  const program = await openCatalogGovernance(options);
  const document = tocDocument();
  const writer = await GovernanceWriter.open(program, options, [document], `toc add ${handle}`);
  const member = {
    name: options.name,
    handle,
    ...(options.organization ? { organization: options.organization } : {}),
    ...(options.role ? { role: options.role } : {}),
    term: { from },
  };
  const edits: CatalogEdit[] = program.governance.loaded.records.toc
    ? [{ op: "append", file: document.file, path: ["members"], value: member }]
    : [{ op: "set", file: document.file, path: [], value: { apiVersion: API_VERSION, members: [member] } }];
  await writer.apply(edits, `${handle} was not added`);
  const { written } = await writer.commit(`${handle} was not added`);
  process.stderr.write(`seated ${escapeTerminalText(handle)} from ${from}; wrote ${written.join(", ")}\n`);
}

export async function end(handle: string, options: { catalog?: string; date?: string }): Promise<void> {
  const date = options.date ? parseDateOption(options.date, "--date") : today();
  const program = await openCatalogGovernance(options);
  const toc = program.governance.loaded.records.toc;
  const members = toc?.members ?? [];
  const index = members.findIndex(
    (m) => m.handle.toLowerCase() === handle.toLowerCase() && m.term.until === undefined && m.term.from <= date,
  );
  if (!toc || index < 0) {
    const serving = members.filter((m) => m.term.until === undefined).map((m) => m.handle);
    const guess = didYouMean(handle, serving);
    throw badInput(
      "E_GOV_NOT_A_MEMBER",
      `${handle} holds no open term on the TOC on ${date}` + (toc ? "" : " (the catalog has no governance/toc.yaml)"),
      guess ? `did you mean '${guess}'?` : `members with an open term: ${serving.join(", ") || "none"}`,
      toc?.file,
    );
  }
  const document = tocDocument();
  const writer = await GovernanceWriter.open(program, options, [document], `toc end ${handle}`);
  await writer.apply(
    [{ op: "set", file: document.file, path: ["members", index, "term", "until"], value: date }],
    `${handle}'s term was not ended`,
  );
  const { written } = await writer.commit(`${handle}'s term was not ended`);
  process.stderr.write(`${escapeTerminalText(handle)} serves until ${date}; wrote ${written.join(", ")}\n`);
}

import { today } from "../../core/index.js";
import { hasVote, membersOn, renderMembers } from "../../governance/index.js";
import { printJson, tocOutput } from "../json-output.js";
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

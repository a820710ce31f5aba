import { z } from "zod";
import { at, met, notMet, unknown } from "../verdict.js";
import { plural } from "../../core/index.js";
import { list, NoParams, type EvidenceRule } from "./rule.js";

// Rules decided from the catalog itself, or by the assessor.

/**
 * Only a channel with a URL ({ kind, label, url }) counts: a public channel is one a reader can
 * follow. Free text ("same slack and email") says something exists but not where, so it cannot
 * show the criterion met; it leaves it unknown (a person can attest it) rather than not met,
 * since the channel may well exist. A raw markdown cell is unknown too. When the catalog names
 * no channel with a link, the channels the repositories' READMEs link to count, said so.
 */
export const communicationChannels: EvidenceRule = {
  id: "communication-channels",
  description:
    "The catalog lists at least `threshold` communication channels with a URL (Slack, mailing list, forum, …) " +
    "for the project, or, when it lists none, the project's READMEs link to them; free text without a link is unknown.",
  threshold: 1,
  params: NoParams,
  evaluate(input, threshold) {
    const channels = input.project.channels;
    const linked = Array.isArray(channels)
      ? channels.flatMap((c) => ("url" in c ? [`${c.label} (${c.kind}) ${c.url}`] : []))
      : [];
    if (linked.length >= threshold)
      return met(
        `the catalog lists ${plural(linked.length, "channel")} with a link: ${list(linked)}; ${threshold} required`,
      );
    const catalogLine =
      channels === undefined
        ? `the catalog lists no channels for ${input.project.id}`
        : !Array.isArray(channels)
          ? `the catalog's channels cell is raw markdown, so no channel can be checked: ${channels.raw}`
          : `the catalog lists ${plural(linked.length, "channel")} ` +
            `with a link${linked.length ? `: ${list(linked)}` : ""}`;
    // The READMEs: every distinct channel URL, with the README it came from.
    const fromReadme = new Map<string, string>();
    for (const r of input.evidence?.repositories ?? [])
      for (const item of r.files?.channels?.items ?? []) {
        const url = item.slice(item.indexOf(" ") + 1);
        if (!fromReadme.has(url))
          fromReadme.set(url, `${item} (from ${r.files.channels!.source?.path ?? "the README"} in ${at(r)})`);
      }
    if (fromReadme.size >= threshold)
      return met(
        `${catalogLine}; the README links ${plural(fromReadme.size, "channel")}: ` +
          `${list([...fromReadme.values()])}; ${threshold} required`,
      );
    const readmeLine = fromReadme.size
      ? [`the README links ${plural(fromReadme.size, "channel")}: ${list([...fromReadme.values()])}`]
      : [];
    if (channels !== undefined && !Array.isArray(channels)) return unknown(catalogLine, ...readmeLine);
    const text = Array.isArray(channels) ? channels.flatMap((c) => ("text" in c ? [c.text] : [])) : [];
    const line = `${catalogLine}; ${threshold} required`;
    if (text.length)
      return unknown(
        line,
        ...readmeLine,
        `free text without a link does not show a public channel: ${list(text.map((t) => `"${t}"`))}; ` +
          `give the channel as { kind, label, url } in the catalog, or attest it`,
      );
    return notMet(line, ...readmeLine);
  },
};

/**
 * `previous-stage` is decided by the assessor from the previous stage's findings ("Met
 * Sandbox stage guidelines"); it is registered here so framework files can name it.
 */
export const PREVIOUS_STAGE_RULE = "previous-stage";
export const previousStage: EvidenceRule = {
  id: PREVIOUS_STAGE_RULE,
  description: "Every required criterion of the previous stage (or of `stage`) is met or attested.",
  params: z.strictObject({
    stage: z.string().optional().meta({ description: "Stage id; default: the stage before this one." }),
  }),
  evaluate() {
    return unknown("decided by the assessor from the previous stage");
  },
};

import { z } from "zod";
import type { CatalogChannels, ChannelLink, Fact, ReadmeChannel } from "../facts.js";
import { fileRef, met, notMet, unknown } from "../verdict.js";
import { NoParams, type EvidenceRule } from "./rule.js";

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
    const listed = channels.kind === "listed" ? channels.channels : [];
    const linked: ChannelLink[] = listed.flatMap((c) =>
      c.kind === "link" ? [{ kind: c.channel, label: c.label, url: c.url }] : [],
    );
    const catalog: CatalogChannels =
      channels.kind === "none"
        ? { kind: "none", project: input.project.id }
        : channels.kind === "unstructured"
          ? { kind: "raw", raw: channels.text }
          : { kind: "listed", linked };
    if (linked.length >= threshold) return met({ kind: "catalog-channels", catalog, threshold });
    // The READMEs: every distinct channel URL, with the README it came from.
    const fromReadme = new Map<string, ReadmeChannel>();
    for (const r of input.evidence?.repositories ?? [])
      for (const item of r.files?.channels?.items ?? []) {
        const url = item.slice(item.indexOf(" ") + 1);
        if (!fromReadme.has(url)) fromReadme.set(url, { item, url, file: fileRef(r, r.files.channels!.source?.path) });
      }
    const readme = [...fromReadme.values()];
    if (readme.length >= threshold) return met({ kind: "catalog-channels", catalog, readme, threshold });
    const readmeFacts: Fact[] = readme.length ? [{ kind: "readme-channels", channels: readme }] : [];
    if (catalog.kind === "raw") return unknown({ kind: "catalog-channels", catalog }, ...readmeFacts);
    const texts = listed.flatMap((c) => (c.kind === "text" ? [c.text] : []));
    const line: Fact = { kind: "catalog-channels", catalog, threshold };
    if (texts.length) return unknown(line, ...readmeFacts, { kind: "channels-free-text", texts });
    return notMet(line, ...readmeFacts);
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
    return unknown({ kind: "assessor-decides" });
  },
};

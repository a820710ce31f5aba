import { z } from "zod";
import { met, notMet, unknown } from "../verdict.js";
import { list, NoParams, plural, type EvidenceRule } from "./rule.js";

// Rules decided from the catalog itself, or by the assessor.

export const communicationChannels: EvidenceRule = {
  id: "communication-channels",
  description: "The catalog lists at least `threshold` communication channels (Slack, mailing list, forum, …) for the project.",
  threshold: 1,
  params: NoParams,
  evaluate(input, threshold) {
    const channels = input.project.channels;
    if (channels === undefined) return notMet(`the catalog lists no channels for ${input.project.id}; ${threshold} required`);
    if (!Array.isArray(channels)) return unknown(`the catalog's channels cell is raw markdown: ${channels.raw}`);
    const labels = channels.map((c) => ("label" in c ? `${c.label} (${c.kind})` : c.text));
    const line = `the catalog lists ${plural(channels.length, "channel")}${labels.length ? `: ${list(labels)}` : ""}; ${threshold} required`;
    return channels.length >= threshold ? met(line) : notMet(line);
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
  params: z.strictObject({ stage: z.string().optional().meta({ description: "Stage id; default: the stage before this one." }) }),
  evaluate() {
    return unknown("decided by the assessor from the previous stage");
  },
};

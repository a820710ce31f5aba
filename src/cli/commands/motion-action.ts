import { today } from "../../core/index.js";
import { didYouMean, UserError } from "../../core/index.js";
import { escapeTerminalText } from "../../core/index.js";
import { MOTION_KINDS, motionIdFor, stageOf, type Motion, type MotionKind } from "../../governance/index.js";
import { parseDateOption, printJson } from "../shared.js";
import { openCatalogGovernance } from "./decisions-shared.js";
import { pickReview } from "./review-shared.js";
import { badInput, GovernanceWriter, reviewDocument } from "./review-write.js";

interface ProposeOptions {
  catalog?: string;
  kind: string;
  project: string;
  proposer: string;
  level?: string;
  foundation?: string;
  rationale?: string;
  opinion?: string;
  link: string[];
  name?: string;
  persona?: string;
  home?: string;
  repository: string[];
  review?: string;
  date?: string;
  json?: boolean;
}

export async function propose(options: ProposeOptions): Promise<void> {
  if (!(MOTION_KINDS as readonly string[]).includes(options.kind))
    throw new UserError("E_USAGE", `--kind expects ${MOTION_KINDS.join(", ")}, got '${options.kind}'`);
  const kind = options.kind as MotionKind;
  const date = options.date ? parseDateOption(options.date, "--date") : today();
  const needs = (flag: string, value: unknown, why: string) => {
    if (value === undefined || value === "") throw new UserError("E_USAGE", `--kind ${kind} needs ${flag}: ${why}`);
  };
  if (kind === "admit" || kind === "promote") needs("--level", options.level, "the level it moves to");
  if (kind === "donate") needs("--foundation", options.foundation, "the foundation receiving the project");
  if (kind === "admit") needs("--persona", options.persona, "the persona it joins in the catalog");
  if (kind === "reject" && !options.opinion?.trim())
    throw badInput(
      "E_GOV_OPINION_MISSING",
      `the rejection of ${options.project} has no opinion: the guidelines require one, written by the TOC`,
      "add --opinion 'the TOC's reasons, and what would change its view'",
    );
  const program = await openCatalogGovernance(options);
  const { catalog, governance } = program;
  if (kind === "admit" && !catalog.personas.some((p) => p.id === options.persona)) {
    const guess = didYouMean(
      options.persona!,
      catalog.personas.map((p) => p.id),
    );
    throw badInput(
      "E_CATALOG_UNKNOWN_PERSONA",
      `--persona ${options.persona} is not a persona of the catalog`,
      guess ? `did you mean '${guess}'?` : `use one of: ${catalog.personas.map((p) => p.id).join(", ")}`,
    );
  }
  const entry = pickReview(program, options.review, { mustBeOpen: true, command: "motion propose" });
  // Write the stage id when the level names one; otherwise as given, and the check says what is wrong.
  const project = governance.context.projects.find((p) => p.id === options.project);
  const framework = project?.frameworkId ?? governance.context.programFramework;
  const ladder = framework ? governance.context.frameworks.get(framework) : undefined;
  const level = options.level && ladder ? (stageOf(ladder, options.level) ?? options.level) : options.level;
  const motion: Motion = {
    id: motionIdFor(entry.review, kind, options.project, level),
    kind,
    project: options.project,
    ...(level ? { level } : {}),
    ...(options.foundation ? { foundation: options.foundation } : {}),
    ...(kind === "admit"
      ? {
          candidate: {
            name: options.name ?? options.project,
            persona: options.persona!,
            ...(options.home ? { home: options.home } : {}),
            ...(options.repository.length > 0 ? { repositories: options.repository } : {}),
          },
        }
      : {}),
    proposer: options.proposer,
    date,
    ...(options.rationale ? { rationale: options.rationale } : {}),
    ...(options.opinion ? { opinion: options.opinion } : {}),
    ...(options.link.length > 0 ? { links: options.link } : {}),
  };
  const document = reviewDocument(entry.review.id);
  const refusal = `the motion was not proposed`;
  const writer = await GovernanceWriter.open(program, options, [document], `motion propose ${motion.id}`);
  await writer.apply([{ op: "append", file: document.file, path: ["motions"], value: motion }], refusal);
  const { written } = await writer.commit(refusal);
  const name = `${entry.review.id}/${motion.id}`;
  if (options.json) printJson({ motion: name, ...motion, written });
  else
    process.stdout.write(
      `proposed ${escapeTerminalText(name)}: ${kind} ${escapeTerminalText(options.project)}` +
        `${level ? ` ${kind === "promote" ? "to" : "at"} ${escapeTerminalText(level)}` : ""}` +
        `${options.foundation ? ` to ${escapeTerminalText(options.foundation)}` : ""}\n` +
        (kind === "reject"
          ? ""
          : `vote with: upstream vote ${escapeTerminalText(name)} yes|no|abstain --member HANDLE\n`),
    );
}

import type { Command } from "commander";
import { register as registerValidate } from "./validate.js";
import { register as registerSchema } from "./schema.js";
import { register as registerList } from "./list.js";
import { register as registerInit } from "./init.js";
import { register as registerAssess } from "./assess.js";
import { register as registerBadge } from "./badge.js";
import { register as registerFrameworks } from "./frameworks.js";
import { register as registerImport } from "./import.js";
import { register as registerRender } from "./render.js";
import { register as registerCollect } from "./collect.js";
import { register as registerDecisions } from "./decisions.js";
import { register as registerToc } from "./toc.js";
import { register as registerHistory } from "./history.js";
import { register as registerReview } from "./review.js";
import { register as registerMotion } from "./motion.js";
import { register as registerVote } from "./vote.js";
import { register as registerStore } from "./store.js";

/** Each command lives in its own file and registers itself here. */
export function registerCommands(program: Command): void {
  registerValidate(program);
  registerSchema(program);
  registerList(program);
  registerInit(program);
  registerAssess(program);
  registerBadge(program);
  registerFrameworks(program);
  registerImport(program);
  registerRender(program);
  registerCollect(program);
  registerDecisions(program);
  registerToc(program);
  registerHistory(program);
  registerReview(program);
  registerMotion(program);
  registerVote(program);
  registerStore(program);
}

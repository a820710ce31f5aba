import type { Command } from "commander";
import { register as registerValidate } from "./validate.js";
import { register as registerSchema } from "./schema.js";
import { register as registerList } from "./list.js";
import { register as registerInit } from "./init.js";

/** Each command lives in its own file and registers itself here. */
export function registerCommands(program: Command): void {
  registerValidate(program);
  registerSchema(program);
  registerList(program);
  registerInit(program);
}

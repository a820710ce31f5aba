import type { Command } from "commander";

// The command's options; its work is in init-action.ts, loaded only when the command runs, so
// `upstream --help` and other commands do not pay for what this one imports.
export function register(program: Command): void {
  program
    .command("init")
    .description("write a starter upstream.yaml, and the JSON Schema it names beside it, in a folder")
    .argument("[dir]", "folder to write upstream.yaml into", ".")
    .option("--name <name>", "the program's name", "My Upstream Program")
    .option(
      "--template <name>",
      "neutral (the CNCF framework, a 'Used in' column) or azure (the Azure Container Compute " +
        "Upstream program's guidelines and 'Use on Azure' column)",
      "neutral",
    )
    .option("--force", "overwrite an existing upstream.yaml")
    .action(async (...args: Parameters<typeof import("./init-action.js").run>) =>
      (await import("./init-action.js")).run(...args),
    );
}

import { type ErrorCode, issue, UserError } from "../core/index.js";

/**
 * A store problem as the CLI prints it: the issue says what is wrong (naming the store) and the fix, the
 * error's message what became of the command's work.
 * @example storeError("E_STORE_FOREIGN", { store: "a.db", message: "a.db is not a store", fix: "name another file" })
 */
export function storeError(
  code: ErrorCode,
  problem: {
    readonly store: string;
    readonly message: string;
    readonly fix: string;
    /** @default "the store <store> was not opened; nothing was written to it" */
    readonly outcome?: string;
    readonly cause?: unknown;
  },
): UserError {
  return new UserError(
    code,
    problem.outcome ?? `the store ${problem.store} was not opened; nothing was written to it`,
    {
      cause: problem.cause,
      issues: [issue(code, problem.message, { hint: problem.fix })],
    },
  );
}

/** The problem's words and fix in one line, for tests and logs. */
export function describeStoreError(error: UserError): string {
  return [error.message, ...error.issues.map((i) => `${i.message} (fix: ${i.hint ?? ""})`)].join(" — ");
}

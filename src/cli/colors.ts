/**
 * Colours and --quiet for every command, in one place. The renderers write plain text; on a
 * terminal this module colours what they wrote (status marks ✔ ✘ ? ⚠ ↑, table headings, the
 * severity of issues) as it goes to the stream. The escape codes are ours alone: text from
 * catalogs and repositories has already been made inert by core/terminal-text.ts, so no ESC
 * reaches these streams but the ones added here.
 */

/** What decides colour: the stream, the environment, and the command line (--no-color). */
export interface ColorSettings {
  readonly isTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** false with --no-color. */
  readonly flag?: boolean;
}

/** Colours on a terminal, unless --no-color, NO_COLOR (any non-empty value, https://no-color.org) or TERM=dumb. */
export function colorEnabled({ isTTY, env, flag }: ColorSettings): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.TERM === "dumb") return false;
  return isTTY;
}

const sgr = (on: number, off: number) => (s: string) => `\x1b[${on}m${s}\x1b[${off}m`;
const bold = sgr(1, 22);
const dim = sgr(2, 22);
const green = sgr(32, 39);
const red = sgr(31, 39);
const yellow = sgr(33, 39);
const cyan = sgr(36, 39);

/** A table's rule line under its heading: runs of dashes separated by two spaces. */
const RULE = /^-+(?: {2}-+)*$/;

/** Colour one line of a report: marks, the severity of an issue, its fix. */
function colorLine(line: string): string {
  if (RULE.test(line)) return dim(line);
  return (
    line
      // `file:line:col: error: …` and `warning:`, as formatIssue writes them
      .replace(
        /^(.*?: )(error|warning)(: )/,
        (_m, where: string, severity: string, colon: string) =>
          `${where}${severity === "error" ? red(bold(severity)) : yellow(bold(severity))}${colon}`,
      )
      .replace(/^(\s+)(fix:)/, (_m, indent: string, fix: string) => `${indent}${cyan(fix)}`)
      .replace(/[✔✓]( (?:met|attested))?/g, (m) => green(m))
      .replace(/✘( (?:not met|expired))?/g, (m) => red(m))
      .replace(
        /(^|[\s(])(\? (?:unknown|unconfirmed)|\?)(?=[\s)]|$)/g,
        (_m, before: string, mark: string) => `${before}${yellow(mark)}`,
      )
      .replace(/⚠( declared above)?/g, (m) => yellow(m))
      .replace(/↑( eligible| moved up)?/g, (m) => cyan(m))
  );
}

/** Colour a chunk of a report: each line, and a table's heading (the line above its rule) in bold. */
export function colorize(text: string): string {
  const lines = text.split("\n");
  return lines
    .map((line, i) => (RULE.test(lines[i + 1] ?? "") && line.trim() !== "" ? bold(line) : colorLine(line)))
    .join("\n");
}

/**
 * With --quiet, what still reaches stderr: errors (with their fix lines) and the reasons a command
 * fails; warnings, progress and notes ("wrote …", "run `upstream assess PROJECT` …") do not.
 */
export function keptWhenQuiet(chunk: string): boolean {
  if (/^upstream: (?!warning:)/.test(chunk)) return true; // the tool's own errors and why it exits 1
  if (/^--fail-on-drift:/.test(chunk)) return true;
  return /^[^\n]*: error: /.test(chunk);
}

export interface OutputPolicy {
  readonly command: string;
  /** Colour what goes to stdout (reports on a terminal; never JSON, YAML, markdown or SVG). */
  readonly colorStdout: boolean;
  readonly colorStderr: boolean;
  readonly quiet: boolean;
}

/** Commands whose stdout is a report for a person (on other commands and formats, stdout is data). */
const REPORT_COMMANDS = new Set(["validate", "list", "collect", "assess", "show"]);
/** Commands that colour their own report (and are told to by `stdoutColored`). */
const SELF_COLORED = new Set(["collect"]);

/** The policy for one run: the command, its options and the two streams. */
export function outputPolicy(
  command: { readonly name: string; readonly options: Readonly<Record<string, unknown>> },
  global: { readonly color?: boolean; readonly quiet?: boolean },
  streams: { readonly stdoutIsTTY: boolean; readonly stderrIsTTY: boolean },
  env: Readonly<Record<string, string | undefined>>,
): OutputPolicy {
  const data = command.options.json === true || ["json", "markdown"].includes(String(command.options.format));
  return {
    command: command.name,
    colorStdout:
      REPORT_COMMANDS.has(command.name) &&
      !data &&
      colorEnabled({ isTTY: streams.stdoutIsTTY, env, flag: global.color }),
    colorStderr: colorEnabled({ isTTY: streams.stderrIsTTY, env, flag: global.color }),
    quiet: global.quiet === true,
  };
}

let applied: OutputPolicy | undefined;

/** Whether this run's report on stdout is coloured: for the commands that colour their own. */
export function stdoutColored(): boolean {
  return applied?.colorStdout === true;
}

/** Apply the policy to the process's streams: colours added on the way out, quiet notes dropped. */
export function applyOutputPolicy(policy: OutputPolicy): void {
  applied = policy;
  if (policy.colorStdout && !SELF_COLORED.has(policy.command)) wrapWrites(process.stdout, colorize);
  if (policy.colorStderr || policy.quiet)
    wrapWrites(process.stderr, (text) =>
      policy.quiet && !keptWhenQuiet(text) ? "" : policy.colorStderr ? colorize(text) : text,
    );
}

function wrapWrites(stream: NodeJS.WriteStream, transform: (text: string) => string): void {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk !== "string") return write(chunk, ...rest);
    const text = transform(chunk);
    if (text === "") {
      // Nothing to write: still call back, as a write would.
      const callback = rest.find((r): r is () => void => typeof r === "function");
      callback?.();
      return true;
    }
    return write(text, ...rest);
  }) as typeof stream.write;
}

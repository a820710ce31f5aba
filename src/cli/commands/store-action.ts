import { resolve } from "node:path";
import { exportStore, importStore } from "../../app/index.js";
import { escapeTerminalLine, issue, plural, readInputFile, UserError } from "../../core/index.js";
import { openCatalog, parseDateOption, writeFileAtomic } from "../shared.js";
import { toolVersion, withStoreSession, type StoreFlags } from "./store-session.js";

interface StoreCommandFlags extends StoreFlags {
  catalog?: string;
  asOf?: string;
}

export async function runExport(file: string, flags: StoreCommandFlags): Promise<void> {
  const asOf = flags.asOf === undefined ? undefined : parseDateOption(flags.asOf, "--as-of");
  const opened = await openCatalog(flags);
  const exported = await withStoreSession(flags, opened, (session) =>
    exportStore(session!.store, { toolVersion: toolVersion(), ...(asOf ? { asOf } : {}) }),
  );
  // Whole or not at all: a reader never sees half an export.
  await writeFileAtomic(resolve(file), exported.text);
  process.stderr.write(
    `exported ${plural(exported.records, "record")} as of ${exported.header.asOf ?? "no date (empty store)"} ` +
      `to ${escapeTerminalLine(file)}\n`,
  );
}

export async function runImport(file: string, flags: StoreCommandFlags): Promise<void> {
  const opened = await openCatalog(flags);
  const read = readInputFile(resolve(file), { what: "the store export" });
  if ("problem" in read)
    throw new UserError("E_FILE_NOT_FOUND", `cannot import ${file}: nothing was written to the store`, {
      issues: [issue("E_FILE_NOT_FOUND", read.message, { file, hint: read.hint })],
    });
  const imported = await withStoreSession(flags, opened, (session) =>
    importStore(session!.store, read.bytes.toString("utf8"), file),
  );
  process.stderr.write(
    `imported ${plural(imported.snapshots, "snapshot")} and ${plural(imported.failures, "failure")} as of ` +
      `${imported.header.asOf ?? "no date"} from ${escapeTerminalLine(file)}\n`,
  );
}

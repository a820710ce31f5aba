/**
 * What a file-system error means, in words, for messages: `EISDIR` is "it is a folder, not a
 * file", never the raw code or Node's "illegal operation on a directory, read". One place, so
 * every command words the same failure the same way.
 */
const WORDS: Readonly<Record<string, string>> = {
  ENOENT: "it does not exist (or a folder on the way does not)",
  EISDIR: "it is a folder, not a file",
  ENOTDIR: "a part of the path is a file, not a folder",
  EEXIST: "something else is already there",
  ENOTEMPTY: "the folder is not empty",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ELOOP: "its symbolic links loop",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is exceeded",
  ENAMETOOLONG: "the path is too long",
  EMFILE: "too many files are open",
  ENFILE: "too many files are open",
  EBUSY: "it is in use",
  ETXTBSY: "it is in use",
  EIO: "the disk reported an input/output error",
  EXDEV: "it is on another file system",
  EINVAL: "the file system does not allow this here",
};

/** The words for `error`'s code, else its message (escaping is the caller's: it may quote a path). */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && WORDS[code]) return WORDS[code]!;
  return code ?? (error instanceof Error ? error.message : String(error));
}

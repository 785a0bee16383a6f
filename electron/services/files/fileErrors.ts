// What the operating system said, in plain words: a file-system error (EROFS, EACCES, ENOSPC, …) becomes
// one sentence that names the path, what the studio was doing and the cause a person can act on, with
// the OS code kept in brackets for searching. Node's own messages ("ENOENT: no such file or directory,
// mkdir '/ro/x'") name neither the real cause nor what was being done.

const causes: Record<string, string> = {
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted there',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is too large for that file system',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  EEXIST: 'something of that name is already there',
  ENOENT: 'it does not exist (removed, or its drive unplugged)',
  EIO: 'an input/output error (the disk or its connection failed)',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'the path has a symbolic-link loop',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open on this system',
  EBUSY: 'it is busy (in use by another program)',
  ENODEV: 'the device is not there',
  ENXIO: 'the device is not there',
  ETXTBSY: 'the file is in use',
  EXDEV: 'it is on another file system',
  EINVAL: 'the file system refused the request',
};

export function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The cause in plain words ("the file system is read-only (EROFS)"), or the error's own message. */
export function plainCause(error: unknown): string {
  const code = errorCode(error);
  const cause = code ? causes[code] : undefined;
  if (cause) return `${cause} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/** An error whose message is a whole sentence for a person; `code` is the OS code when there was one. */
export class FileProblem extends Error {
  readonly code: string | undefined;
  readonly path: string;

  constructor(message: string, path: string, code?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FileProblem';
    this.path = path;
    this.code = code;
  }
}

/**
 * `doing` says what failed, e.g. "Cannot write the export folder". The path is the error's own when the
 * OS gave one (the file that failed), else `path`.
 */
export function fileProblem(error: unknown, doing: string, path: string): FileProblem {
  if (error instanceof FileProblem) return error;
  const failedPath = (error as NodeJS.ErrnoException | null)?.path ?? path;
  return new FileProblem(`${doing} ${failedPath}: ${plainCause(error)}.`, failedPath, errorCode(error), { cause: error });
}

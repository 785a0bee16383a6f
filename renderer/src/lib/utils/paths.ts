// Path checks the dialogs make before asking main (main validates again).

/** POSIX (/…), Windows drive (C:\…, C:/…) or UNC (\\server\share) absolute paths. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

// Which files the library considers photos, by extension. Content decides in the end: a ".jpg" that
// sharp cannot decode is recorded as failed with the reason.
import { extname } from 'node:path';

export const imageExtensions: ReadonlySet<string> = new Set([
  '.jpg', '.jpeg', '.jpe', '.jfif', '.png', '.webp', '.tif', '.tiff', '.gif', '.avif', '.heic', '.heif',
]);

export function hasImageExtension(path: string): boolean {
  return imageExtensions.has(extname(path).toLowerCase());
}

/** Formats a browser shows natively; others (TIFF, HEIC) are converted for display. */
export const browserFormats: ReadonlySet<string> = new Set(['jpeg', 'png', 'webp', 'gif', 'avif']);

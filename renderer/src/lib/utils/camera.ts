// How the inspector names an EXIF orientation: a number 1–8 means nothing to a photographer. (Camera
// names come from the main process, `ImageDetail.camera`.)

const orientations: Record<number, string> = {
  2: 'Mirrored',
  3: 'Rotated 180°',
  4: 'Mirrored, upside down',
  5: 'Mirrored, rotated 90° clockwise',
  6: 'Rotated 90° clockwise',
  7: 'Mirrored, rotated 90° counter-clockwise',
  8: 'Rotated 90° counter-clockwise',
};

/** The EXIF orientation in words (shown upright in the studio); null for upright (1) or unknown. */
export function orientationName(orientation: number | null): string | null {
  if (orientation === null || orientation === 1) return null;
  return orientations[orientation] ?? `Unknown (${orientation})`;
}

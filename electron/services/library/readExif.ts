// EXIF facts for the library (taken-at, camera, lens, GPS) and a short human list for the EXIF panel,
// read with exifr. A photo without EXIF, or with broken EXIF, is still a photo: this never throws.
import { cameraName } from './cameraName.ts';
import exifr from 'exifr';
import type { ImageFacts } from '../../../db/queries/images.ts';

export interface ExifFacts extends Pick<ImageFacts, 'takenAt' | 'cameraMake' | 'cameraModel' | 'lens' | 'gpsLat' | 'gpsLon'> {
  /** Label → display value, in panel order. */
  readonly entries: Record<string, string>;
}

const noExif: ExifFacts = { takenAt: null, cameraMake: null, cameraModel: null, lens: null, gpsLat: null, gpsLon: null, entries: {} };

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // EXIF strings are NUL-padded and often space-padded by cameras.
  const trimmed = value.replace(/\0+$/, '').trim();
  return trimmed.length > 0 ? trimmed : null;
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function exposure(seconds: number): string {
  return seconds >= 1 ? `${seconds} s` : `1/${Math.round(1 / seconds)} s`;
}

export async function readExif(image: Buffer): Promise<ExifFacts> {
  let raw: Record<string, unknown> | undefined;
  try {
    raw = await exifr.parse(image, {
      tiff: true,
      ifd0: {},
      exif: true,
      gps: true,
      ifd1: false,
      xmp: false,
      icc: false,
      iptc: false,
      translateValues: false,
      reviveValues: true,
    } as Parameters<typeof exifr.parse>[1]);
  } catch {
    return noExif;
  }
  if (!raw) return noExif;

  const taken = raw.DateTimeOriginal ?? raw.CreateDate ?? raw.ModifyDate;
  const takenAt = taken instanceof Date && !Number.isNaN(taken.getTime()) ? taken.getTime() : null;
  const cameraMake = text(raw.Make);
  const cameraModel = text(raw.Model);
  const lens = text(raw.LensModel) ?? text(raw.Lens);
  const lat = finite(raw.latitude);
  const lon = finite(raw.longitude);
  const gpsOk = lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(lat === 0 && lon === 0);

  const entries: Record<string, string> = {};
  const put = (label: string, value: string | null) => {
    if (value !== null) entries[label] = value;
  };
  put('Camera', cameraName(cameraMake, cameraModel));
  put('Lens', lens);
  const exposureTime = finite(raw.ExposureTime);
  put('Exposure', exposureTime !== null && exposureTime > 0 ? exposure(exposureTime) : null);
  const fNumber = finite(raw.FNumber);
  put('Aperture', fNumber !== null ? `f/${fNumber}` : null);
  const iso = finite(raw.ISO);
  put('ISO', iso !== null ? String(iso) : null);
  const focal = finite(raw.FocalLength);
  put('Focal length', focal !== null ? `${focal} mm` : null);
  const focal35 = finite(raw.FocalLengthIn35mmFormat);
  put('Focal length (35 mm)', focal35 !== null ? `${focal35} mm` : null);
  const bias = finite(raw.ExposureCompensation);
  put('Exposure bias', bias !== null ? `${bias > 0 ? '+' : ''}${bias} EV` : null);
  const flash = finite(raw.Flash);
  put('Flash', flash !== null ? (flash & 1 ? 'fired' : 'did not fire') : null);
  put('Software', text(raw.Software));
  put('Artist', text(raw.Artist));
  put('Copyright', text(raw.Copyright));
  put('Description', text(raw.ImageDescription));
  const altitude = finite(raw.GPSAltitude);
  put('Altitude', altitude !== null && gpsOk ? `${altitude.toFixed(1)} m` : null);

  return {
    takenAt,
    cameraMake,
    cameraModel,
    lens,
    gpsLat: gpsOk ? lat : null,
    gpsLon: gpsOk ? lon : null,
    entries,
  };
}

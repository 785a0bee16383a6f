// Fetches a saved label map once and keeps it small: the PNG is decoded and resized by the browser off
// the main thread (createImageBitmap) to at most 2048 px on the long side — nearest-neighbour for id
// maps, so no invented class ids at boundaries; smooth for depth, normals and edges — then read back
// as bytes from a canvas.
import { downscaledSize, fromRgba, type MapData } from './mapData.ts';

export interface LoadMapOptions {
  readonly channels: 1 | 3;
  /** Smooth scaling for continuous maps; nearest-neighbour for class and instance ids. */
  readonly smooth: boolean;
}

export async function loadMap(url: string, options: LoadMapOptions): Promise<MapData> {
  const image = new Image();
  // Pixels are read back, so the map must be CORS-clean (same origin in web mode; the desktop shell's
  // media protocol answers with an allow-origin header).
  image.crossOrigin = 'anonymous';
  image.decoding = 'async';
  image.src = url;
  try {
    await image.decode();
  } catch {
    throw new Error('The map could not be loaded: its file is gone (run the experts again) or the media server refused it.');
  }
  const sourceWidth = image.naturalWidth;
  const sourceHeight = image.naturalHeight;
  const { width, height } = downscaledSize(sourceWidth, sourceHeight);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('This window cannot draw maps (no 2D canvas).');
  const resized = await createImageBitmap(image, {
    resizeWidth: width,
    resizeHeight: height,
    resizeQuality: options.smooth ? 'high' : 'pixelated',
    // Map values are data, not colours: no colour management, no alpha arithmetic.
    colorSpaceConversion: 'none',
    premultiplyAlpha: 'none',
  });
  context.imageSmoothingEnabled = false;
  context.drawImage(resized, 0, 0);
  resized.close();
  let pixels: ImageData;
  try {
    pixels = context.getImageData(0, 0, width, height);
  } catch {
    throw new Error('The map was loaded but its pixels cannot be read here (the media server sent no CORS header).');
  }
  image.src = '';
  return fromRgba(pixels.data, width, height, options.channels, { width: sourceWidth, height: sourceHeight });
}

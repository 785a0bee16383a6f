// Photo-like test images: a gradient and a dozen overlapping shapes drawn from a seed (rendered from SVG
// by sharp), and the copies of one photo a real library holds (resized, recompressed, other formats).
import sharp from 'sharp';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function sceneSvg(seed: number, width = 800, height = 600): Buffer {
  const r = random(seed * 7919 + 17);
  const colour = () => `rgb(${Math.floor(r() * 255)},${Math.floor(r() * 255)},${Math.floor(r() * 255)})`;
  let shapes = '';
  for (let i = 0; i < 12; i++) {
    const fill = colour();
    shapes +=
      r() < 0.5
        ? `<circle cx="${r() * width}" cy="${r() * height}" r="${20 + r() * 150}" fill="${fill}" opacity="${0.5 + r() * 0.5}"/>`
        : `<rect x="${r() * width}" y="${r() * height}" width="${30 + r() * 300}" height="${30 + r() * 300}" fill="${fill}" transform="rotate(${r() * 90})"/>`;
  }
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g"><stop offset="0" stop-color="${colour()}"/><stop offset="1" stop-color="#222"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>${shapes}</svg>`,
  );
}

export async function sceneJpeg(seed: number, width = 800, height = 600): Promise<Buffer> {
  return sharp(sceneSvg(seed, width, height)).jpeg({ quality: 92 }).toBuffer();
}

/** The copies of one photo that should count as the same picture. */
export async function sceneVariants(original: Buffer): Promise<Record<string, Buffer>> {
  return {
    'half size, JPEG q60': await sharp(original).resize(400).jpeg({ quality: 60 }).toBuffer(),
    'thumbnail PNG': await sharp(original).resize(160).png().toBuffer(),
    'WebP q40': await sharp(original).webp({ quality: 40 }).toBuffer(),
    'brightened 10 %': await sharp(original).modulate({ brightness: 1.1 }).jpeg({ quality: 80 }).toBuffer(),
    'upscaled, JPEG q95': await sharp(original).resize(1600).jpeg({ quality: 95 }).toBuffer(),
  };
}

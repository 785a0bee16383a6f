// The map viewer's layers: the photo (RGB) and one per expert, in the order of their keys (1–6), with
// the drawing choices each offers and the settings a new session starts with.
import type { ExpertName } from '../api/types.ts';
import type { ScalarColormap } from './colormaps.ts';
import type { Paint } from './paint.ts';
import type { ValueRange } from './valueRange.ts';

export type LayerId = 'rgb' | ExpertName;

export type LayerColormap = ScalarColormap | 'lines' | 'rgb' | 'relit' | 'classes' | 'vectors';

export type MapLayout = 'overlay' | 'side';

export interface LayerSettings {
  /** Shown in each layout: the overlay starts with a few layers, side by side with every one. */
  visible: Record<MapLayout, boolean>;
  /** 0–1. */
  opacity: number;
  colormap: LayerColormap;
  low: number;
  high: number;
}

export interface LayerInfo {
  readonly id: LayerId;
  readonly title: string;
  /** The number key that toggles it (Shift+key solos it); the photo has none. */
  readonly key: number | null;
  /** Raster layers are drawn from the label map; vector layers (detection, OCR) as SVG shapes. */
  readonly kind: 'photo' | 'raster' | 'vector';
  readonly colormaps: readonly LayerColormap[];
  /** Whether the value-range sliders apply. */
  readonly hasRange: boolean;
}

export const expertOrder: readonly ExpertName[] = ['depth', 'normal', 'edge', 'seg', 'det', 'ocr'];

export const layerInfo: Readonly<Record<LayerId, LayerInfo>> = {
  rgb: { id: 'rgb', title: 'Photo (RGB)', key: null, kind: 'photo', colormaps: [], hasRange: false },
  depth: { id: 'depth', title: 'Depth', key: 1, kind: 'raster', colormaps: ['turbo', 'viridis', 'grey'], hasRange: true },
  normal: { id: 'normal', title: 'Surface normals', key: 2, kind: 'raster', colormaps: ['rgb', 'relit'], hasRange: false },
  edge: { id: 'edge', title: 'Edges', key: 3, kind: 'raster', colormaps: ['grey', 'lines'], hasRange: true },
  seg: { id: 'seg', title: 'Segmentation', key: 4, kind: 'raster', colormaps: ['classes'], hasRange: false },
  det: { id: 'det', title: 'Detection', key: 5, kind: 'vector', colormaps: ['vectors'], hasRange: false },
  ocr: { id: 'ocr', title: 'Text (OCR)', key: 6, kind: 'vector', colormaps: ['vectors'], hasRange: false },
};

export const colormapNames: Readonly<Record<LayerColormap, string>> = {
  turbo: 'Turbo',
  viridis: 'Viridis',
  grey: 'Grey',
  lines: 'Lines only',
  rgb: 'RGB',
  relit: 'Relit',
  classes: 'Class colours',
  vectors: 'Boxes',
};

export function defaultLayerSettings(): Record<LayerId, LayerSettings> {
  const shown = (overlay: boolean) => ({ overlay, side: true });
  const range = { low: 0, high: 255 };
  return {
    rgb: { ...range, visible: shown(true), opacity: 1, colormap: 'rgb' },
    depth: { ...range, visible: shown(true), opacity: 0.7, colormap: 'turbo' },
    normal: { ...range, visible: shown(false), opacity: 0.8, colormap: 'rgb' },
    edge: { ...range, visible: shown(false), opacity: 0.9, colormap: 'lines', high: 200 },
    seg: { ...range, visible: shown(false), opacity: 0.6, colormap: 'classes' },
    det: { ...range, visible: shown(true), opacity: 1, colormap: 'vectors' },
    ocr: { ...range, visible: shown(true), opacity: 1, colormap: 'vectors' },
  };
}

/** The layer a number key (1–6) stands for. */
export function layerForKey(key: number): ExpertName | null {
  return expertOrder[key - 1] ?? null;
}

/** How a raster layer's settings draw its map. */
export function paintFor(expert: ExpertName, settings: Pick<LayerSettings, 'colormap' | 'low' | 'high'>): Paint | null {
  const range: ValueRange = { low: settings.low, high: settings.high };
  switch (expert) {
    case 'depth':
      return { kind: 'scalar', colormap: settings.colormap === 'viridis' || settings.colormap === 'grey' ? settings.colormap : 'turbo', range };
    case 'edge':
      return settings.colormap === 'lines' ? { kind: 'lines', range, colour: [255, 226, 77] } : { kind: 'scalar', colormap: 'grey', range };
    case 'normal':
      return { kind: 'normals', mode: settings.colormap === 'relit' ? 'relit' : 'rgb' };
    case 'seg':
      return { kind: 'classes' };
    default:
      return null;
  }
}

// The loupe's Experts mode as the user set it up: Photo or Experts, overlay or side by side, and per
// layer its visibility (per layout), opacity, colormap and value range; soloing a layer remembers what
// was visible so the same key brings it back. Kept for the session, across photos and trips to the grid.
import type { ExpertName } from '../api/types.ts';
import { defaultLayerSettings, expertOrder, type LayerColormap, type LayerId, type LayerSettings, type MapLayout } from '../maps/layers.ts';
import type { ProbeReading } from '../maps/probe.ts';
import { normaliseRange } from '../maps/valueRange.ts';

interface Solo {
  readonly layout: MapLayout;
  readonly layer: ExpertName;
  readonly saved: Readonly<Record<ExpertName, boolean>>;
}

export class MapViewerState {
  mode = $state<'photo' | 'experts'>('photo');
  layout = $state<MapLayout>('overlay');
  readonly layers: Record<LayerId, LayerSettings> = $state(defaultLayerSettings());
  solo = $state.raw<Solo | null>(null);
  /** What the experts say under the cursor (null when it is not over the photo). */
  probe = $state.raw<ProbeReading | null>(null);

  toggleMode(): void {
    this.mode = this.mode === 'photo' ? 'experts' : 'photo';
    this.probe = null;
  }

  /** O: overlay ↔ side by side (from Photo mode, opens Experts mode first). */
  cycleLayout(): void {
    if (this.mode === 'photo') {
      this.mode = 'experts';
      return;
    }
    this.layout = this.layout === 'overlay' ? 'side' : 'overlay';
  }

  visible(layer: LayerId): boolean {
    return this.layers[layer].visible[this.layout];
  }

  setVisible(layer: LayerId, visible: boolean): void {
    this.layers[layer].visible[this.layout] = visible;
    // Changing a layer by hand ends the solo: there is no longer one state to go back to.
    if (layer !== 'rgb' && this.solo?.layout === this.layout) this.solo = null;
  }

  toggle(layer: LayerId): void {
    this.setVisible(layer, !this.visible(layer));
  }

  /** Shows only this expert layer (the photo stays as it is); soloing the same layer again restores. */
  soloLayer(layer: ExpertName): void {
    const layout = this.layout;
    const current = this.solo?.layout === layout ? this.solo : null;
    if (current?.layer === layer) {
      for (const expert of expertOrder) this.layers[expert].visible[layout] = current.saved[expert];
      this.solo = null;
      return;
    }
    const saved = current?.saved ?? (Object.fromEntries(expertOrder.map((e) => [e, this.layers[e].visible[layout]])) as Record<ExpertName, boolean>);
    for (const expert of expertOrder) this.layers[expert].visible[layout] = expert === layer;
    this.solo = { layout, layer, saved };
  }

  soloed(layer: ExpertName): boolean {
    return this.solo?.layout === this.layout && this.solo.layer === layer;
  }

  setOpacity(layer: LayerId, opacity: number): void {
    this.layers[layer].opacity = Math.min(1, Math.max(0, opacity));
  }

  setColormap(layer: LayerId, colormap: LayerColormap): void {
    this.layers[layer].colormap = colormap;
  }

  setRange(layer: LayerId, low: number, high: number): void {
    const range = normaliseRange(low, high);
    this.layers[layer].low = range.low;
    this.layers[layer].high = range.high;
  }
}

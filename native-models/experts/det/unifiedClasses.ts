// Maps a detector's class names into Prismer's unified 722-class detection space (UniDet's), by name:
// a label in that space is one name or a comma-separated list of aliases ("mobile phone, cell phone").
// A whole-label match wins over an alias match; a few COCO names that differ are mapped explicitly.

/** COCO-80 names that appear under another name in the unified space. */
const synonyms: Readonly<Record<string, string>> = {
  'sports ball': 'ball',
  motorbike: 'motorcycle',
  aeroplane: 'airplane',
  sofa: 'couch',
  tvmonitor: 'tv',
  'tv monitor': 'tv',
  pottedplant: 'potted plant',
  diningtable: 'dining table',
};

function normalise(name: string): string {
  return name.toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
}

export class UnifiedClassIndex {
  readonly #byName = new Map<string, number>();

  constructor(labels: readonly string[]) {
    labels.forEach((label, index) => {
      const whole = normalise(label);
      if (!this.#byName.has(whole)) this.#byName.set(whole, index);
    });
    labels.forEach((label, index) => {
      for (const alias of label.split(',')) {
        const name = normalise(alias);
        if (name && !this.#byName.has(name)) this.#byName.set(name, index);
      }
    });
  }

  /** The unified class index for a detector's class name, or null when it has no counterpart. */
  lookup(name: string): number | null {
    const key = normalise(name);
    return this.#byName.get(key) ?? this.#byName.get(synonyms[key] ?? '') ?? null;
  }
}

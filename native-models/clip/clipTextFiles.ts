// Which installed catalog files make the CLIP ViT-L/14 text encoder (Prismer's OCR word features): one of
// the two ONNX text models and the tokenizer's vocab.json + merges.txt. Main resolves them through the
// model manager and hands the paths to the model worker.

export interface ClipTextFiles {
  /** The text model (`input_ids` int64 [B, 77] → `text_embeds` [B, 768]). */
  readonly model: string;
  readonly vocab: string;
  readonly merges: string;
}

/** The text models in order of preference: full precision first (closest to the official fp32 features), then int8. */
export const clipTextModelIds = ['clip-text-vit-large', 'clip-text-vit-large-quantized'] as const;

export const clipTokenizerIds = { vocab: 'clip-text-vocab', merges: 'clip-text-merges' } as const;

/** Why OCR words get no features when `resolveClipTextFiles` found nothing, for a run's notes. */
export const clipTextNotInstalled =
  `the CLIP text model is not installed (install ${clipTextModelIds[1]} or ${clipTextModelIds[0]}, ` +
  `with its tokenizer files ${clipTokenizerIds.vocab} and ${clipTokenizerIds.merges})`;

/** The installed files, or null unless a text model and both tokenizer files are installed. */
export function resolveClipTextFiles(resolve: (id: string) => { readonly path: string } | null): ClipTextFiles | null {
  const model = clipTextModelIds.map((id) => resolve(id)).find((found) => found !== null);
  const vocab = resolve(clipTokenizerIds.vocab);
  const merges = resolve(clipTokenizerIds.merges);
  return model && vocab && merges ? { model: model.path, vocab: vocab.path, merges: merges.path } : null;
}

// Input and output names of the split decoding graphs: the cross-attention keys/values (computed once per
// image) and the step graph's self-attention cache. Cache index i < layers is decoder layer i; index
// `layers` is the output layer.
export const crossKeyName = (layer: number): string => `cross_key.${layer}`;
export const crossValueName = (layer: number): string => `cross_value.${layer}`;
export const pastKeyName = (index: number): string => `past_key.${index}`;
export const pastValueName = (index: number): string => `past_value.${index}`;
export const presentKeyName = (index: number): string => `present_key.${index}`;
export const presentValueName = (index: number): string => `present_value.${index}`;

export const stepDecoderIo = {
  memory: 'memory',
  /** The new tokens [B, S] (int64). */
  inputIds: 'input_ids',
  /** Their RoBERTa positions [B, S] (int64), see hostPositionIds. */
  positionIds: 'position_ids',
  /** Past and new tokens [B, P + S] (int64, 1 = attend). */
  attentionMask: 'attention_mask',
  logits: 'logits',
} as const;

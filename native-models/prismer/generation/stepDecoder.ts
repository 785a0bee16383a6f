// The decoder as generation sees it: next-token logits for a batch of sequences, advanced one token at a
// time. A cached implementation (ONNX with past key/values) keeps its cache in State; `step` names, for
// each new row, the row of the previous call it continues, so the cache can be gathered before appending.

/** Next-token logits, one Float32Array(vocabulary) per row of the batch. */
export interface DecoderOutput<State> {
  readonly logits: readonly Float32Array[];
  readonly state: State;
}

export interface StepDecoder<State> {
  /** Runs the prefixes (rows of equal length) and returns the logits after each row's last token. */
  start(prefixes: readonly (readonly number[])[]): Promise<DecoderOutput<State>>;
  /**
   * New row i is previous row `origins[i]` followed by `tokens[i]` (origins may repeat or drop rows, and
   * the batch may grow or shrink). Returns the logits after each new row's last token.
   */
  step(state: State, tokens: readonly number[], origins: readonly number[]): Promise<DecoderOutput<State>>;
  /** Frees what the state holds (tensors); called once a generation is done with it. Optional. */
  release?(state: State): void;
}

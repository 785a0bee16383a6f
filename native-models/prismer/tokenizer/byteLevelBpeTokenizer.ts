// The byte-level BPE tokenizer (GPT-2's algorithm; with RoBERTa's files, RoBERTa's tokenizer) as
// transformers' slow tokenizer runs it: added/special tokens are cut out of the text first (longest
// match, honouring lstrip/rstrip), the rest is pre-tokenised by GPT-2's regex, shown as byte characters
// and split by BPE; decoding joins the tokens' bytes back into UTF-8.
import { BytePairEncoder } from './bpe.ts';
import { fromByteChars, preTokenize, toByteChars } from './byteLevel.ts';
import { readVocabulary, type AddedToken, type BpeVocabulary, type SpecialTokenSpec } from './vocabularyFiles.ts';

export interface Encoding {
  readonly ids: number[];
  readonly tokens: string[];
}

export interface EncodeOptions {
  /** Match added/special tokens written in the text (default true, as transformers does). */
  readonly splitSpecialTokens?: boolean;
}

export interface DecodeOptions {
  /** Drop special tokens (`<s>`, `</s>`, `<pad>`, `<unk>`, `<mask>`). Default false. */
  readonly skipSpecialTokens?: boolean;
  /**
   * transformers' `clean_up_tokenization` (" ." → ".", " n't" → "n't", …), on by default in transformers
   * 4.26 `decode` and so in Prismer's own decoding. Default false here: the exact inverse of `encode`.
   */
  readonly cleanUpTokenizationSpaces?: boolean;
}

// Python's str.isspace(), used by transformers' lstrip/rstrip around added tokens.
const pyWhitespace = '\\t\\n\\v\\f\\r\\u001c-\\u001f \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const leadingWhitespace = new RegExp(`^[${pyWhitespace}]+`, 'u');
const trailingWhitespace = new RegExp(`[${pyWhitespace}]+$`, 'u');

type Piece = { readonly text: string; readonly added?: undefined } | { readonly text: string; readonly added: AddedToken };

export class ByteLevelBpeTokenizer {
  readonly #vocab: ReadonlyMap<string, number>;
  readonly #tokensById: (string | undefined)[] = [];
  readonly #bpe: BytePairEncoder;
  readonly #added = new Map<string, AddedToken>();
  readonly #addedPattern: RegExp | null;
  readonly #specialIds = new Set<number>();
  readonly #unkId: number | undefined;

  constructor(vocabulary: BpeVocabulary) {
    this.#vocab = vocabulary.vocab;
    for (const [token, id] of vocabulary.vocab) this.#tokensById[id] = token;
    for (const token of vocabulary.addedTokens) {
      this.#added.set(token.content, token);
      this.#tokensById[token.id] ??= token.content;
      if (token.special) this.#specialIds.add(token.id);
    }
    // Longest first, so the alternation matches the longest token at the leftmost position (the Trie's rule).
    const contents = [...this.#added.keys()].filter((c) => c !== '').sort((a, b) => b.length - a.length);
    this.#addedPattern = contents.length > 0 ? new RegExp(contents.map(escapeRegExp).join('|'), 'gu') : null;
    this.#bpe = new BytePairEncoder(vocabulary.merges);
    const unk = vocabulary.unkToken;
    this.#unkId = unk === null ? undefined : (this.#added.get(unk)?.id ?? this.#vocab.get(unk));
  }

  /** Loads a tokenizer folder (vocab.json + merges.txt, else tokenizer.json); RoBERTa's special tokens by default. */
  static async fromDirectory(dir: string, specialTokens?: readonly SpecialTokenSpec[]): Promise<ByteLevelBpeTokenizer> {
    return new ByteLevelBpeTokenizer(await readVocabulary(dir, specialTokens));
  }

  /** Number of ids: the largest id + 1 (50,265 for RoBERTa). */
  get vocabSize(): number {
    return this.#tokensById.length;
  }

  tokenToId(token: string): number | undefined {
    return this.#added.get(token)?.id ?? this.#vocab.get(token);
  }

  idToToken(id: number): string | undefined {
    return this.#tokensById[id];
  }

  isSpecialId(id: number): boolean {
    return this.#specialIds.has(id);
  }

  /** Text → ids and their token strings (a symbol missing from the vocabulary reads as the unknown token); adds no `<s>`/`</s>`. */
  encode(text: string, options: EncodeOptions = {}): Encoding {
    const ids: number[] = [];
    const tokens: string[] = [];
    const pieces = options.splitSpecialTokens === false ? [{ text }] : this.#splitAdded(text);
    for (const piece of pieces) {
      if (piece.added) {
        ids.push(piece.added.id);
        tokens.push(piece.added.content);
        continue;
      }
      for (const word of preTokenize(piece.text)) {
        for (const symbol of this.#bpe.split(toByteChars(word))) {
          const id = this.#vocab.get(symbol);
          if (id !== undefined) {
            ids.push(id);
            tokens.push(symbol);
          } else {
            ids.push(this.#unknown(symbol));
            tokens.push(this.#tokensById[this.#unkId!]!);
          }
        }
      }
    }
    return { ids, tokens };
  }

  /** Ids → text; unknown ids throw. */
  decode(ids: Iterable<number>, options: DecodeOptions = {}): string {
    const tokens: string[] = [];
    for (const id of ids) {
      const token = this.#tokensById[id];
      if (token === undefined) throw new RangeError(`token id ${id} is not in the vocabulary`);
      if (options.skipSpecialTokens && this.#specialIds.has(id)) continue;
      tokens.push(token);
    }
    const text = fromByteChars(tokens);
    return options.cleanUpTokenizationSpaces ? cleanUpTokenization(text) : text;
  }

  /** The id of a symbol missing from the vocabulary (never with a complete byte-level one). */
  #unknown(symbol: string): number {
    if (this.#unkId === undefined) throw new Error(`BPE symbol ${JSON.stringify(symbol)} is not in the vocabulary and there is no unknown token`);
    return this.#unkId;
  }

  /** Cuts the added tokens out of the text, then applies their lstrip/rstrip to the neighbouring text. */
  #splitAdded(text: string): Piece[] {
    if (!this.#addedPattern) return [{ text }];
    const pieces: Piece[] = [];
    let last = 0;
    for (const match of text.matchAll(this.#addedPattern)) {
      if (match.index > last) pieces.push({ text: text.slice(last, match.index) });
      pieces.push({ text: match[0], added: this.#added.get(match[0])! });
      last = match.index + match[0].length;
    }
    if (last < text.length) pieces.push({ text: text.slice(last) });
    for (let i = 0; i < pieces.length; i++) {
      const added = pieces[i]!.added;
      if (!added) continue;
      const left = pieces[i - 1];
      const right = pieces[i + 1];
      if (added.rstrip && right && !right.added) pieces[i + 1] = { text: right.text.replace(leadingWhitespace, '') };
      if (added.lstrip && left && !left.added) pieces[i - 1] = { text: left.text.replace(trailingWhitespace, '') };
    }
    return pieces;
  }
}

/** transformers' `PreTrainedTokenizerBase.clean_up_tokenization`, replacement by replacement. */
export function cleanUpTokenization(text: string): string {
  return text
    .replaceAll(' .', '.')
    .replaceAll(' ?', '?')
    .replaceAll(' !', '!')
    .replaceAll(' ,', ',')
    .replaceAll(" ' ", "'")
    .replaceAll(" n't", "n't")
    .replaceAll(" 'm", "'m")
    .replaceAll(" 's", "'s")
    .replaceAll(" 've", "'ve")
    .replaceAll(" 're", "'re");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

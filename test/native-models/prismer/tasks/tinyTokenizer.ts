// A hand-made byte-level BPE vocabulary the size of the tiny models' (ids below their vocabulary): the
// RoBERTa specials at 0–3, the 256 byte characters, merges spelling the test's words, fillers, and
// `<mask>` last. Written as vocab.json + merges.txt and loaded like a real tokenizer folder.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ByteLevelBpeTokenizer } from '../../../../native-models/prismer/tokenizer/byteLevelBpeTokenizer.ts';
import { byteToChar } from '../../../../native-models/prismer/tokenizer/byteLevel.ts';

const words = ['A', 'Ġpicture', 'Ġof', 'Ġphoto', 'Ġa', 'What', 'Ġis', 'Ġthis', 'Ġcolor', 'Ġcat', 'Ġdog', 'Ġred', 'Ġbird', 'Ġtree', 'Ġcar', 'ĠCat', 'ĠDog', 'ĠRed', 'Ġtwo'];

export async function tinyTokenizer(dir: string, vocabularySize: number): Promise<ByteLevelBpeTokenizer> {
  const vocab = new Map<string, number>([['<s>', 0], ['<pad>', 1], ['</s>', 2], ['<unk>', 3]]);
  const add = (token: string) => {
    if (!vocab.has(token)) vocab.set(token, vocab.size);
  };
  byteToChar.forEach(add);
  const merges: string[] = [];
  for (const word of words) {
    const chars = [...word];
    let left = chars[0]!;
    for (const char of chars.slice(1)) {
      const merge = `${left} ${char}`;
      if (!merges.includes(merge)) merges.push(merge);
      left += char;
      add(left);
    }
  }
  for (let i = 0; vocab.size < vocabularySize - 1; i++) add(`Ġw${i}`);
  add('<mask>');
  writeFileSync(join(dir, 'vocab.json'), JSON.stringify(Object.fromEntries(vocab)));
  writeFileSync(join(dir, 'merges.txt'), ['#version: 0.2', ...merges, ''].join('\n'));
  return ByteLevelBpeTokenizer.fromDirectory(dir);
}

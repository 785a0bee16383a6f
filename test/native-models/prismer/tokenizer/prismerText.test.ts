// Prismer's prompts, cleaning and decoding, on the RoBERTa-shaped vocabulary built from the real GPT-2
// files (token strings are RoBERTa's; ids are GPT-2's + 4 there). Expected cleanings were computed with
// the official pre_caption / pre_question in Python.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  answerFromGenerated,
  captionFromGenerated,
  captionPrompt,
  classAnswerTokens,
  classificationPrompt,
  generatedCaption,
  preCaption,
  preQuestion,
  questionPrompt,
  vqaAnswerTokens,
} from '../../../../native-models/prismer/tokenizer/prismerText.ts';
import { pythonCapitalize, pythonSliceFrom, pythonStrip } from '../../../../native-models/prismer/tokenizer/pythonText.ts';
import { robertaShapedTokenizer } from './gpt2Files.ts';

const tokenizer = robertaShapedTokenizer();
const [bos, pad, eos] = [0, 1, 2];

describe('prompts', () => {
  test('captioning: "A picture of" after <s>, without </s>', () => {
    const prompt = captionPrompt(tokenizer);
    assert.deepEqual(prompt.tokens, ['<s>', 'A', 'Ġpicture', 'Ġof']);
    assert.deepEqual(prompt.ids, [bos, 32 + 4, 4286 + 4, 286 + 4]);
    assert.equal(prompt.text, 'A picture of');
  });

  test('zero-shot captioning: the empty prefix is just <s>', () => {
    assert.deepEqual(captionPrompt(tokenizer, ''), { ids: [bos], tokens: ['<s>'], text: '' });
  });

  test('classification: "A photo of a"', () => {
    assert.deepEqual(classificationPrompt(tokenizer).tokens, ['<s>', 'A', 'Ġphoto', 'Ġof', 'Ġa']);
  });

  test('VQA: <s> then the cleaned question with ? appended, no </s>', () => {
    const prompt = questionPrompt(tokenizer, 'what is the man holding');
    assert.equal(prompt.text, 'What is the man holding?');
    assert.deepEqual(prompt.tokens, ['<s>', 'What', 'Ġis', 'Ġthe', 'Ġman', 'Ġholding', '?']);
    assert.equal(prompt.ids[0], bos);
    // A leading space survives cleaning uncapitalised; the prompt capitalises again after <s>.
    assert.deepEqual(questionPrompt(tokenizer, '  how many?  ').tokens, ['<s>', 'How', 'Ġmany', '?']);
  });

  test('VQA: questions are cut to 35 tokens', () => {
    const prompt = questionPrompt(tokenizer, Array.from({ length: 30 }, () => 'supercalifragilistic').join(' '));
    assert.equal(prompt.ids.length, 35);
    assert.equal(prompt.tokens.length, 35);
  });

  test("answer candidates: VQA ' ' + answer.capitalize() + '</s>', classes ' ' + name.lower() + '</s>'", () => {
    assert.deepEqual(vqaAnswerTokens(tokenizer, 'yes').tokens, ['ĠYes', '</s>']);
    assert.deepEqual(vqaAnswerTokens(tokenizer, 'red and WHITE').tokens, ['ĠRed', 'Ġand', 'Ġwhite', '</s>']);
    assert.deepEqual(classAnswerTokens(tokenizer, 'Golden Retriever').tokens, [...tokenizer.encode(' golden retriever').tokens, '</s>']);
    assert.equal(classAnswerTokens(tokenizer, 'Cat').ids.at(-1), eos);
  });
});

describe('cleaning (pre_caption / pre_question)', () => {
  test('captions: capitalised, .!"()*#:;~ removed, whitespace collapsed, trimmed, ≤ 30 words', () => {
    const cases: [string, string][] = [
      ['a man riding a horse.', 'A man riding a horse'],
      ['A "quoted" (thing)!! #tag: ok;~ end', 'A quoted thing tag ok end'],
      ['  two   spaces\t\tand tabs \n', 'two spaces and tabs'],
      ['A TV on a NEW York street', 'A tv on a new york street'],
      ['line\nbreak', 'Line\nbreak'],
      ['x\u00a0\u00a0y', 'X y'],
      ['ÉCOLE', 'École'],
      ['trailing newline\n\n', 'Trailing newline'],
      ['a.b.c', 'A b c'],
    ];
    for (const [raw, clean] of cases) assert.equal(preCaption(raw), clean, JSON.stringify(raw));
    const numbers = Array.from({ length: 40 }, (_, i) => String(i));
    assert.equal(preCaption(numbers.join(' ')), numbers.slice(0, 30).join(' '));
  });

  test("questions: the same characters replaced, stripped, ≤ 30 words, '?' appended", () => {
    const cases: [string, string][] = [
      ['what is the man holding', 'What is the man holding?'],
      ['Is it red?', 'Is it red?'],
      ["what's this.", "What's this?"],
      ['  how many?  ', 'how many?'],
      ['WHAT COLOR IS THE TV', 'What color is the tv?'],
      ['is it (really) red!', 'Is it  really  red?'],
      ['what? no', 'What? no?'],
      ['a\u00a0b\u3000', 'A\u00a0b?'],
    ];
    for (const [raw, clean] of cases) assert.equal(preQuestion(raw), clean, JSON.stringify(raw));
    assert.equal(preQuestion(Array.from({ length: 40 }, () => 'word').join(' ')), `Word${' word'.repeat(29)}?`);
    assert.throws(() => preQuestion(' ...'), /empty/);
  });
});

describe('decoding a generated sequence', () => {
  const prompt = captionPrompt(tokenizer);

  test('caption: specials skipped, the prompt and its space dropped, spaces cleaned up', () => {
    const ids = [...prompt.ids, ...tokenizer.encode(' a man riding a TV , on a street').ids, eos, pad, pad];
    assert.equal(generatedCaption(tokenizer, ids, prompt), 'a man riding a TV, on a street');
  });

  test("the demo's caption: capitalised as Python does (the rest lower case), with '.'", () => {
    const ids = [...prompt.ids, ...tokenizer.encode(' a man riding a TV on a street').ids, eos];
    assert.equal(captionFromGenerated(tokenizer, ids, prompt), 'A man riding a tv on a street.');
  });

  test('zero-shot: nothing to drop', () => {
    const empty = captionPrompt(tokenizer, '');
    const ids = [...empty.ids, ...tokenizer.encode('a dog on a couch').ids, eos];
    assert.equal(generatedCaption(tokenizer, ids, empty), 'a dog on a couch');
    assert.equal(captionFromGenerated(tokenizer, ids, empty), 'A dog on a couch.');
  });

  test('VQA answer: the continuation after the question, lower case, trimmed', () => {
    const question = questionPrompt(tokenizer, 'what color is the bus');
    const ids = [...question.ids, ...tokenizer.encode(' Red and white').ids, eos, pad];
    assert.equal(answerFromGenerated(tokenizer, ids, question.ids.length), 'red and white');
  });
});

describe('Python string helpers', () => {
  test('capitalize: title-cases the first character, lower-cases the rest', () => {
    assert.equal(pythonCapitalize('hello WORLD'), 'Hello world');
    assert.equal(pythonCapitalize(''), '');
    assert.equal(pythonCapitalize(' x'), ' x');
    assert.equal(pythonCapitalize('ßTRASSE'), 'Sstrasse');
    assert.equal(pythonCapitalize('ǆEMAL'), 'ǅemal');
    assert.equal(pythonCapitalize('İSTANBUL'), 'İstanbul');
    assert.equal(pythonCapitalize('ΑΣ ΟΔΟΣ'), 'Ας οδος'); // final sigma
    assert.equal(pythonCapitalize('ᾳΑ'), 'ᾼα');
  });

  test('strip and slicing by code point', () => {
    assert.equal(pythonStrip('\u001c\u0085 a b \u3000\t'), 'a b');
    assert.equal(pythonStrip('\ufeffa'), '\ufeffa');
    assert.equal(pythonSliceFrom('🙂ab', 1), 'ab');
    assert.equal(pythonSliceFrom('ab', 5), '');
  });
});

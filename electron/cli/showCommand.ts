// `prismer-studio show <photo|id>`: everything the library holds for one photo, read back without the
// app — file facts and EXIF, each expert's output with its model id and version (detections with class
// names and scores, OCR words, segment shares, depth and normal statistics), captions with status and
// provenance, questions asked, tags. `--json` prints the same as one object.
import { tagsOfImage } from '../../db/queries/imageTags.ts';
import type { Studio } from '../studio.ts';
import { fail, messageOf } from './errors.ts';
import { formatBytes } from '../services/files/byteSizes.ts';

export const showUsage = 'Usage: prismer-studio show <photo|id> [--db FILE] [--json]';

function imageIdOf(studio: Studio, target: string): number {
  if (/^\d+$/.test(target)) return Number(target);
  const id = studio.library.imageIdForPath(target);
  if (id === null) throw new Error(`${target} is not in the library; scan its folder first (prismer-studio scan FOLDER).`);
  return id;
}

/** Everything stored for one image. */
export function imageRecord(studio: Studio, imageId: number) {
  const image = studio.library.image(imageId);
  return {
    image,
    experts: studio.experts.outputsFor(imageId),
    captions: studio.review.forImage(imageId),
    questions: studio.questions.history(imageId),
    tags: tagsOfImage(studio.db, imageId),
  };
}

type ImageRecordView = ReturnType<typeof imageRecord>;
type StoredOutput = ImageRecordView['experts'][number];

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
const number = (value: unknown) => (typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(3)) : String(value));

function expertLines(output: StoredOutput): string[] {
  const lines = [`  ${output.expert.padEnd(7)}${output.modelId} ${output.modelVersion}${output.isFallback ? ' (classical fallback)' : ''}`];
  const stats = output.stats;
  if (output.expert === 'det') {
    if (output.detections.length === 0) lines.push('           nothing detected');
    for (const d of output.detections) lines.push(`           ${d.label} ${d.score.toFixed(2)} at [${d.box.map((v) => Math.round(v)).join(', ')}]`);
  } else if (output.expert === 'seg') {
    const shares = (stats.classShares as { label: string; share: number }[] | undefined) ?? [];
    const space = typeof stats.labelSpace === 'string' ? ` (${stats.labelSpace})` : '';
    lines.push(`           ${shares.slice(0, 8).map((s) => `${s.label} ${percent(s.share)}`).join(', ') || 'no classes'}${space}`);
    if (typeof stats.unmappedShare === 'number' && stats.unmappedShare > 0) lines.push(`           no class in the label space: ${percent(stats.unmappedShare)}`);
  } else if (output.expert === 'ocr') {
    const words = (stats.words as { text: string; score: number }[] | undefined) ?? [];
    lines.push(`           ${words.length ? words.map((w) => `"${w.text}" ${w.score.toFixed(2)}`).join(', ') : 'no text found'}`);
  } else {
    const facts = Object.entries(stats).filter(([, v]) => typeof v === 'number');
    if (facts.length) lines.push(`           ${facts.map(([k, v]) => `${k} ${number(v)}`).join(', ')}`);
  }
  if (output.mapPath) lines.push(`           map ${output.mapPath}`);
  return lines;
}

export function imageReport(record: ImageRecordView): string {
  const { image } = record;
  const lines = [
    `${image.path}`,
    `  id ${image.id} · ${image.status}${image.error ? ` (${image.error})` : ''} · ${image.width ?? '?'} × ${image.height ?? '?'} · ${image.format ?? '?'} · ${formatBytes(image.size)}`,
    `  sha256 ${image.contentHash ?? '—'}`,
  ];
  if (image.duplicates.length) lines.push(`  copies: ${image.duplicates.map((d) => d.path).join(', ')}`);
  if (image.exif.length) {
    lines.push('EXIF');
    for (const entry of image.exif) lines.push(`  ${entry.label}: ${entry.value}`);
  }
  lines.push('Experts');
  if (record.experts.length === 0) lines.push('  none run yet (prismer-studio experts)');
  for (const output of record.experts) lines.push(...expertLines(output));
  lines.push(`Captions (${record.captions.reviewStatus})`);
  if (record.captions.captions.length === 0) lines.push('  none');
  for (const c of record.captions.captions) {
    const by = c.provenance ? ` — ${c.provenance.modelId}${Object.keys(c.provenance.experts).length ? ` with ${Object.entries(c.provenance.experts).map(([e, v]) => `${e} ${v}`).join(', ')}` : ''}` : '';
    lines.push(`  [${c.status}, ${c.source}${c.score !== null ? ` ${c.score.toFixed(2)}` : ''}] ${c.text}${by}`);
    for (const flag of c.flags) lines.push(`      flag: ${flag.message}`);
  }
  if (record.questions.length) {
    lines.push('Questions');
    for (const q of record.questions) lines.push(`  ${q.question} → ${q.answer}${q.score !== null ? ` (${q.score.toFixed(2)})` : ''}${q.modelId ? ` — ${q.modelId}` : ''}`);
  }
  if (record.tags.length) lines.push(`Tags: ${record.tags.map((t) => `${t.name}${t.source !== 'human' ? ` (${t.source}${t.score !== null ? ` ${t.score.toFixed(2)}` : ''})` : ''}`).join(', ')}`);
  return lines.join('\n');
}

export function showCommand(studio: Studio, options: { args: readonly string[]; json: boolean }): number {
  if (options.args.length !== 1) return fail(options.json, showUsage, 2);
  try {
    const record = imageRecord(studio, imageIdOf(studio, options.args[0]!));
    console.log(options.json ? JSON.stringify(record, null, 2) : imageReport(record));
    return 0;
  } catch (error) {
    return fail(options.json, messageOf(error), 1);
  }
}

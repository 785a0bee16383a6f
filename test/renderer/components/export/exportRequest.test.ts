// The export dialog's request and summaries: the parameters exports.run receives for the form's choices
// (options a format does not have are never sent; a relative folder is refused with the reason), and a
// finished job's result read into the summary the dialog shows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportMethods } from '../../../../electron/api/exports.ts';
import { exportParams, readExportSummary, readImportSummary, type ExportForm } from '../../../../renderer/src/lib/components/export/exportRequest.ts';

const form: ExportForm = { scope: { viewId: 4 }, format: 'coco', outDir: '/tmp/out', acceptedOnly: true, besideImages: true, copyImages: false, withFacts: true };

test('a COCO export sends only what COCO has, and the contract accepts it', () => {
  const made = exportParams(form);
  assert.ok('params' in made);
  assert.deepEqual(made.params, { scope: { viewId: 4 }, format: 'coco', outDir: '/tmp/out', acceptedOnly: true });
  assert.equal(exportMethods['exports.run'].safeParse(made.params).success, true);
});

test('sidecars beside the images need no copies; JSONL keeps its facts', () => {
  const txt = exportParams({ ...form, format: 'txt', copyImages: true });
  assert.ok('params' in txt);
  assert.equal(txt.params.besideImages, true);
  assert.equal(txt.params.copyImages, undefined);
  const jsonl = exportParams({ ...form, format: 'jsonl', copyImages: true });
  assert.ok('params' in jsonl);
  assert.equal(jsonl.params.withFacts, true);
  assert.equal(jsonl.params.copyImages, true);
  assert.equal(jsonl.params.besideImages, undefined);
});

test('a relative or empty export folder is refused with the reason', () => {
  const relative = exportParams({ ...form, outDir: 'exports/trip' });
  assert.ok('problem' in relative);
  assert.match(relative.problem, /full path.*“exports\/trip”/);
  assert.ok('problem' in exportParams({ ...form, outDir: '  ' }));
  assert.ok('problem' in exportParams({ ...form, scope: null }));
  assert.ok('params' in exportParams({ ...form, outDir: 'C:\\Users\\me\\export' }), 'a Windows drive path is absolute');
});

test("an export job's result reads as exported, skipped by reason (largest first) and files", () => {
  const summary = readExportSummary({ format: 'csv', outDir: '/tmp/out', exported: 5, skipped: { excluded: 1, 'no-caption': 3, missing: 0 }, files: ['/tmp/out/captions.csv', 7], cancelled: false });
  assert.deepEqual(summary, {
    exported: 5,
    skipped: [
      { reason: 'no-caption', label: 'no caption', count: 3 },
      { reason: 'excluded', label: 'excluded from exports', count: 1 },
    ],
    files: ['/tmp/out/captions.csv'],
    outDir: '/tmp/out',
    cancelled: false,
  });
  assert.equal(readExportSummary({ added: 3 }), null, 'a scan result is not an export');
  assert.equal(readExportSummary(null), null);
});

test("an import job's result reads with its failures", () => {
  const summary = readImportSummary({ folder: '/p', images: 4, sidecars: 3, accepted: 2, candidates: 1, alreadyPresent: 0, failed: [{ path: '/p/a.xmp', reason: 'not XML' }], cancelled: false });
  assert.equal(summary?.sidecars, 3);
  assert.deepEqual(summary?.failed, [{ path: '/p/a.xmp', reason: 'not XML' }]);
  assert.equal(readImportSummary({ exported: 1 }), null);
});

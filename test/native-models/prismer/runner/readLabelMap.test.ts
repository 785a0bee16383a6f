// Stored label maps read back exactly as written: a greyscale map (depth, edges, segmentation, detection
// and OCR labels) as one channel with every value intact, a normal map as three.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeLabelMap } from '../../../../electron/services/experts/labelMapFiles.ts';
import { readLabelMap } from '../../../../native-models/prismer/runner/readLabelMap.ts';
import { tempDir } from '../../../helpers/tempDir.ts';

test('a greyscale map comes back as one channel, a normal map as three, values exact', async (t) => {
  const dir = tempDir(t);
  const width = 16;
  const height = 16;
  const grey = new Uint8Array(width * height).map((_, i) => i % 256);
  await writeLabelMap(join(dir, 'seg.png'), { width, height, channels: 1, data: grey });
  const readGrey = await readLabelMap(join(dir, 'seg.png'));
  assert.equal(readGrey.channels, 1);
  assert.deepEqual([...readGrey.data], [...grey]);

  const rgb = new Uint8Array(width * height * 3).map((_, i) => (i * 7) % 256);
  await writeLabelMap(join(dir, 'normal.png'), { width, height, channels: 3, data: rgb });
  const readRgb = await readLabelMap(join(dir, 'normal.png'));
  assert.equal(readRgb.channels, 3);
  assert.deepEqual([...readRgb.data], [...rgb]);
});

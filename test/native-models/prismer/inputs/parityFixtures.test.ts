// Specification: on the parity fixtures' compact inputs (`<e>.label_map` [B,224,224] + `<e>.features`
// [K+1,64]), expandLabels gives the same [64,224,224] tensor per sample as features[label_map] computed
// here independently; and `obj_detection.instance_ids` are the distinct values of the instance map,
// ascending — the reading the assembler uses.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openSafetensors } from '../../../../native-models/prismer/checkpoint/safetensors.ts';
import { expandLabels } from '../../../../native-models/prismer/inputs/labelFeatures.ts';
import { sharedPrismer } from './fixtures.ts';

const parityDir = join(sharedPrismer, 'parity');
const cases = existsSync(parityDir) ? readdirSync(parityDir).filter((c) => existsSync(join(parityDir, c, 'fixture.safetensors'))) : [];
const skip = cases.length ? false : `needs ${parityDir} (absent in a plain clone)`;

describe('expanding the parity fixtures’ label maps', { skip }, () => {
  for (const name of cases) {
    test(name, async () => {
      const file = await openSafetensors(join(parityDir, name, 'fixture.safetensors'));
      try {
        let checked = 0;
        for (const expert of ['seg', 'obj_detection', 'ocr_detection']) {
          const mapInfo = file.get(`${expert}.label_map`);
          if (!mapInfo) continue;
          const [batch, height, width] = mapInfo.shape as [number, number, number];
          const labels = (await file.read(`${expert}.label_map`)) as Int32Array;
          const features = await file.readFloat32(`${expert}.features`);
          const rows = file.get(`${expert}.features`)!.shape[0]!;
          for (let b = 0; b < batch; b++) {
            const labelMap = labels.subarray(b * height * width, (b + 1) * height * width);
            const mine = expandLabels({ width, height, labelMap, features, rows });
            // independent: for each channel c and pixel (y, x), features[labelMap[y][x]][c]
            for (let c = 0; c < 64; c++) {
              for (let y = 0; y < height; y++) {
                for (let x = 0; x < width; x++) {
                  const expected = features[labelMap[y * width + x]! * 64 + c]!;
                  if (mine[(c * height + y) * width + x] !== expected) assert.fail(`${expert}[${b}] channel ${c} (${x},${y})`);
                }
              }
            }
            checked++;
          }
        }
        if (!checked) return; // PrismerZ cases carry no expert inputs
        const instance = (await file.read('obj_detection.instance')) as Int32Array;
        const ids = (await file.read('obj_detection.instance_ids')) as Int32Array;
        assert.deepEqual([...ids], [...new Set(instance)].sort((a, b) => a - b));
      } finally {
        await file.close();
      }
    });
  }
});

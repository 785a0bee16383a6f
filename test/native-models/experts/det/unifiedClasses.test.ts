// Specification of mapping detector classes into Prismer's 722-class space by name, checked against
// the official table in ../shared (skipped where a clone has no ../shared).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { packageRoot } from '../../../../electron/packageRoot.ts';
import { coco80Classes as coco80 } from '../../../../native-models/experts/labelSpaces.ts';
import { UnifiedClassIndex } from '../../../../native-models/experts/det/unifiedClasses.ts';

const tablePath = join(packageRoot, '..', 'shared', 'prismer', 'label-features', 'detection.json');

describe('unified detection classes', () => {
  test('whole labels win over aliases; aliases and synonyms are found; unknown names are null', () => {
    const index = new UnifiedClassIndex(['infant bed, bed', 'mobile phone, cell phone', 'bed', 'ball']);
    assert.equal(index.lookup('bed'), 2, 'the label "bed" itself, not the alias in "infant bed, bed"');
    assert.equal(index.lookup('Cell_Phone'), 1);
    assert.equal(index.lookup('sports ball'), 3);
    assert.equal(index.lookup('spaceship'), null);
  });

  test('every COCO-80 class has a counterpart in the official 722-class table', { skip: existsSync(tablePath) ? false : 'no ../shared/prismer here' }, () => {
    const { labels } = JSON.parse(readFileSync(tablePath, 'utf8')) as { labels: string[] };
    assert.equal(labels.length, 722);
    const index = new UnifiedClassIndex(labels);
    const unmapped = coco80.filter((name) => index.lookup(name) === null);
    assert.deepEqual(unmapped, []);
    assert.equal(labels[index.lookup('person')!], 'person');
    assert.equal(labels[index.lookup('cell phone')!], 'mobile phone, cell phone');
  });
});

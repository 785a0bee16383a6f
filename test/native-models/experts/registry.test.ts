// The registry and the catalog agree: every model file an expert implementation asks for is a catalog
// entry of a fitting task, so the model manager can install what the experts need.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { modelCatalog as catalog } from '../../../native-models/catalog/catalog.ts';
import { expertIds } from '../../../native-models/experts/expert.ts';
import { expertImplementations } from '../../../native-models/experts/registry.ts';

describe('expert registry', () => {
  test('every file an implementation needs is in the catalog', () => {
    const ids = new Set<string>(catalog.map((entry) => entry.id));
    const unknown = expertImplementations.flatMap((i) => Object.values(i.files).filter((id) => !ids.has(id)).map((id) => `${i.label}: ${id}`));
    assert.deepEqual(unknown, []);
  });

  test('every expert has at least one implementation, and edges and normals a classical one', () => {
    for (const expert of expertIds) assert.ok(expertImplementations.some((i) => i.expert === expert), expert);
    for (const expert of ['edge', 'normal'] as const) {
      assert.ok(expertImplementations.some((i) => i.expert === expert && Object.keys(i.files).length === 0), `${expert} has a fallback`);
    }
  });
});

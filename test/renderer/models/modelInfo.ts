// ModelInfo rows for the renderer's model helpers' tests: a not-installed Hub model under Apache-2.0
// unless told otherwise.
import type { Licence, ModelInfo } from '../../../renderer/src/lib/api/types.ts';

export const apache: Licence = { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0', nonCommercial: false, summary: 'Free to use.' };
export const nonCommercial: Licence = { name: 'CC-BY-NC-4.0', url: 'https://creativecommons.org/licenses/by-nc/4.0/', nonCommercial: true, summary: 'Research only.' };

export function model(id: string, overrides: Partial<ModelInfo> = {}): ModelInfo {
  return {
    id,
    task: 'depth',
    name: id,
    origin: 'hub',
    source: { hub: { repo: `org/${id}`, file: 'model.onnx', revision: 'main' } },
    pageUrl: `https://huggingface.co/org/${id}`,
    downloadsFrom: [{ host: 'huggingface.co', what: `org/${id}/model.onnx` }],
    licence: apache,
    size: 100_000_000,
    sizeIsApproximate: true,
    signature: { inputs: [], outputs: [] },
    verified: false,
    recommended: false,
    requires: [],
    status: 'not-installed',
    error: null,
    jobId: null,
    partialBytes: null,
    installed: null,
    ...overrides,
  };
}

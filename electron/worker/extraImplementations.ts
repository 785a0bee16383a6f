// Expert implementations registered beside the built-in table (experts whose folder brings its own
// registration, like OCR with its bundled models).
import type { ExpertImplementation } from '../../native-models/experts/registry.ts';

export const extraImplementations: readonly ExpertImplementation[] = [];

// Turns a root's flat sub-folder counts (relDir strings like "a/b" with the images directly in them)
// into the sidebar's tree, where each node counts its own images plus everything below it (as the grid's
// folder query does).
import type { SubfolderCount } from '../api/types.ts';

export interface FolderNode {
  readonly name: string;
  readonly relDir: string;
  /** Images in this folder and all folders below it. */
  count: number;
  readonly children: FolderNode[];
}

export function buildFolderTree(entries: readonly SubfolderCount[]): FolderNode[] {
  const root: FolderNode = { name: '', relDir: '', count: 0, children: [] };
  const byPath = new Map<string, FolderNode>([['', root]]);
  const nodeFor = (relDir: string): FolderNode => {
    const known = byPath.get(relDir);
    if (known) return known;
    const cut = relDir.lastIndexOf('/');
    const parent = nodeFor(cut >= 0 ? relDir.slice(0, cut) : '');
    const node: FolderNode = { name: relDir.slice(cut + 1), relDir, count: 0, children: [] };
    parent.children.push(node);
    byPath.set(relDir, node);
    return node;
  };
  for (const entry of entries) {
    const relDir = entry.relDir.replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
    if (relDir === '') continue;
    nodeFor(relDir);
    // The folder and every ancestor up to the root's direct child.
    for (let p = relDir; ; p = p.slice(0, p.lastIndexOf('/'))) {
      byPath.get(p)!.count += entry.count;
      if (!p.includes('/')) break;
    }
  }
  const sort = (nodes: FolderNode[]) => {
    nodes.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' }));
    for (const n of nodes) sort(n.children);
  };
  sort(root.children);
  return root.children;
}

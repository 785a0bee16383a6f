// The XMP sidecar we write: Dublin Core `dc:description` (rdf:Alt, xml:lang x-default) for the caption and
// `dc:subject` (rdf:Bag) for tag names, the standard properties photo managers and exiftool read; and our own namespace saying where the text came from (`prismerstudio:CaptionSource` ai | human |
// imported, the model id for AI text), so AI and human text stay distinguishable outside the app.
import type { ExportRow } from './exportTypes.ts';

export const prismerStudioNamespace = 'https://prismer-studio.app/ns/1.0/';

// XML 1.0 forbids most C0 controls even when escaped; a caption never needs them.
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlText(value: string): string {
  return value.replace(forbidden, '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

export function xmpSidecar(row: Pick<ExportRow, 'caption' | 'tags'>): string {
  const c = row.caption;
  const lines = [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Prismer Studio">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about=""',
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
    `    xmlns:prismerstudio="${prismerStudioNamespace}">`,
    '   <dc:description>',
    '    <rdf:Alt>',
    `     <rdf:li xml:lang="x-default">${xmlText(c.text)}</rdf:li>`,
    '    </rdf:Alt>',
    '   </dc:description>',
  ];
  if (row.tags.length > 0) {
    lines.push('   <dc:subject>', '    <rdf:Bag>');
    for (const tag of row.tags) lines.push(`     <rdf:li>${xmlText(tag.name)}</rdf:li>`);
    lines.push('    </rdf:Bag>', '   </dc:subject>');
  }
  lines.push(`   <prismerstudio:CaptionSource>${c.source}</prismerstudio:CaptionSource>`);
  lines.push(`   <prismerstudio:CaptionStatus>${c.status}</prismerstudio:CaptionStatus>`);
  if (c.source === 'ai' && c.modelId) lines.push(`   <prismerstudio:CaptionModel>${xmlText(c.modelId)}</prismerstudio:CaptionModel>`);
  if (c.source === 'ai' && c.modelHash) lines.push(`   <prismerstudio:CaptionModelHash>${xmlText(c.modelHash)}</prismerstudio:CaptionModelHash>`);
  lines.push(`   <prismerstudio:CaptionCreated>${new Date(c.createdAt).toISOString()}</prismerstudio:CaptionCreated>`);
  lines.push('  </rdf:Description>', ' </rdf:RDF>', '</x:xmpmeta>', '<?xpacket end="w"?>', '');
  return lines.join('\n');
}

/** A sidecar we wrote ourselves (and so may replace); any other XMP may hold a photo manager's edits. */
export function isOurXmp(existing: string): boolean {
  return existing.includes(`"${prismerStudioNamespace}"`);
}

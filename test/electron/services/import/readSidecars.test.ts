// Specification of reading captions from sidecars: .txt text trimmed (BOM and CRLF normalised, empty is
// none), XMP dc:description resolved by namespace (any prefix), x-default preferred over other languages,
// the attribute shorthand, entities decoded, and malformed XML reported rather than guessed at.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SidecarError, txtCaption, xmpCaption } from '../../../../electron/services/import/readSidecars.ts';
import { xmpSidecar } from '../../../../electron/services/export/xmpSidecar.ts';

const packet = (body: string, ns = 'dc') =>
  `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
  `<rdf:Description rdf:about="" xmlns:${ns}="http://purl.org/dc/elements/1.1/">${body}</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

describe('sidecar captions', () => {
  test('.txt: the whole text, trimmed, line ends normalised', () => {
    assert.equal(txtCaption('\uFEFF  A cat.\r\nOn a mat.\r\n'), 'A cat.\nOn a mat.');
    assert.equal(txtCaption(' \n\t'), null);
  });

  test('XMP: the x-default description, whatever prefix Dublin Core is bound to', () => {
    const alt = '<rdf:Alt><rdf:li xml:lang="de-DE">Ein Hund</rdf:li><rdf:li xml:lang="x-default">A dog &amp; a &lt;cat&gt; &#233;t&#xE9;</rdf:li></rdf:Alt>';
    assert.equal(xmpCaption(packet(`<dc:description>${alt}</dc:description>`)), 'A dog & a <cat> été');
    assert.equal(xmpCaption(packet(`<purl:description>${alt}</purl:description>`, 'purl')), 'A dog & a <cat> été');
    assert.equal(xmpCaption(packet('<dc:description><rdf:Alt><rdf:li xml:lang="en">Only English</rdf:li></rdf:Alt></dc:description>')), 'Only English');
  });

  test('XMP: other namespaces\' descriptions and packets without one give nothing', () => {
    const other = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://example.com/not-dc/"><dc:description>no</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>`;
    assert.equal(xmpCaption(other), null);
    assert.equal(xmpCaption(packet('<dc:subject><rdf:Bag><rdf:li>tag</rdf:li></rdf:Bag></dc:subject>')), null);
    assert.equal(xmpCaption(packet('<dc:description><rdf:Alt><rdf:li xml:lang="x-default">  </rdf:li></rdf:Alt></dc:description>')), null);
  });

  test('XMP: the attribute shorthand', () => {
    const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:description="Short form"/></rdf:RDF></x:xmpmeta>`;
    assert.equal(xmpCaption(xmp), 'Short form');
  });

  test('XMP: reads back what the exporter writes, numbers and markup-like text included', () => {
    for (const text of ['A sign: "OPEN" <24/7> & more', '1234', 'Line one\nline two']) {
      const caption = { id: 1, text, source: 'ai' as const, status: 'accepted' as const, score: null, modelId: 'm', modelHash: null, createdAt: 0 };
      assert.equal(xmpCaption(xmpSidecar({ caption, tags: [{ name: 'x', source: 'ai', score: 1 }] })), text);
    }
  });

  test('XMP: malformed XML is an error, not a guess', () => {
    assert.throws(() => xmpCaption('<x:xmpmeta><rdf:RDF></x:xmpmeta>'), SidecarError);
  });
});

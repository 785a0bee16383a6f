// Reads the caption a sidecar holds: a `.txt` file (the whole text, trimmed) or an XMP packet's
// `dc:description` (the x-default alternative, else the first). XMP is parsed with fast-xml-parser and
// resolved by namespace URI, not by prefix, since any tool may bind Dublin Core to another prefix.
import { readFile } from 'node:fs/promises';
import { XMLParser } from 'fast-xml-parser';

const DC = 'http://purl.org/dc/elements/1.1/';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const XML = 'http://www.w3.org/XML/1998/namespace';

type XmlNode = string | number | boolean | { [key: string]: XmlValue };
type XmlValue = XmlNode | XmlNode[];
type Scope = ReadonlyMap<string, string>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

export class SidecarError extends Error {}

export async function readIfPresent(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') return null;
    throw error;
  }
}

export function normaliseCaption(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').trim();
}

export function txtCaption(content: string): string | null {
  const text = normaliseCaption(content);
  return text === '' ? null : text;
}

function children(value: XmlValue | undefined): XmlNode[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function withDeclarations(node: XmlNode, scope: Scope): Scope {
  if (typeof node !== 'object') return scope;
  let next: Map<string, string> | null = null;
  for (const [key, value] of Object.entries(node)) {
    if (key === '@_xmlns' || key.startsWith('@_xmlns:')) {
      next ??= new Map(scope);
      next.set(key === '@_xmlns' ? '' : key.slice('@_xmlns:'.length), String(value));
    }
  }
  return next ?? scope;
}

function resolveName(name: string, scope: Scope): { ns: string | undefined; local: string } {
  const colon = name.indexOf(':');
  if (colon < 0) return { ns: scope.get(''), local: name };
  const prefix = name.slice(0, colon);
  return { ns: prefix === 'xml' ? XML : scope.get(prefix), local: name.slice(colon + 1) };
}

function textOf(node: XmlNode): string | null {
  if (typeof node !== 'object') return String(node);
  const text = node['#text'];
  return text === undefined || Array.isArray(text) || typeof text === 'object' ? null : String(text);
}

/** The alternatives of an rdf:Alt (or a plain text value), x-default first. */
function altText(node: XmlNode, scope: Scope): string | null {
  const direct = textOf(node);
  if (typeof node !== 'object') return direct;
  const inner = withDeclarations(node, scope);
  const options: { lang: string | null; text: string }[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@_') || key === '#text') continue;
    const name = resolveName(key, inner);
    if (name.ns !== RDF || !['Alt', 'Seq', 'Bag'].includes(name.local)) continue;
    for (const container of children(value)) {
      if (typeof container !== 'object') continue;
      const containerScope = withDeclarations(container, inner);
      for (const [liKey, liValue] of Object.entries(container)) {
        const li = resolveName(liKey, containerScope);
        if (li.ns !== RDF || li.local !== 'li') continue;
        for (const item of children(liValue)) {
          const text = textOf(item);
          if (text === null) continue;
          let lang: string | null = null;
          if (typeof item === 'object') {
            for (const [attr, attrValue] of Object.entries(item)) {
              if (attr.startsWith('@_') && resolveName(attr.slice(2), withDeclarations(item, containerScope)).ns === XML && attr.endsWith(':lang')) lang = String(attrValue);
            }
          }
          options.push({ lang, text });
        }
      }
    }
  }
  const chosen = options.find((o) => o.lang === 'x-default') ?? options[0];
  return chosen ? chosen.text : direct;
}

function findDescription(node: XmlNode, scope: Scope): string | null {
  if (typeof node !== 'object') return null;
  const inner = withDeclarations(node, scope);
  for (const [key, value] of Object.entries(node)) {
    if (key === '#text') continue;
    if (key.startsWith('@_')) {
      // The attribute shorthand some tools write: <rdf:Description dc:description="…"/>.
      const attr = resolveName(key.slice(2), inner);
      if (attr.ns === DC && attr.local === 'description') return String(value);
      continue;
    }
    const name = resolveName(key, inner);
    for (const child of children(value)) {
      if (name.ns === DC && name.local === 'description') {
        const text = altText(child, inner);
        if (text !== null && text.trim() !== '') return text;
        continue;
      }
      const found = findDescription(child, inner);
      if (found !== null) return found;
    }
  }
  return null;
}

/** The caption in an XMP packet, or null when it has no dc:description. Throws SidecarError on bad XML. */
export function xmpCaption(content: string): string | null {
  let tree: XmlNode;
  try {
    tree = parser.parse(content, true) as XmlNode;
  } catch (error) {
    throw new SidecarError(`not well-formed XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = findDescription(tree, new Map());
  if (text === null) return null;
  const caption = normaliseCaption(text);
  return caption === '' ? null : caption;
}

import { InputError } from '../../errors.js';
import { readZip, type ZipEntry } from '../../io/zip.js';
import { compactRow } from './tables.js';
import { is, elements, parseXml, type XmlElement } from './xml.js';

/** The parts of a .docx package that the table reader needs, read within the zip limits. */
export interface DocxPackage {
  /** Path of the main document part, normally word/document.xml. */
  mainPath: string;
  /** The main document part: its UTF-8 bytes, and parsed (table rows folded, see compactRow; positions index the bytes). */
  mainXml: Buffer;
  main: XmlElement;
  /** Every member of the package, read through the zip limits. */
  entries: readonly ZipEntry[];
}

const OFFICE_DOCUMENT = /\/officeDocument$/;

/**
 * Open the package and parse its main document. Every XML part is inflated here, through the
 * zip reader's limits, before mammoth (which inflates with no limit) is given the bytes: a
 * package with a refused or lying entry is rejected whole.
 */
export async function readDocxPackage(bytes: Uint8Array): Promise<DocxPackage> {
  const { entries, refused } = await readZip(bytes);
  if (refused.length) throw new InputError(`unsafe or damaged Word package: ${refused[0]!.message}`);
  // part names are case-insensitive in OOXML
  const xmlParts = new Map<string, Buffer>();
  for (const e of entries) {
    if (/\.(xml|rels)$/i.test(e.path)) xmlParts.set(e.path.toLowerCase(), await readUtf8(e));
  }
  const rels = xmlParts.get('_rels/.rels');
  const mainPath = (rels && mainDocumentPath(parseXml(rels, '_rels/.rels'))) || 'word/document.xml';
  const mainXml = xmlParts.get(mainPath.toLowerCase());
  if (mainXml === undefined) {
    throw new InputError(`not a Word document (no ${mainPath} in the package)`);
  }
  return { mainPath, mainXml, main: parseXml(mainXml, mainPath, compactRow), entries };
}

/**
 * An XML part as UTF-8 bytes without a byte order mark, for parseXml: most parts as inflated, a
 * UTF-16 one transcoded. The main part is never decoded whole (it can be tens of megabytes).
 */
async function readUtf8(e: ZipEntry): Promise<Buffer> {
  const bytes = await e.read();
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return Buffer.from(decodeText(bytes), 'utf8');
  return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b;
}

async function readText(e: ZipEntry): Promise<string> {
  return decodeText(await e.read());
}

function decodeText(bytes: Uint8Array): string {
  // XML parts are UTF-8 (or UTF-16 with a BOM, which Word never writes but the spec allows)
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  // Buffer's decoder is several times faster than TextDecoder on parts of tens of megabytes
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The target of the package's officeDocument relationship, as mammoth finds it. */
function mainDocumentPath(rels: XmlElement): string | null {
  for (const r of elements(rels)) {
    if (!is(r, 'rel', 'Relationship')) continue;
    const type = r.attrs['Type'] ?? '';
    const target = r.attrs['Target'];
    if (OFFICE_DOCUMENT.test(type) && target) return target.replace(/^\/+/, '');
  }
  return null;
}

// Content types of a WordprocessingML main part: document, template, and their macro-enabled forms.
const WORD_MAIN = /wordprocessingml\.(document|template)\.main\+xml|ms-word\.(document|template)\.macroEnabled(\.main)?\+xml/i;

/**
 * Is this zip a Word package, whatever its main part is called? Decided by [Content_Types].xml,
 * which every OOXML package has and which names the main part's type.
 */
export async function isWordPackage(bytes: Uint8Array): Promise<boolean> {
  let listing;
  try {
    listing = await readZip(bytes);
  } catch {
    return false; // a damaged zip: reported as a zip, not as a Word document
  }
  const types = listing.entries.find((e) => e.path.toLowerCase() === '[content_types].xml');
  if (!types || types.size > 1024 * 1024) return false;
  try {
    return WORD_MAIN.test(await readText(types));
  } catch {
    return false;
  }
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * For a file named .docx that is not a zip: an OLE compound file is either a password-protected
 * OOXML document (its package is encrypted inside an "EncryptedPackage" stream) or an old binary
 * .doc renamed. Returns the message to show, or null when the bytes are not a compound file.
 */
export function compoundFileMessage(bytes: Uint8Array): string | null {
  if (!CFB_MAGIC.every((b, i) => bytes[i] === b)) return null;
  const encrypted = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(
    Buffer.from('EncryptedPackage', 'utf16le'),
  );
  return encrypted
    ? 'password-protected Word document: remove the password (save a copy without encryption) and try again'
    : 'a Word 97-2003 (.doc) file named .docx: save it as .docx or PDF first';
}

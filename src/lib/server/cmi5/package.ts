import { posix } from 'node:path';
import { unzipSync } from 'fflate';
import { listAus, parseCourseStructure, type CourseStructure } from './course-structure.ts';
import { isRelativeUrl } from './iri.ts';
import type { ImportRefusal } from './refusal.ts';

/** Largest package the import accepts (the upload route reads no more than this). */
export const CMI5_PACKAGE_LIMIT = 64 * 1024 * 1024;
/** Most bytes the unzipped files of one package may hold together (a zip bomb stops here). */
const UNZIPPED_LIMIT = 256 * 1024 * 1024;

/** A file of a course package. */
export interface PackageFile {
  path: string;
  bytes: Uint8Array;
}

/** A package read and validated: its structure and its files (none for a bare cmi5.xml). */
export interface CoursePackage {
  structure: CourseStructure;
  files: PackageFile[];
  isZip: boolean;
}

export type PackageResult =
  { ok: true; package: CoursePackage } | { ok: false; refusal: ImportRefusal };

const refusal = (file: string, element: string, requirement: string, message: string) => ({
  ok: false as const,
  refusal: { file, element, requirement, message: `${file}, ${element}: ${message}` },
});

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

function looksLikeXml(bytes: Uint8Array): boolean {
  const head = new TextDecoder()
    .decode(bytes.subarray(0, 64))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return head.startsWith('<');
}

/** The package path an AU's relative url names (query and fragment dropped), or null when it leaves the package. */
export function resolvePackagePath(url: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(url.split(/[?#]/)[0] ?? '');
  } catch {
    return null;
  }
  const normal = posix.normalize(path.replace(/^\.\//, ''));
  if (!normal || normal.startsWith('..') || normal.startsWith('/') || normal === '.') return null;
  return normal;
}

function unzip(bytes: Uint8Array, name: string): PackageFile[] | ReturnType<typeof refusal> {
  let entries: Record<string, Uint8Array>;
  let total = 0;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        if (total > UNZIPPED_LIMIT) throw new Error('unzipped too large');
        return !file.name.endsWith('/');
      },
    });
  } catch (error) {
    const tooLarge = error instanceof Error && error.message === 'unzipped too large';
    return refusal(
      name,
      'the zip archive',
      'cmi5 14.1: a course package follows the ZIP format (Zip32 or Zip64)',
      tooLarge
        ? `its files unpack to more than ${UNZIPPED_LIMIT / 1024 / 1024} MB`
        : `the archive cannot be read (${error instanceof Error ? error.message : 'corrupt'})`,
    );
  }
  const files: PackageFile[] = [];
  for (const [path, content] of Object.entries(entries)) {
    const normal = resolvePackagePath(path);
    if (!normal) {
      return refusal(
        name,
        `the entry "${path}"`,
        'cmi5 14.1: package files lie inside the package',
        'its path leaves the package root',
      );
    }
    files.push({ path: normal, bytes: content });
  }
  return files;
}

/** Reads an upload: a zip package (cmi5.xml at its root) or a bare cmi5.xml with absolute AU URLs. */
export function readCoursePackage(bytes: Uint8Array, name = 'the upload'): PackageResult {
  if (bytes.byteLength === 0) {
    return refusal(
      name,
      'the upload',
      'cmi5 14.0: a package is a zip or a cmi5.xml',
      'it is empty',
    );
  }
  let xml: string;
  let files: PackageFile[] = [];
  const zipped = isZip(bytes);
  if (zipped) {
    const unzipped = unzip(bytes, name);
    if (!Array.isArray(unzipped)) return unzipped;
    files = unzipped;
    const structureFile = files.find((file) => file.path === 'cmi5.xml');
    if (!structureFile) {
      const nested = files.find((file) => file.path.endsWith('/cmi5.xml'));
      return refusal(
        name,
        'the zip archive',
        'cmi5 14.1: a zip package holds the course structure file cmi5.xml at its root',
        nested ? `cmi5.xml is at "${nested.path}", not at the root` : 'it holds no cmi5.xml',
      );
    }
    xml = new TextDecoder().decode(structureFile.bytes);
  } else if (looksLikeXml(bytes)) {
    xml = new TextDecoder().decode(bytes);
  } else {
    return refusal(
      name,
      'the upload',
      'cmi5 14.0: a course package is a Zip32 or Zip64 archive, or a course structure XML file',
      'it is neither a zip archive nor XML',
    );
  }
  const parsed = parseCourseStructure(xml);
  if (!parsed.ok) return parsed;
  const paths = new Set(files.map((file) => file.path));
  for (const au of listAus(parsed.structure.children)) {
    if (!isRelativeUrl(au.url)) continue;
    const element = `<au id="${au.id}"> <url>`;
    if (!zipped) {
      return refusal(
        'cmi5.xml',
        element,
        'cmi5 14.2: a course structure without a zip package uses fully qualified URLs',
        `"${au.url}" is relative, so it needs a zip package holding the file`,
      );
    }
    const path = resolvePackagePath(au.url);
    if (!path || !paths.has(path)) {
      return refusal(
        'cmi5.xml',
        element,
        'cmi5 14.1: media in a zip package is referenced by relative URLs that name its files',
        `"${au.url}" names no file in the package`,
      );
    }
  }
  return { ok: true, package: { structure: parsed.structure, files, isZip: zipped } };
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { ZipFile } from 'yazl';

/** Builders of cmi5 course packages for tests: structures, zips (Zip32 and Zip64) and the test AU. */

const NS = 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd';
const AU_DIR = join(import.meta.dirname, '../fixtures/cmi5-au');

/** An AU of a test structure. */
export interface AuSpec {
  id: string;
  title: string;
  url: string;
  moveOn?: string;
  masteryScore?: string;
  launchMethod?: string;
  launchParameters?: string;
  description?: string;
}

/** A block of a test structure. */
export interface BlockSpec {
  block: string;
  title: string;
  children: (AuSpec | BlockSpec)[];
}

const escape = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function langstring(name: string, value: string): string {
  return `<${name}><langstring lang="en-US">${escape(value)}</langstring></${name}>`;
}

function member(node: AuSpec | BlockSpec): string {
  if ('block' in node) {
    return `<block id="${escape(node.block)}">${langstring('title', node.title)}${langstring('description', `About ${node.title}`)}${node.children.map(member).join('')}</block>`;
  }
  const attributes = [
    `id="${escape(node.id)}"`,
    node.moveOn ? `moveOn="${node.moveOn}"` : '',
    node.masteryScore ? `masteryScore="${node.masteryScore}"` : '',
    node.launchMethod ? `launchMethod="${node.launchMethod}"` : '',
  ].join(' ');
  return `<au ${attributes}>${langstring('title', node.title)}${langstring('description', node.description ?? `About ${node.title}`)}<url>${escape(node.url)}</url>${node.launchParameters ? `<launchParameters>${escape(node.launchParameters)}</launchParameters>` : ''}</au>`;
}

/** cmi5.xml for a course with these members. */
export function courseXml(
  course: { id: string; title: string; description?: string },
  members: (AuSpec | BlockSpec)[],
): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="${NS}">
  <course id="${escape(course.id)}">${langstring('title', course.title)}${langstring('description', course.description ?? `About ${course.title}`)}</course>
  ${members.map(member).join('\n  ')}
</courseStructure>`;
}

/** The test AU's files (index.html and au.js), as a package holds them under `folder`. */
export function testAuFiles(folder = 'au'): Record<string, Uint8Array> {
  return {
    [`${folder}/index.html`]: readFileSync(join(AU_DIR, 'index.html')),
    [`${folder}/au.js`]: readFileSync(join(AU_DIR, 'au.js')),
  };
}

/** A Zip32 archive of these files. */
export function zip(files: Record<string, Uint8Array | string>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [path, content] of Object.entries(files)) {
    entries[path] = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  }
  return zipSync(entries);
}

/** A Zip64 archive of these files (every record in its 64-bit form). */
export async function zip64(files: Record<string, Uint8Array | string>): Promise<Uint8Array> {
  const archive = new ZipFile();
  for (const [path, content] of Object.entries(files)) {
    archive.addBuffer(Buffer.from(content), path, { forceZip64Format: true });
  }
  archive.end({ forceZip64Format: true, comment: '' });
  const chunks: Buffer[] = [];
  for await (const chunk of archive.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The course ids the fixtures use (IRIs on a vendor's domain). */
export const VENDOR = 'https://vendor.example/cmi5';

/** A single-AU course: one AU that passes (moveOn Passed). */
export function singleAuPackage(title = 'Arc Flash Awareness'): Uint8Array {
  return zip({
    'cmi5.xml': courseXml({ id: `${VENDOR}/courses/${encodeURIComponent(title)}`, title }, [
      {
        id: `${VENDOR}/aus/arc-flash-1`,
        title: 'Arc flash basics',
        url: 'au/index.html',
        moveOn: 'Passed',
      },
    ]),
    ...testAuFiles(),
  });
}

/** A multi-AU course with nested blocks and mixed moveOn rules. */
export function multiAuPackage(title = 'Switching Practice'): Uint8Array {
  return zip({
    'cmi5.xml': courseXml({ id: `${VENDOR}/courses/switching`, title }, [
      {
        block: `${VENDOR}/blocks/theory`,
        title: 'Theory',
        children: [
          {
            id: `${VENDOR}/aus/orders`,
            title: 'Switching orders',
            url: 'au/index.html',
            moveOn: 'Completed',
          },
          {
            block: `${VENDOR}/blocks/isolation`,
            title: 'Isolation',
            children: [
              {
                id: `${VENDOR}/aus/isolate`,
                title: 'Isolate and earth',
                url: 'au/index.html?part=2',
                moveOn: 'CompletedOrPassed',
              },
            ],
          },
        ],
      },
      {
        id: `${VENDOR}/aus/quiz`,
        title: 'Final check',
        url: 'au/index.html?part=3',
        moveOn: 'CompletedAndPassed',
        masteryScore: '0.8',
      },
      {
        id: `${VENDOR}/aus/glossary`,
        title: 'Glossary',
        url: 'https://vendor.example/glossary.html',
        moveOn: 'NotApplicable',
      },
    ]),
    ...testAuFiles(),
  });
}

/** A course whose one AU has a mastery score of 0.75 (moveOn Passed). */
export function masteryPackage(): Uint8Array {
  return zip({
    'cmi5.xml': courseXml({ id: `${VENDOR}/courses/lockout`, title: 'Lockout and Tagout' }, [
      {
        id: `${VENDOR}/aus/lockout-quiz`,
        title: 'Lockout quiz',
        url: 'au/index.html',
        moveOn: 'Passed',
        masteryScore: '0.75',
        launchParameters: 'score=0.9',
      },
    ]),
    ...testAuFiles(),
  });
}

/** A two-AU course (both Completed), for waivers. */
export function twoAuPackage(): Uint8Array {
  return zip({
    'cmi5.xml': courseXml({ id: `${VENDOR}/courses/substation-entry`, title: 'Substation Entry' }, [
      {
        id: `${VENDOR}/aus/entry-1`,
        title: 'Entering the yard',
        url: 'au/index.html',
        moveOn: 'Completed',
      },
      {
        id: `${VENDOR}/aus/entry-2`,
        title: 'Step and touch potential',
        url: 'au/index.html?part=2',
        moveOn: 'Completed',
      },
    ]),
    ...testAuFiles(),
  });
}

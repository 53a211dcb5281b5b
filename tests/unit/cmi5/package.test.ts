import { describe, expect, test } from 'vitest';
import { readCoursePackage } from '../../../src/lib/server/cmi5/package.ts';
import { listAus } from '../../../src/lib/server/cmi5/course-structure.ts';
import {
  VENDOR,
  courseXml,
  masteryPackage,
  multiAuPackage,
  singleAuPackage,
  testAuFiles,
  zip,
  zip64,
} from '../../helpers/cmi5-packages.ts';

const course = { id: `${VENDOR}/courses/c1`, title: 'Course one' };
const au = (id: string, url = 'au/index.html') => ({ id, title: `AU ${id}`, url });
const text = (value: string) => new TextEncoder().encode(value);

describe('readCoursePackage accepts', () => {
  test('a single-AU zip package', () => {
    const result = readCoursePackage(singleAuPackage());
    expect(result.ok && listAus(result.package.structure.children).map((a) => a.moveOn)).toEqual([
      'Passed',
    ]);
  });

  test('a multi-AU package with nested blocks and mixed moveOn rules', () => {
    const result = readCoursePackage(multiAuPackage());
    if (!result.ok) throw new Error(result.refusal.message);
    expect(listAus(result.package.structure.children).map((a) => a.moveOn)).toEqual([
      'Completed',
      'CompletedOrPassed',
      'CompletedAndPassed',
      'NotApplicable',
    ]);
    expect(result.package.structure.children[0]).toMatchObject({ kind: 'block', title: 'Theory' });
  });

  test('a mastery score and launch parameters', () => {
    const result = readCoursePackage(masteryPackage());
    if (!result.ok) throw new Error(result.refusal.message);
    expect(listAus(result.package.structure.children)[0]).toMatchObject({
      masteryScore: 0.75,
      launchParameters: 'score=0.9',
      launchMethod: 'AnyWindow',
    });
  });

  test('a Zip64 package', async () => {
    const bytes = await zip64({
      'cmi5.xml': courseXml(course, [au(`${VENDOR}/aus/1`)]),
      ...testAuFiles(),
    });
    const result = readCoursePackage(bytes);
    expect(
      result.ok ? result.package.files.map((f) => f.path).sort() : result.refusal.message,
    ).toEqual(['au/au.js', 'au/index.html', 'cmi5.xml']);
  });

  test('a bare cmi5.xml whose AU URLs are absolute', () => {
    const result = readCoursePackage(
      text(courseXml(course, [au(`${VENDOR}/aus/1`, 'https://vendor.example/au/1.html')])),
    );
    expect(result.ok && result.package.isZip).toBe(false);
  });
});

const invalid: { name: string; bytes: () => Uint8Array; requirement: RegExp; element: RegExp }[] = [
  {
    name: 'a course id that is not an IRI',
    bytes: () =>
      text(
        courseXml({ id: 'course-1', title: 'C' }, [au(`${VENDOR}/aus/1`, 'https://x.example/a')]),
      ),
    requirement: /13\.1\.1.*IRI/,
    element: /<course id="course-1">/,
  },
  {
    name: 'an AU id that is not an IRI',
    bytes: () => text(courseXml(course, [au('intro', 'https://x.example/a')])),
    requirement: /13\.1\.4.*IRI/,
    element: /<au id="intro">/,
  },
  {
    name: 'a block id that is not an IRI',
    bytes: () =>
      text(
        courseXml(course, [
          { block: 'blk 1', title: 'B', children: [au(`${VENDOR}/aus/1`, 'https://x.example/a')] },
        ]),
      ),
    requirement: /13\.1\.2.*IRI/,
    element: /<block id="blk 1">/,
  },
  {
    name: 'two AUs with one id',
    bytes: () =>
      text(
        courseXml(course, [
          au(`${VENDOR}/aus/1`, 'https://x.example/a'),
          au(`${VENDOR}/aus/1`, 'https://x.example/b'),
        ]),
      ),
    requirement: /unique/,
    element: /<au id="https:\/\/vendor\.example\/cmi5\/aus\/1">/,
  },
  {
    name: 'two objectives with one id',
    bytes: () => {
      const objective = `<objective id="${VENDOR}/objectives/o1"><title><langstring lang="en-US">Isolate</langstring></title><description><langstring lang="en-US">Isolate a feeder</langstring></description></objective>`;
      return text(
        courseXml(course, [au(`${VENDOR}/aus/1`, 'https://x.example/a')]).replace(
          '</course>',
          `</course><objectives>${objective}${objective}</objectives>`,
        ),
      );
    },
    requirement: /unique/,
    element: /<objective id="https:\/\/vendor\.example\/cmi5\/objectives\/o1">/,
  },
  {
    name: 'a block with the course id',
    bytes: () =>
      text(
        courseXml(course, [
          {
            block: course.id,
            title: 'B',
            children: [au(`${VENDOR}/aus/1`, 'https://x.example/a')],
          },
        ]),
      ),
    requirement: /unique/,
    element: /<block/,
  },
  {
    name: 'a relative AU URL without a zip',
    bytes: () => text(courseXml(course, [au(`${VENDOR}/aus/1`, 'au/index.html')])),
    requirement: /14\.2/,
    element: /<url>/,
  },
  {
    name: 'a relative AU URL naming no file in the zip',
    bytes: () =>
      zip({
        'cmi5.xml': courseXml(course, [au(`${VENDOR}/aus/1`, 'au/missing.html')]),
        ...testAuFiles(),
      }),
    requirement: /14\.1/,
    element: /<url>/,
  },
  {
    name: 'a relative AU URL leaving the package',
    bytes: () => zip({ 'cmi5.xml': courseXml(course, [au(`${VENDOR}/aus/1`, '../outside.html')]) }),
    requirement: /14\.1/,
    element: /<url>/,
  },
  {
    name: 'a zip without cmi5.xml',
    bytes: () =>
      zip({ 'course.xml': courseXml(course, [au(`${VENDOR}/aus/1`)]), ...testAuFiles() }),
    requirement: /cmi5\.xml at its root/,
    element: /zip archive/,
  },
  {
    name: 'a zip with cmi5.xml in a folder',
    bytes: () => zip({ 'pkg/cmi5.xml': courseXml(course, [au(`${VENDOR}/aus/1`)]) }),
    requirement: /cmi5\.xml at its root/,
    element: /zip archive/,
  },
  {
    name: 'a file that is not a zip',
    bytes: () => new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]),
    requirement: /14\.0.*Zip32 or Zip64/,
    element: /the upload/,
  },
  {
    name: 'a truncated zip',
    bytes: () => singleAuPackage().subarray(0, 200),
    requirement: /14\.1.*ZIP format/,
    element: /zip archive/,
  },
  {
    name: 'XML that is not well-formed',
    bytes: () =>
      text(
        '<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"><course>',
      ),
    requirement: /well-formed/,
    element: /document/,
  },
  {
    name: 'a root element outside the cmi5 namespace',
    bytes: () =>
      text(
        courseXml(course, [au(`${VENDOR}/aus/1`, 'https://x.example/a')]).replace(
          /xmlns="[^"]+"/,
          'xmlns="urn:other"',
        ),
      ),
    requirement: /13\.2.*root element/,
    element: /<courseStructure>/,
  },
  {
    name: 'an AU without a title',
    bytes: () =>
      text(
        courseXml(course, [au(`${VENDOR}/aus/1`, 'https://x.example/a')]).replace(
          /<au ([^>]*)><title>.*?<\/title>/,
          '<au $1>',
        ),
      ),
    requirement: /title is required/,
    element: /<au id=/,
  },
  {
    name: 'an AU without a url',
    bytes: () =>
      text(
        courseXml(course, [au(`${VENDOR}/aus/1`, 'https://x.example/a')]).replace(
          /<url>.*?<\/url>/,
          '',
        ),
      ),
    requirement: /13\.1\.4: an AU has a url/,
    element: /<au id=/,
  },
  {
    name: 'an unknown moveOn value',
    bytes: () =>
      text(
        courseXml(course, [
          { ...au(`${VENDOR}/aus/1`, 'https://x.example/a'), moveOn: 'Finished' },
        ]),
      ),
    requirement: /moveOn is one of/,
    element: /<au id=/,
  },
  {
    name: 'a mastery score above 1',
    bytes: () =>
      text(
        courseXml(course, [
          { ...au(`${VENDOR}/aus/1`, 'https://x.example/a'), masteryScore: '1.5' },
        ]),
      ),
    requirement: /masteryScore is a decimal from 0 to 1/,
    element: /<au id=/,
  },
  {
    name: 'a course with no AU',
    bytes: () => text(courseXml(course, [])),
    requirement: /at least one AU/,
    element: /<courseStructure>/,
  },
];

describe('readCoursePackage refuses, naming the file, the element and the rule', () => {
  test.each(invalid)('$name', ({ bytes, requirement, element }) => {
    const result = readCoursePackage(bytes());
    if (result.ok) throw new Error('the package was accepted');
    expect(result.refusal.requirement).toMatch(requirement);
    expect(result.refusal.element).toMatch(element);
    expect(result.refusal.message).toContain(result.refusal.file);
    expect(result.refusal.message).toContain(result.refusal.element);
  });
});

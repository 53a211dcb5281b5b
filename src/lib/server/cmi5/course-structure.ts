import { DOMParser, type Element } from '@xmldom/xmldom';
import { isAbsoluteIri } from './iri.ts';
import type { ImportRefusal } from './refusal.ts';

/** The namespace of the cmi5 course structure (cmi5 section 13.2). */
export const CMI5_NAMESPACE = 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd';

/** moveOn values of an AU (cmi5 13.1.4). */
export const MOVE_ON = [
  'Passed',
  'Completed',
  'CompletedAndPassed',
  'CompletedOrPassed',
  'NotApplicable',
] as const;
export type MoveOn = (typeof MOVE_ON)[number];
/** launchMethod values of an AU (cmi5 13.1.4). */
export type LaunchMethod = 'AnyWindow' | 'OwnWindow';

/** An assignable unit as the course structure declares it. */
export interface StructureAu {
  kind: 'au';
  /** The publisher's id (an IRI). */
  id: string;
  title: string;
  description: string;
  url: string;
  moveOn: MoveOn;
  masteryScore: number | null;
  launchMethod: LaunchMethod;
  launchParameters: string | null;
  entitlementKey: string | null;
  activityType: string | null;
}

/** A block of AUs and blocks. */
export interface StructureBlock {
  kind: 'block';
  id: string;
  title: string;
  description: string;
  children: StructureNode[];
}

export type StructureNode = StructureAu | StructureBlock;

/** A parsed, validated course structure. */
export interface CourseStructure {
  id: string;
  title: string;
  description: string;
  children: StructureNode[];
}

/** The AUs of a structure in document order (their position is the AU index of the API). */
export function listAus(nodes: readonly StructureNode[]): StructureAu[] {
  return nodes.flatMap((node) => (node.kind === 'au' ? [node] : listAus(node.children)));
}

class Refused extends Error {
  readonly refusal: ImportRefusal;
  constructor(refusal: ImportRefusal) {
    super(refusal.message);
    this.refusal = refusal;
  }
}

const FILE = 'cmi5.xml';

function refuse(element: string, requirement: string, message: string): never {
  throw new Refused({
    file: FILE,
    element,
    requirement,
    message: `${FILE}, ${element}: ${message}`,
  });
}

function describe(element: Element): string {
  const id = element.getAttribute('id') ?? element.getAttribute('idref');
  const line = (element as unknown as { lineNumber?: number }).lineNumber;
  return `<${element.localName}${id ? ` id="${id}"` : ''}>${line ? ` (line ${line})` : ''}`;
}

/** Child elements in the cmi5 namespace; elements of other namespaces are vendor extensions (13.1.5). */
function cmi5Children(element: Element): Element[] {
  const children: Element[] = [];
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== 1) continue;
    const child = node as Element;
    if (child.namespaceURI === CMI5_NAMESPACE) children.push(child);
    else if (!child.namespaceURI) {
      refuse(
        describe(child),
        'cmi5 13.2: every element of the course structure is in the cmi5 namespace',
        `the element has no namespace; declare xmlns="${CMI5_NAMESPACE}" on the root element`,
      );
    }
  }
  return children;
}

function text(element: Element): string {
  return (element.textContent ?? '').trim();
}

/** A langstring element's best text: en first, else the first (cmi5 13.1, langstring). */
function langString(parent: Element, name: 'title' | 'description'): string {
  const element = cmi5Children(parent).find((child) => child.localName === name);
  if (!element) {
    refuse(describe(parent), `cmi5 13.1: ${name} is required`, `the <${name}> element is missing`);
  }
  const strings = cmi5Children(element).filter((child) => child.localName === 'langstring');
  if (strings.length === 0) {
    refuse(
      `${describe(parent)} <${name}>`,
      'cmi5 13.1: a langstring element has at least one <langstring>',
      'it holds no <langstring>',
    );
  }
  const english = strings.find((s) => /^en\b/i.test(s.getAttribute('lang') ?? ''));
  return text(english ?? (strings[0] as Element));
}

function requireIri(element: Element, attribute: 'id' | 'idref', rule: string): string {
  const value = (element.getAttribute(attribute) ?? '').trim();
  if (!value) refuse(describe(element), rule, `the ${attribute} attribute is required`);
  if (!isAbsoluteIri(value)) {
    refuse(
      describe(element),
      `${rule}; IRIs must be fully qualified (cmi5 3.0, IRI)`,
      `"${value}" is not a fully qualified IRI (it needs a scheme such as https:)`,
    );
  }
  return value;
}

interface Context {
  seen: Map<string, string>;
  objectives: Set<string>;
}

function checkUnique(context: Context, id: string, element: Element): void {
  const previous = context.seen.get(id);
  if (previous) {
    refuse(
      describe(element),
      'cmi5 13.1: course, block, AU and objective ids are unique within the course structure',
      `the id "${id}" is already used by ${previous}`,
    );
  }
  context.seen.set(id, describe(element));
}

function checkObjectiveRefs(element: Element, context: Context): void {
  const objectives = cmi5Children(element).find((child) => child.localName === 'objectives');
  if (!objectives) return;
  for (const ref of cmi5Children(objectives)) {
    const idref = requireIri(ref, 'idref', 'cmi5 13.1.2: an objective reference has an idref');
    if (!context.objectives.has(idref)) {
      refuse(
        describe(ref),
        'cmi5 13.1.3: objectives referenced by blocks and AUs are declared in the course objectives',
        `no <objective id="${idref}"> is declared under <courseStructure><objectives>`,
      );
    }
  }
}

function parseAu(element: Element, context: Context): StructureAu {
  const id = requireIri(element, 'id', 'cmi5 13.1.4: an AU has an id that is an IRI');
  checkUnique(context, id, element);
  const children = cmi5Children(element);
  const url = children.find((child) => child.localName === 'url');
  if (!url || !text(url)) {
    refuse(
      describe(element),
      'cmi5 13.1.4: an AU has a url',
      'the <url> element is missing or empty',
    );
  }
  const moveOn = (element.getAttribute('moveOn') ?? '').trim() || 'NotApplicable';
  if (!MOVE_ON.includes(moveOn as MoveOn)) {
    refuse(
      describe(element),
      `cmi5 13.1.4: moveOn is one of ${MOVE_ON.join(', ')}`,
      `moveOn="${moveOn}" is not one of them`,
    );
  }
  const launchMethod = (element.getAttribute('launchMethod') ?? '').trim() || 'AnyWindow';
  if (launchMethod !== 'AnyWindow' && launchMethod !== 'OwnWindow') {
    refuse(
      describe(element),
      'cmi5 13.1.4: launchMethod is OwnWindow or AnyWindow',
      `launchMethod="${launchMethod}" is neither`,
    );
  }
  const masteryText = (element.getAttribute('masteryScore') ?? '').trim();
  let masteryScore: number | null = null;
  if (masteryText) {
    masteryScore = /^\d+(\.\d{1,4})?$|^\.\d{1,4}$/.test(masteryText) ? Number(masteryText) : NaN;
    if (!(masteryScore >= 0 && masteryScore <= 1)) {
      refuse(
        describe(element),
        'cmi5 13.1.4: masteryScore is a decimal from 0 to 1 with up to 4 decimal places',
        `masteryScore="${masteryText}" is not`,
      );
    }
  }
  const activityType = (element.getAttribute('activityType') ?? '').trim() || null;
  if (activityType && !isAbsoluteIri(activityType)) {
    refuse(
      describe(element),
      'cmi5 13.1.4: activityType is an IRI',
      `"${activityType}" is not one`,
    );
  }
  checkObjectiveRefs(element, context);
  const optional = (name: string) => {
    const found = children.find((child) => child.localName === name);
    return found ? text(found) : null;
  };
  return {
    kind: 'au',
    id,
    title: langString(element, 'title'),
    description: langString(element, 'description'),
    url: text(url),
    moveOn: moveOn as MoveOn,
    masteryScore,
    launchMethod,
    launchParameters: optional('launchParameters'),
    entitlementKey: optional('entitlementKey'),
    activityType,
  };
}

function parseMembers(parent: Element, context: Context): StructureNode[] {
  const members: StructureNode[] = [];
  for (const child of cmi5Children(parent)) {
    if (child.localName === 'au') members.push(parseAu(child, context));
    if (child.localName === 'block') {
      const id = requireIri(child, 'id', 'cmi5 13.1.2: a block has an id that is an IRI');
      checkUnique(context, id, child);
      checkObjectiveRefs(child, context);
      const block: StructureBlock = {
        kind: 'block',
        id,
        title: langString(child, 'title'),
        description: langString(child, 'description'),
        children: parseMembers(child, context),
      };
      if (block.children.length === 0) {
        refuse(
          describe(child),
          'cmi5 13.1.2: a block consists of one or more AUs or blocks',
          'the block is empty',
        );
      }
      members.push(block);
    }
  }
  return members;
}

/** Parses and validates cmi5.xml; a refusal names the file, the element and the rule broken. */
export function parseCourseStructure(
  xml: string,
): { ok: true; structure: CourseStructure } | { ok: false; refusal: ImportRefusal } {
  try {
    let document;
    try {
      document = new DOMParser({ locator: true, onError: () => undefined }).parseFromString(
        xml,
        'text/xml',
      );
    } catch (error) {
      refuse(
        'the document',
        'cmi5 13.2: the course structure is well-formed XML',
        `the XML is not well-formed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const root = document.documentElement;
    if (!root || root.localName !== 'courseStructure' || root.namespaceURI !== CMI5_NAMESPACE) {
      refuse(
        root ? describe(root) : 'the document',
        `cmi5 13.2: the root element is <courseStructure xmlns="${CMI5_NAMESPACE}">`,
        'the root element is not a cmi5 courseStructure',
      );
    }
    const courses = cmi5Children(root).filter((child) => child.localName === 'course');
    const course = courses[0];
    if (!course || courses.length > 1) {
      refuse(
        describe(root),
        'cmi5 13.2: a course structure has exactly one <course>',
        `found ${courses.length} <course> elements`,
      );
    }
    const context: Context = { seen: new Map(), objectives: new Set() };
    const id = requireIri(course, 'id', 'cmi5 13.1.1: the course has an id that is an IRI');
    checkUnique(context, id, course);
    const objectives = cmi5Children(root).find((child) => child.localName === 'objectives');
    for (const objective of objectives ? cmi5Children(objectives) : []) {
      const objectiveId = requireIri(
        objective,
        'id',
        'cmi5 13.1.3: an objective has an id that is an IRI',
      );
      checkUnique(context, objectiveId, objective);
      langString(objective, 'title');
      langString(objective, 'description');
      context.objectives.add(objectiveId);
    }
    const structure: CourseStructure = {
      id,
      title: langString(course, 'title'),
      description: langString(course, 'description'),
      children: parseMembers(root, context),
    };
    if (listAus(structure.children).length === 0) {
      refuse(
        describe(root),
        'cmi5 13.2: a course structure holds at least one AU',
        'there is no <au> in the course',
      );
    }
    return { ok: true, structure };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refusal: error.refusal };
    throw error;
  }
}

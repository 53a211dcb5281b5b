// `npm run content:stats`: tracks, courses, lessons, labs, questions and words per track.
import { join } from 'node:path';
import { readContent } from '../lib/content/content-files.ts';

interface Totals {
  courses: number;
  lessons: number;
  labs: number;
  simulations: number;
  questions: number;
  words: number;
}

const content = readContent(join(import.meta.dirname, '../..'));

/** Words of a lesson body, code blocks left out (as the content checks count them). */
function words(body: string): number {
  return body
    .replace(/```[\s\S]*?```/g, ' ')
    .split(/\s+/)
    .filter((word) => /[A-Za-z0-9]/.test(word)).length;
}

const tracks = content.tracks.map((track) => track.slug).sort();
const totals = new Map<string, Totals>(
  tracks.map((track) => [
    track,
    { courses: 0, lessons: 0, labs: 0, simulations: 0, questions: 0, words: 0 },
  ]),
);

for (const course of content.courses.values()) {
  const track = totals.get(course.data.track);
  if (!track) continue;
  track.courses += 1;
  for (const lesson of course.lessons) {
    track.lessons += 1;
    if (lesson.data.kind === 'lab') track.labs += 1;
    if (lesson.data.kind === 'simulation') track.simulations += 1;
    track.questions += lesson.data.check?.questions.length ?? 0;
    track.words += words(lesson.body);
  }
}

const columns = [
  'track',
  'courses',
  'lessons',
  'labs',
  'simulations',
  'questions',
  'words',
] as const;
const rows = [...totals].map(([track, t]) => [
  track,
  t.courses,
  t.lessons,
  t.labs,
  t.simulations,
  t.questions,
  t.words,
]);
const sum = (i: number) => rows.reduce((total, row) => total + Number(row[i]), 0);
rows.push(['all tracks', sum(1), sum(2), sum(3), sum(4), sum(5), sum(6)]);
const widths = columns.map((name, i) =>
  Math.max(name.length, ...rows.map((row) => String(row[i]).length)),
);
const line = (cells: readonly (string | number)[]) =>
  cells
    .map((cell, i) =>
      i === 0 ? String(cell).padEnd(widths[i]!) : String(cell).padStart(widths[i]!),
    )
    .join('  ');
console.log(line(columns));
for (const row of rows) console.log(line(row));
console.log(`\n${tracks.length} tracks`);

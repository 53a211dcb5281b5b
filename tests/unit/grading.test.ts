import { describe, expect, test } from 'vitest';
import { answersFromForm, gradeCheck } from '../../src/lib/shared/courses/grading.ts';
import { KnowledgeCheckSchema } from '../../src/lib/content/knowledge-check.ts';

const check = KnowledgeCheckSchema.parse({
  questions: [
    {
      id: 'a',
      type: 'single',
      prompt: 'Which device breaks load current?',
      options: ['Disconnector', 'Circuit breaker', 'CT'],
      answer: [1],
      explanation: 'Only the breaker interrupts load and fault current.',
    },
    {
      id: 'b',
      type: 'multiple',
      prompt: 'Which are IEEE 1547 categories?',
      options: ['A', 'B', 'Z'],
      answer: [0, 1],
      explanation: 'Normal performance categories are A and B.',
    },
    {
      id: 'c',
      type: 'single',
      prompt: 'First safety rule?',
      options: ['Earth', 'Disconnect'],
      answer: [1],
      explanation: 'Disconnect comes first.',
    },
  ],
});

describe('gradeCheck', () => {
  test.each([
    [{ a: [1], b: [0, 1], c: [1] }, 3, true],
    [{ a: [1], b: [1, 0], c: [0] }, 2, false],
    [{ a: [1], b: [0], c: [1] }, 2, false],
    [{ a: [1], b: [0, 1, 2], c: [1] }, 2, false],
    [{}, 0, false],
    [{ a: [7], b: [-1], c: [1, 1] }, 1, false],
  ])('answers %j score %i correct (passed: %s at 80%%)', (answers, correct, isPassed) => {
    const grade = gradeCheck(check, answers, 80);
    expect(grade.correctCount).toBe(correct);
    expect(grade.isPassed).toBe(isPassed);
    expect(grade.score).toBeCloseTo(correct / 3);
  });

  test('a lower passing score lets two of three pass', () => {
    expect(gradeCheck(check, { a: [1], b: [0, 1] }, 60).isPassed).toBe(true);
  });

  test('feedback carries the explanation and the key of every question', () => {
    const grade = gradeCheck(check, { a: [0] }, 80);
    expect(grade.questions[0]).toEqual({
      id: 'a',
      isCorrect: false,
      chosen: [0],
      correct: [1],
      explanation: 'Only the breaker interrupts load and fault current.',
    });
  });
});

describe('answersFromForm', () => {
  test('reads repeated fields and ignores junk', () => {
    const form = new URLSearchParams('q-a=1&q-b=0&q-b=1&q-c=x&other=3');
    expect(answersFromForm(check, form)).toEqual({ a: [1], b: [0, 1], c: [] });
  });
});

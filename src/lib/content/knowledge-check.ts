import { z } from 'zod';

/** One knowledge-check question; `answer` holds zero-based indices into `options`. */
export const QuestionSchema = z
  .object({
    /** Stable id within the lesson, used in statements and form fields. */
    id: z.string().regex(/^[a-z0-9-]+$/, 'use lowercase letters, digits and hyphens'),
    /** `single`: exactly one correct option; `multiple`: one or more. */
    type: z.enum(['single', 'multiple']),
    /** The question as the learner reads it. */
    prompt: z.string().min(5),
    /** Two to eight options. */
    options: z.array(z.string().min(1)).min(2).max(8),
    /** Zero-based indices of the correct options. */
    answer: z.array(z.number().int().min(0)).min(1),
    /** Shown after submission: why the right answer is right. */
    explanation: z.string().min(10),
  })
  .superRefine((question, context) => {
    for (const index of question.answer) {
      if (index >= question.options.length) {
        context.addIssue({
          code: 'custom',
          path: ['answer'],
          message: `answer index ${index} is out of range: the question has ${question.options.length} options (0 to ${question.options.length - 1})`,
        });
      }
    }
    if (new Set(question.answer).size !== question.answer.length) {
      context.addIssue({ code: 'custom', path: ['answer'], message: 'answer lists an index twice' });
    }
    if (question.type === 'single' && question.answer.length !== 1) {
      context.addIssue({
        code: 'custom',
        path: ['answer'],
        message: 'a single-choice question needs exactly one answer index',
      });
    }
  });

/** A lesson's knowledge check. */
export const KnowledgeCheckSchema = z
  .object({
    questions: z.array(QuestionSchema).min(1),
  })
  .superRefine((check, context) => {
    const seen = new Set<string>();
    check.questions.forEach((question, index) => {
      if (seen.has(question.id)) {
        context.addIssue({
          code: 'custom',
          path: ['questions', index, 'id'],
          message: `question id "${question.id}" is used twice`,
        });
      }
      seen.add(question.id);
    });
  });

export type Question = z.output<typeof QuestionSchema>;
export type KnowledgeCheck = z.output<typeof KnowledgeCheckSchema>;

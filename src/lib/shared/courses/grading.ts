import type { KnowledgeCheck } from '../../content/knowledge-check.ts';

/** The learner's selections: question id -> chosen option indices. */
export type CheckAnswers = Record<string, number[]>;

/** Feedback for one question after grading. */
export interface QuestionFeedback {
  id: string;
  isCorrect: boolean;
  chosen: number[];
  correct: number[];
  explanation: string;
}

/** A graded knowledge check: score in 0..1 and whether it meets the passing score (percent). */
export interface CheckGrade {
  score: number;
  correctCount: number;
  questionCount: number;
  isPassed: boolean;
  questions: QuestionFeedback[];
}

/** Grades answers against the key; a question counts only when the chosen set equals the key exactly. */
export function gradeCheck(
  check: KnowledgeCheck,
  answers: CheckAnswers,
  passingScore: number,
): CheckGrade {
  const questions = check.questions.map((question): QuestionFeedback => {
    const chosen = [...new Set(answers[question.id] ?? [])]
      .filter((index) => index >= 0 && index < question.options.length)
      .sort((a, b) => a - b);
    const correct = [...question.answer].sort((a, b) => a - b);
    const isCorrect =
      chosen.length === correct.length && chosen.every((index, i) => index === correct[i]);
    return { id: question.id, isCorrect, chosen, correct, explanation: question.explanation };
  });
  const correctCount = questions.filter((question) => question.isCorrect).length;
  const score = questions.length ? correctCount / questions.length : 0;
  return {
    score,
    correctCount,
    questionCount: questions.length,
    isPassed: score * 100 >= passingScore - 1e-9,
    questions,
  };
}

/** Reads answers from form fields named `q-<questionId>` (repeated for multiple choice). */
export function answersFromForm(
  check: KnowledgeCheck,
  form: FormData | URLSearchParams,
): CheckAnswers {
  const answers: CheckAnswers = {};
  for (const question of check.questions) {
    const values = form.getAll(`q-${question.id}`);
    answers[question.id] = values
      .map((value) => (typeof value === 'string' ? Number.parseInt(value, 10) : Number.NaN))
      .filter((value) => Number.isInteger(value));
  }
  return answers;
}

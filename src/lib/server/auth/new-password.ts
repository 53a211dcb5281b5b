/** A new password as typed twice (NewPasswordFields posts `password` and `confirm`), or why not. */
export type NewPasswordInput = { ok: true; password: string } | { ok: false; message: string };

/** Reads a new password and its repetition from a form; `field` names the password's field. */
export function readNewPassword(
  form: Record<string, string>,
  field = 'password',
): NewPasswordInput {
  const password = form[field] ?? '';
  if (password !== (form['confirm'] ?? '')) {
    return {
      ok: false,
      message: 'The two passwords differ. Type the same password in both fields.',
    };
  }
  return { ok: true, password };
}

import { CMI5_PACKAGE_LIMIT } from './package.ts';

/** An upload read under the package limit, or why it was not. */
export type UploadBytes =
  { ok: true; bytes: Uint8Array } | { ok: false; status: 400 | 413; message: string };

const tooLarge = (): UploadBytes => ({
  ok: false,
  status: 413,
  message: `The package is larger than ${CMI5_PACKAGE_LIMIT / 1024 / 1024} MB, the most an import accepts; ask the vendor for a package that streams its large media from their own server.`,
});

/** Reads a request body of at most CMI5_PACKAGE_LIMIT bytes, chunked or not, without holding more. */
export async function readUpload(request: Request): Promise<UploadBytes> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > CMI5_PACKAGE_LIMIT) {
    await request.body?.cancel().catch(() => undefined);
    return tooLarge();
  }
  const reader = request.body?.getReader();
  if (!reader) return { ok: false, status: 400, message: 'Send the package as the request body.' };
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > CMI5_PACKAGE_LIMIT) {
        await reader.cancel().catch(() => undefined);
        return tooLarge();
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, status: 400, message: 'The upload was interrupted; send it again.' };
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

/** The file of a multipart form upload (field `package`), read under the package limit. */
export async function readFormUpload(
  request: Request,
): Promise<
  | { ok: true; bytes: Uint8Array; fileName: string; fields: Record<string, string> }
  | { ok: false; status: 400 | 413; message: string }
> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.includes('multipart/form-data')) {
    return { ok: false, status: 400, message: 'Choose a package file and send the form again.' };
  }
  const body = await readUpload(request);
  if (!body.ok) return body;
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body.bytes), {
      headers: { 'content-type': type },
    }).formData();
  } catch {
    return { ok: false, status: 400, message: 'The form could not be read; send it again.' };
  }
  const fields: Record<string, string> = {};
  let file: File | null = null;
  for (const [key, value] of form) {
    if (typeof value === 'string') fields[key] = value;
    else if (key === 'package') file = value;
  }
  if (!file || file.size === 0) {
    return { ok: false, status: 400, message: 'Choose a package file (a .zip or a cmi5.xml).' };
  }
  return { ok: true, bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name, fields };
}

import * as jose from 'jose';
import { truncateDuration } from './duration.ts';
import { statementFingerprint } from './fingerprint.ts';
import { isPlainObject } from './formats.ts';
import { StatementSchema, type Statement } from './statement-schema.ts';

/** The attachment usage type of a statement's JWS signature. */
export const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature';
/** The algorithms xAPI allows for statement signatures. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512'];

function comparable(statement: Statement): string {
  const duration = statement.result?.duration;
  const copy: Statement = duration
    ? { ...statement, result: { ...statement.result, duration: truncateDuration(duration) } }
    : statement;
  return statementFingerprint(copy);
}

function certificatePem(der: string): string {
  const lines = der.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----`;
}

/** Reads the JWS header, checking the algorithm; with x5c, verifies the signature by its first certificate. */
async function verifiedPayload(
  jws: string,
): Promise<{ ok: true; payload: Uint8Array } | { ok: false; message: string }> {
  let header: jose.ProtectedHeaderParameters;
  try {
    header = jose.decodeProtectedHeader(jws);
  } catch {
    return { ok: false, message: 'the signature is not a JWS in compact serialization' };
  }
  if (!header.alg || !ALGORITHMS.includes(header.alg)) {
    return {
      ok: false,
      message: `the signature uses ${String(header.alg)}; xAPI allows RS256, RS384 or RS512`,
    };
  }
  const [first] = header.x5c ?? [];
  if (first) {
    try {
      const key = await jose.importX509(certificatePem(first), header.alg);
      const { payload } = await jose.compactVerify(jws, key, { algorithms: ALGORITHMS });
      return { ok: true, payload };
    } catch {
      return {
        ok: false,
        message: 'the signature does not verify against the certificate in its x5c header',
      };
    }
  }
  const parts = jws.split('.');
  try {
    if (parts.length !== 3 || !parts[2]) throw new Error('not three parts');
    return { ok: true, payload: jose.base64url.decode(parts[1] ?? '') };
  } catch {
    return { ok: false, message: 'the signature is not a JWS in compact serialization' };
  }
}

/**
 * True when a statement as sent lists a signature attachment. The schema passes usageType through
 * unchanged, so a statement without one here has none once parsed and needs no parse to skip.
 */
function listsSignature(input: unknown): boolean {
  const attachments = isPlainObject(input) ? input['attachments'] : undefined;
  return (
    Array.isArray(attachments) &&
    attachments.some((a) => isPlainObject(a) && a['usageType'] === SIGNATURE_USAGE)
  );
}

/**
 * Checks every signed statement of a request: its signature attachment's JWS must be RS256/384/512
 * (verified when it carries an x5c certificate) and its payload must be the same statement, under
 * the spec's comparison rules. Returns why not, or null.
 */
export async function checkSignatures(
  inputs: readonly unknown[],
  dataByHash: ReadonlyMap<string, Buffer>,
): Promise<string | null> {
  for (const [index, input] of inputs.entries()) {
    if (!listsSignature(input)) continue;
    const parsed = StatementSchema.safeParse(input);
    if (!parsed.success) continue; // the store explains invalid statements
    const statement = parsed.data;
    const signatures = (statement.attachments ?? []).filter((a) => a.usageType === SIGNATURE_USAGE);
    if (signatures.length === 0) continue;
    const which = inputs.length === 1 ? 'the statement' : `statements[${index}]`;
    if (signatures.length > 1) return `${which} has more than one signature attachment`;
    const signature = signatures[0];
    const data = signature ? dataByHash.get(signature.sha2.toLowerCase()) : undefined;
    if (!signature || !data) return `${which} has a signature attachment without its data part`;
    if (!/^application\/octet-stream\b/i.test(signature.contentType)) {
      return `${which}: a signature attachment's contentType must be application/octet-stream`;
    }
    const verified = await verifiedPayload(data.toString('utf8').trim());
    if (!verified.ok) return `${which}: ${verified.message}`;
    let original: unknown;
    try {
      original = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(verified.payload));
    } catch {
      return `${which}: the signature's payload is not a JSON statement`;
    }
    const signed = StatementSchema.safeParse(original);
    const sameId =
      signed.success &&
      (signed.data.id === undefined ||
        signed.data.id.toLowerCase() === (statement.id ?? signed.data.id).toLowerCase());
    if (!signed.success || !sameId || comparable(signed.data) !== comparable(statement)) {
      return `${which} differs from the statement its signature was made over`;
    }
  }
  return null;
}

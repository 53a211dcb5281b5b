import type { SessionUser } from '../auth/session.ts';
import type { ProviderPerson } from './identity.ts';

/** The department from a `department` claim: IT or OT when it says so, otherwise other. */
export function departmentFromClaim(value: unknown): SessionUser['department'] {
  if (typeof value !== 'string') return 'other';
  const text = value.trim().toLowerCase();
  if (text === 'it' || text === 'information technology') return 'it';
  if (text === 'ot' || text === 'operational technology' || text === 'operations technology') {
    return 'ot';
  }
  return 'other';
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** The person an ID token describes; the email falls back to an email-shaped username (Entra UPN). */
export function personFromClaims(claims: Record<string, unknown>): ProviderPerson {
  const username = text(claims['preferred_username']);
  const claimedEmail = text(claims['email']);
  const email = claimedEmail || (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(username) ? username : '');
  const fullName = [text(claims['given_name']), text(claims['family_name'])]
    .filter(Boolean)
    .join(' ');
  const displayName = (text(claims['name']) || fullName || username || email).slice(0, 120);
  return {
    issuer: text(claims['iss']),
    subject: text(claims['sub']),
    email: email ? email.toLowerCase() : null,
    isEmailVerified: Boolean(claimedEmail) && claims['email_verified'] === true,
    displayName: displayName || 'Switchyard user',
    department: departmentFromClaim(claims['department']),
  };
}

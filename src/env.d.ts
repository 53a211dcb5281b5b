/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The signed-in user, or null. */
    user: import('./lib/server/auth/session.ts').SessionUser | null;
    /** The current session, or null. */
    session: import('./lib/server/auth/session.ts').Session | null;
  }
}

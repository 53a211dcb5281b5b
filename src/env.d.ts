/// <reference types="astro/client" />

declare module 'virtual:switchyard/page-routes' {
  /** Route patterns of the .astro pages (`/courses/[course]/[lesson]`), built from src/pages. */
  const patterns: readonly string[];
  export default patterns;
}

declare namespace App {
  interface Locals {
    /** The signed-in user, or null. */
    user: import('./lib/server/auth/session.ts').SessionUser | null;
    /** The current session, or null. */
    session: import('./lib/server/auth/session.ts').Session | null;
  }
}

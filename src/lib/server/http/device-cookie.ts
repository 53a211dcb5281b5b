import type { APIContext, AstroGlobal } from 'astro';
import { getDb } from '../db.ts';
import { DEVICE_COOKIE, findTrustedDevice, setDeviceCookie, trustDevice } from '../auth/device.ts';
import { isSecureOrigin, siteOrigin } from '../site-origin.ts';

type Context = APIContext | AstroGlobal;

/** The trusted device this browser's cookie names, or null. */
export async function currentDevice(
  context: Context,
): Promise<{ id: string; userId: string } | null> {
  return findTrustedDevice(await getDb(), context.cookies.get(DEVICE_COOKIE)?.value);
}

/** After a correct password: marks this browser as the user's trusted device and sets its cookie. */
export async function rememberDevice(
  context: Context,
  userId: string,
  current: { id: string; userId: string } | null,
): Promise<void> {
  const { token, expiresAt } = await trustDevice(
    await getDb(),
    userId,
    current,
    context.cookies.get(DEVICE_COOKIE)?.value,
  );
  setDeviceCookie(context.cookies, token, expiresAt, isSecureOrigin(siteOrigin(context.url)));
}

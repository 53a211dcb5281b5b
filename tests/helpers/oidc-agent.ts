/** A cookie-keeping HTTP client that follows redirects by hand, as a browser would, across origins. */
export class BrowserLikeAgent {
  private readonly jars = new Map<string, Map<string, string>>();
  /** Every URL visited, in order. */
  readonly visited: string[] = [];

  /** The cookie header this agent would send to an origin. */
  cookieFor(url: string): string {
    const jar = this.jars.get(new URL(url).host) ?? new Map<string, string>();
    return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keep(url: string, response: Response): void {
    const host = new URL(url).host;
    const jar = this.jars.get(host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const isExpired = attributes.some((a) =>
        /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()),
      );
      if (!value || isExpired) jar.delete(name);
      else jar.set(name, value);
    }
    this.jars.set(host, jar);
  }

  /** One request without following redirects. */
  async request(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<Response> {
    this.visited.push(url);
    const origin = new URL(url).origin;
    const response = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: {
        cookie: this.cookieFor(url),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded', origin } : {}),
      },
      ...(init.form ? { body: new URLSearchParams(init.form) } : {}),
    });
    this.keep(url, response);
    return response;
  }

  /** Requests and follows redirects until a page answers; returns its URL and response. */
  async follow(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
    until: (next: string) => boolean = () => false,
  ): Promise<{ url: string; response: Response }> {
    let current = url;
    let response = await this.request(current, init);
    for (let hops = 0; hops < 20 && response.status >= 300 && response.status < 400; hops += 1) {
      const location = response.headers.get('location');
      if (!location) break;
      current = new URL(location, current).href;
      if (until(current)) return { url: current, response };
      await response.body?.cancel();
      response = await this.request(current);
    }
    return { url: current, response };
  }
}

/**
 * Signs in through the provider's own login and consent screens, starting at Switchyard's SSO
 * start; stops before the callback when `stopAtCallback` (to replay or tamper with it).
 */
export async function signInWithProvider(
  agent: BrowserLikeAgent,
  serverUrl: string,
  account: { login: string; password: string },
  options: { next?: string; stopAtCallback?: boolean } = {},
): Promise<{ url: string; response: Response; callbackUrl: string }> {
  const start = `${serverUrl}/auth/oidc/start${options.next ? `?next=${encodeURIComponent(options.next)}` : ''}`;
  const isCallback = (next: string): boolean => next.startsWith(`${serverUrl}/auth/oidc/callback`);
  let step = await agent.follow(start, {}, isCallback);
  for (let screens = 0; screens < 4 && !isCallback(step.url); screens += 1) {
    const html = await step.response.text();
    if (!step.url.includes('/interaction/')) {
      return {
        ...step,
        response: new Response(html, { status: step.response.status }),
        callbackUrl: '',
      };
    }
    const form = html.includes('name="login"')
      ? { login: account.login, password: account.password }
      : { consent: 'yes' };
    step = await agent.follow(step.url, { form }, isCallback);
  }
  const callbackUrl = step.url;
  if (options.stopAtCallback) return { ...step, callbackUrl };
  const done = await agent.follow(callbackUrl);
  return { ...done, callbackUrl };
}

// Full-text search over every lesson with Pagefind, loaded from our own origin on first use.
// Without JavaScript the form's server-side search still works.

interface PagefindResult {
  data: () => Promise<{ url: string; excerpt: string; meta: { title?: string } }>;
}
interface Pagefind {
  search: (query: string) => Promise<{ results: PagefindResult[] }>;
}

const input = document.querySelector<HTMLInputElement>('[data-pagefind-input]');
const output = document.querySelector<HTMLElement>('#search-results');
let pagefind: Promise<Pagefind> | undefined;
let timer: number | undefined;

async function runSearch(query: string): Promise<void> {
  if (!output) return;
  if (query.trim().length < 2) {
    output.replaceChildren();
    return;
  }
  pagefind ??= import(
    /* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`
  ) as Promise<Pagefind>;
  const engine = await pagefind;
  const { results } = await engine.search(query);
  const top = await Promise.all(results.slice(0, 8).map((result) => result.data()));
  const heading = document.createElement('h2');
  heading.textContent = top.length ? `Lessons matching “${query}”` : `No lesson matches “${query}”`;
  const list = document.createElement('ul');
  list.className = 'search-hits';
  for (const hit of top) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = hit.url;
    link.textContent = hit.meta.title ?? hit.url;
    const excerpt = document.createElement('p');
    excerpt.innerHTML = hit.excerpt;
    item.append(link, excerpt);
    list.append(item);
  }
  output.replaceChildren(heading, list);
}

input?.addEventListener('input', () => {
  window.clearTimeout(timer);
  timer = window.setTimeout(() => void runSearch(input.value).catch(() => undefined), 200);
});

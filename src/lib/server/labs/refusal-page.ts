const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * A small page explaining why a lab answer sent without JavaScript could not be checked, with a
 * link back to the lab (the browser's Back button also keeps the query that was typed).
 */
export function refusalPage(status: number, message: string, backHref: string): Response {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Your query could not be checked · Switchyard</title></head>
<body>
<main>
<h1>Your query could not be checked</h1>
<p>${escapeHtml(message)}</p>
<p><a href="${escapeHtml(backHref)}">Back to the lab</a> (or use your browser's Back button to keep your query and fix it).</p>
</main>
</body>
</html>
`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

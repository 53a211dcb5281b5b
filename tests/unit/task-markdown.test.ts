import { describe, expect, test } from 'vitest';
import { renderTaskMarkdown } from '../../src/lib/content/task-markdown.ts';

describe('renderTaskMarkdown', () => {
  test.each([
    [
      'Return `feeder` and **peak_mw**.',
      '<p>Return <code>feeder</code> and <strong>peak_mw</strong>.</p>',
    ],
    ['- one\n- two', '<ul><li>one</li><li>two</li></ul>'],
    ['1. first\n2. second', '<ol><li>first</li><li>second</li></ol>'],
    [
      '| column | meaning |\n| --- | --- |\n| `mw` | active power |',
      '<table><thead><tr><th scope="col">column</th><th scope="col">meaning</th></tr></thead><tbody><tr><td><code>mw</code></td><td>active power</td></tr></tbody></table>',
    ],
    ['Order by *feeder*.', '<p>Order by <em>feeder</em>.</p>'],
  ])('renders %j', (markdown, html) => {
    expect(renderTaskMarkdown(markdown)).toBe(html);
  });

  test('escapes HTML so authored text cannot inject markup', () => {
    expect(renderTaskMarkdown('<script>alert(1)</script> a < b')).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; a &lt; b</p>',
    );
  });

  test('separates paragraphs on blank lines', () => {
    expect(renderTaskMarkdown('One.\n\nTwo\nlines.')).toBe('<p>One.</p>\n<p>Two lines.</p>');
  });
});

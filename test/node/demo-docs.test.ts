// The reference server serves the README and docs/*.md at /docs, rendered: what a reader of `npm start` sees.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, type RunningDemo } from '../../demo/server/demo.js';
import { anchor, renderMarkdown } from '../../demo/server/routes/docs.js';
import { call } from './helpers/demo-http.js';

let demo: RunningDemo;
before(async () => { demo = await startDemo({ port: 0, dbPath: ':memory:' }); });
after(async () => { await demo?.close(); });

describe('GET /docs', () => {
  it('serves the README with links to the other pages, rewritten to /docs/<page>', async () => {
    const { status, text, headers } = await call(demo.url, 'GET', '/docs');
    assert.equal(status, 200);
    assert.match(headers.get('content-type')!, /^text\/html/);
    assert.match(text, /<h1 id="stripe-save-card">stripe-save-card<\/h1>/);
    assert.match(text, /<a href="\/docs\/element#server-rendering-nextjs-remix-react-rendertostring">Server rendering<\/a>/);
    assert.match(text, /<pre><code>import \{ StripeSaveCard \} from &#39;stripe-save-card\/react&#39;;/);
  });

  it('renders a page\'s generated API table, with the anchors GitHub gives its headings', async () => {
    const { status, text } = await call(demo.url, 'GET', '/docs/element');
    assert.equal(status, 200);
    assert.match(text, /<h2 id="attributes-and-properties">/);
    assert.match(text, /<tr><td><code>mode<\/code><\/td><td><code>mode<\/code><\/td><td><code>&#39;payment&#39; \| &#39;setup&#39;<\/code><\/td>/);
    assert.match(text, /<h2 id="server-rendering-nextjs-remix-react-rendertostring">/);
  });

  it('answers 404 naming the pages it has for anything else, a path outside docs/ included', async () => {
    for (const path of ['/docs/nope', '/docs/..%2Fpackage', '/docs/README']) {
      const { status, data } = await call(demo.url, 'GET', path);
      assert.equal(status, 404, path);
      assert.match(data.error.message, /^page: expected one of readme, backend, development, element, emulator, fidelity, payment, reference-server, got "/);
    }
  });
});

describe('the Markdown rendering', () => {
  it('escapes HTML in text and code, and keeps only local or http(s) links', () => {
    const html = renderMarkdown('A <script>x</script> [bad](javascript:alert(1)) and [ok](docs/backend.md#a)\n\n```\n<b>\n```');
    assert.ok(!html.includes('<script>'));
    assert.ok(!html.includes('javascript:'));
    assert.match(html, /<a href="\/docs\/backend#a">ok<\/a>/);
    assert.match(html, /<pre><code>&lt;b&gt;<\/code><\/pre>/);
  });

  it('spells anchors the way GitHub does', () => {
    assert.equal(anchor('Server rendering (Next.js, Remix, React `renderToString`)'), 'server-rendering-nextjs-remix-react-rendertostring');
    assert.equal(anchor('The element: `<stripe-save-card>`'), 'the-element-stripe-save-card');
  });
});

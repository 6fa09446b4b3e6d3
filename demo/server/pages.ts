// Server-rendered pages that are not the demo itself (Checkout success, payment recovery) share one small layout.
import { escapeHtml } from './http.js';

export function page(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · stripe-save-card demo</title>
<link rel="stylesheet" href="/style.css">
${head}
</head>
<body class="plain">
<header class="topbar"><a href="/" class="logo">&lt;stripe-save-card&gt;</a><span class="muted">reference server</span></header>
<main class="narrow">
${body}
</main>
</body>
</html>`;
}

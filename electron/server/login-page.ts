// Shown to a browser that has no session yet: asks for the token `moat serve` printed.
export function loginPage(message?: string): string {
  const note = message ? `<p class="err">${escapeHtml(message)}</p>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Moat — sign in</title>
<style>body{font-family:system-ui,sans-serif;background:#0f172a;color:#e2e8f0;display:grid;place-items:center;height:100vh;margin:0}
form{background:#1e293b;padding:2rem;border-radius:8px;min-width:22rem}input{width:100%;padding:.5rem;margin:.5rem 0 1rem;box-sizing:border-box}
button{padding:.5rem 1rem}.err{color:#fca5a5}</style></head><body>
<form method="post" action="/login"><h1>Moat console</h1>${note}
<label for="token">Access token (printed by <code>moat serve</code>)</label>
<input id="token" name="token" type="password" autocomplete="off" autofocus>
<button type="submit">Sign in</button></form></body></html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Prediction events for the demo credit model (v2's schema), from its committed reference data.
import { readFileSync } from 'node:fs';

export function creditFeatures(): Record<string, string | number> {
  const [header, first] = readFileSync('scripts/demo/output/credit-default-risk/v2/reference.csv', 'utf8').split('\n');
  const columns = (header ?? '').split(',');
  const values = (first ?? '').split(',');
  return Object.fromEntries(columns.slice(0, -1).map((c, i) => [c, Number.isNaN(Number(values[i])) ? (values[i] ?? '') : Number(values[i])]));
}

export async function postEvents(url: string, key: string, events: object[]) {
  const res = await fetch(`${url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
  const body = (await res.json()) as { accepted?: number };
  if (!res.ok || body.accepted !== events.length) throw new Error(`ingestion ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
}

/** Resolves with the page's clock once the deployment page's event count reaches `expected`. A string, not a function: tsx would wrap a function's inner arrows in its __name helper. */
export const waitForCount = (expected: number) => `new Promise((resolve) => {
  const check = () => {
    const el = document.querySelector('[data-testid="stat-events"]');
    if (el && Number((el.textContent || '').replace(/\\D/g, '')) >= ${expected}) { resolve(Date.now()); return true; }
    return false;
  };
  if (check()) return;
  const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
})`;

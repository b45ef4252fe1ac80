/**
 * The receipt page as the timeline opens it: `receiptDetailsHtml` with its long values — hashes,
 * signatures, key ids, receipt and session ids — cut to one short line that shows the whole value
 * on hover, and copies it (and unfolds it) on a click or Enter. Pure functions; no VS Code API.
 */
import type { ReceiptView } from '../../daemon/src/protocol/index.js';
import { receiptDetailsHtml } from './present.js';

/**
 * A value a human compares or copies rather than reads: hex of 16+ digits (hashes, Merkle roots),
 * base64url of 40+ characters (signatures, ids with a UUID), either behind a `scheme:` (key ids
 * such as `ed25519:…`). Whole tokens only.
 */
const LONG_VALUE =
  /(?<![A-Za-z0-9_:-])(?:[a-z0-9]+:)?(?:[0-9a-f]{16,}|[A-Za-z0-9_-]{40,})(?![A-Za-z0-9_:-])/g;
/** What a copy request from the page may hold: one such value. */
const COPYABLE = /^[A-Za-z0-9_:-]{1,512}$/;

/**
 * Wraps each long value in the table cells of already-escaped HTML in a copyable span. Text in
 * `<pre>` (the JSON of the record, which wraps anyway) and outside cells is left as it is.
 */
export function markLongValues(html: string): string {
  let inCell = 0;
  let inPre = 0;
  return html
    .split(/(<[^>]*>)/)
    .map((part) => {
      if (part.startsWith('<')) {
        const tag = /^<(\/?)(td|pre)\b/i.exec(part);
        if (tag) {
          const step = tag[1] ? -1 : 1;
          if (tag[2]!.toLowerCase() === 'td') inCell = Math.max(0, inCell + step);
          else inPre = Math.max(0, inPre + step);
        }
        return part;
      }
      if (inCell === 0 || inPre > 0) return part;
      // The value holds only [A-Za-z0-9_:-]: safe as it is in an attribute and as text.
      return part.replace(
        LONG_VALUE,
        (value) =>
          `<span class="long-value" role="button" tabindex="0" title="${value} (click to copy)" aria-label="${value}, click to copy" data-copy="${value}">${value}</span>`,
      );
    })
    .join('');
}

/** A copy request the page's script may send: the value, when it is one the page could show. */
export function copyRequest(message: unknown): string | undefined {
  const copy = (message as { copy?: unknown } | null)?.copy;
  return typeof copy === 'string' && COPYABLE.test(copy) ? copy : undefined;
}

const STYLE = `<style>
h1 { overflow-wrap: anywhere; } td { overflow-wrap: anywhere; }
.long-value { display: inline-block; max-width: 26ch; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; vertical-align: bottom; cursor: copy; font-family: var(--vscode-editor-font-family); border-bottom: 1px dotted var(--vscode-descriptionForeground); }
.long-value.open { max-width: none; white-space: normal; word-break: break-all; display: inline; }
.long-value:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
#copied { color: var(--vscode-descriptionForeground); min-height: 1.4em; margin: 0; }
</style>`;

/** The page body: the receipt's details, long values marked, and a line that says what was copied. */
export function receiptPageHtml(view: ReceiptView): string {
  return `${STYLE}${markLongValues(receiptDetailsHtml(view))}<p id="copied" role="status"></p>`;
}

/** Clicking (or Enter/Space on) a long value unfolds it and asks the extension to copy it. */
export const RECEIPT_PAGE_SCRIPT = `
const vscode = acquireVsCodeApi();
for (const value of document.querySelectorAll('.long-value')) {
  const copy = () => { value.classList.add('open'); vscode.postMessage({ copy: value.dataset.copy }); };
  value.addEventListener('click', copy);
  value.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); copy(); }
  });
}
window.addEventListener('message', (event) => {
  if (event.data && typeof event.data.copied === 'string')
    document.getElementById('copied').textContent = event.data.copied;
});`;

/**
 * Pictures of a terminal program for the e2e screenshots: a tmux pane's text with its colours
 * (`tmux capture-pane -e -p`) drawn as HTML in the same headless Chromium the editor tests use.
 */
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENSHOTS } from './harness.js';

const CHROMIUM = process.env.AARM_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** The 16 colours of a dark terminal theme (VS Code's integrated terminal defaults). */
const PALETTE = [
  '#000000',
  '#cd3131',
  '#0dbc79',
  '#e5e510',
  '#2472c8',
  '#bc3fbc',
  '#11a8cd',
  '#e5e5e5',
  '#666666',
  '#f14c4c',
  '#23d18b',
  '#f5f543',
  '#3b8eea',
  '#d670d6',
  '#29b8db',
  '#ffffff',
];

function color256(n: number): string {
  if (n < 16) return PALETTE[n]!;
  if (n >= 232) {
    const level = 8 + (n - 232) * 10;
    return `rgb(${level},${level},${level})`;
  }
  const i = n - 16;
  const step = (v: number) => (v === 0 ? 0 : 55 + v * 40);
  return `rgb(${step(Math.floor(i / 36))},${step(Math.floor(i / 6) % 6)},${step(i % 6)})`;
}

interface Style {
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  underline?: boolean;
  inverse?: boolean;
}

/** Applies one SGR sequence's parameters to the current style. */
function applySgr(style: Style, params: number[]): Style {
  let next = { ...style };
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    if (p === 0) next = {};
    else if (p === 1) next.bold = true;
    else if (p === 2) next.dim = true;
    else if (p === 4) next.underline = true;
    else if (p === 7) next.inverse = true;
    else if (p === 22) next.bold = next.dim = false;
    else if (p === 24) next.underline = false;
    else if (p === 27) next.inverse = false;
    else if (p >= 30 && p <= 37) next.fg = PALETTE[p - 30]!;
    else if (p >= 90 && p <= 97) next.fg = PALETTE[p - 90 + 8]!;
    else if (p >= 40 && p <= 47) next.bg = PALETTE[p - 40]!;
    else if (p >= 100 && p <= 107) next.bg = PALETTE[p - 100 + 8]!;
    else if (p === 39) delete next.fg;
    else if (p === 49) delete next.bg;
    else if ((p === 38 || p === 48) && params[i + 1] === 5) {
      next[p === 38 ? 'fg' : 'bg'] = color256(params[i + 2] ?? 0);
      i += 2;
    } else if ((p === 38 || p === 48) && params[i + 1] === 2) {
      next[p === 38 ? 'fg' : 'bg'] = `rgb(${params[i + 2] ?? 0},${params[i + 3] ?? 0},${params[i + 4] ?? 0})`;
      i += 4;
    }
  }
  return next;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A captured pane (text with SGR escapes) as HTML spans. */
export function ansiToHtml(captured: string): string {
  let style: Style = {};
  let html = '';
  for (const part of captured.split(/(\x1b\[[0-9;]*m)/)) {
    const sgr = /^\x1b\[([0-9;]*)m$/.exec(part);
    if (sgr) {
      style = applySgr(
        style,
        (sgr[1] || '0').split(';').map((n) => Number(n || 0)),
      );
      continue;
    }
    const text = part.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    if (text === '') continue;
    const fg = style.inverse ? (style.bg ?? '#1e1e1e') : style.fg;
    const bg = style.inverse ? (style.fg ?? '#cccccc') : style.bg;
    const css = [
      fg ? `color:${fg}` : '',
      bg ? `background:${bg}` : '',
      style.bold ? 'font-weight:bold' : '',
      style.dim ? 'opacity:0.6' : '',
      style.underline ? 'text-decoration:underline' : '',
    ]
      .filter(Boolean)
      .join(';');
    html += css ? `<span style="${css}">${escapeHtml(text)}</span>` : escapeHtml(text);
  }
  return html;
}

/** Saves test/e2e/screenshots/NAME.png: the captured pane drawn as a terminal would. */
export async function terminalScreenshot(captured: string, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 600 } });
    await page.setContent(
      `<html><body style="margin:0;background:#1e1e1e;color:#cccccc">` +
        `<pre style="margin:0;padding:12px;font:14px/1.25 'DejaVu Sans Mono',monospace">` +
        `${ansiToHtml(captured)}</pre></body></html>`,
    );
    await page.screenshot({ path, fullPage: true });
  } finally {
    await browser.close();
  }
  return path;
}

/** Small display helpers (every user text is rendered by Preact as text, never as HTML). */
export function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

export function thousands(n: number): string {
  return n.toLocaleString('en-GB');
}

export function clock(ms: number | null): string {
  if (ms === null) return '';
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A readable default colour for a code without one (stable by id). */
export function codeColour(color: string | null | undefined, id: string): string {
  if (color && /^#[0-9a-f]{6}$/i.test(color)) return color;
  const palette = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return palette[h % palette.length];
}

// How the benchmark prints its figures.
export const mb = (bytes) => Math.round(bytes / 1024 / 1024);
export const fixed = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
export const seconds = (ms) => `${fixed(ms / 1000, 2)} s`;

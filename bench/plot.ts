// A small SVG line chart: preview seconds against N (log scale), one line per program.

export interface Series {
  label: string;
  color: string;
  points: { n: number; seconds: number }[];
}

const W = 640;
const H = 360;
const PAD = { left: 60, right: 150, top: 30, bottom: 50 };

export function previewPlot(title: string, series: Series[]): string {
  const all = series.flatMap((s) => s.points);
  const ns = [...new Set(all.map((p) => p.n))].sort((a, b) => a - b);
  const maxY = Math.max(...all.map((p) => p.seconds)) * 1.1;
  const logMin = Math.log10(ns[0] ?? 1);
  const logSpan = Math.max(Math.log10(ns.at(-1) ?? 1) - logMin, 1);
  const x = (n: number) => PAD.left + ((Math.log10(n) - logMin) / logSpan) * (W - PAD.left - PAD.right);
  const y = (s: number) => H - PAD.bottom - (s / maxY) * (H - PAD.top - PAD.bottom);
  const yTicks = Array.from({ length: 5 }, (_, i) => (maxY / 4) * i);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2 - 60}" y="18" font-size="14">${title}</text>`,
    ...yTicks.map(
      (t) =>
        `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/>` +
        `<text x="${PAD.left - 8}" y="${y(t) + 4}" text-anchor="end">${t.toFixed(1)}</text>`,
    ),
    ...ns.map((n) => `<text x="${x(n)}" y="${H - PAD.bottom + 18}" text-anchor="middle">${n}</text>`),
    `<text x="${(W - PAD.right + PAD.left) / 2}" y="${H - 12}" text-anchor="middle">subscriptions in the program (N, log scale)</text>`,
    `<text transform="translate(16 ${H / 2}) rotate(-90)" text-anchor="middle">pulumi preview, seconds (median)</text>`,
    ...series.map((s, i) => {
      const path = s.points.map((p) => `${x(p.n)},${y(p.seconds)}`).join(" ");
      const dots = s.points.map(
        (p) => `<circle cx="${x(p.n)}" cy="${y(p.seconds)}" r="3" fill="${s.color}"/>`,
      );
      const legendY = PAD.top + 20 + i * 20;
      return [
        `<polyline points="${path}" fill="none" stroke="${s.color}" stroke-width="2"/>`,
        ...dots,
        `<line x1="${W - PAD.right + 15}" x2="${W - PAD.right + 35}" y1="${legendY}" y2="${legendY}" stroke="${s.color}" stroke-width="2"/>`,
        `<text x="${W - PAD.right + 40}" y="${legendY + 4}">${s.label}</text>`,
      ].join("");
    }),
    "</svg>",
  ];
  return parts.join("\n");
}

/** The comparison page's additions to the report stylesheet (`REPORT_STYLES`). */
export const COMPARISON_STYLES = `
.verdict{font-size:1.2rem;font-weight:650;margin:6px 0 8px;padding:6px 12px;border-left:4px solid var(--muted);background:#fff}
.verdict-better{border-color:var(--good)}.verdict-worse{border-color:var(--bad)}
.chart{display:block;max-width:100%;height:auto;font-size:11px;font-family:inherit}
.chart text{fill:var(--fg)}.chart .axis{stroke:#8c959f;stroke-width:1}.chart .zero{stroke:#1b1f24;stroke-width:1}
.chart .grid{stroke:#d0d7de;stroke-dasharray:3 3}
.chart .gain{fill:var(--good)}.chart .loss{fill:var(--bad)}.chart .same{fill:#8c959f}
.chart .whisker{stroke:#1b1f24;stroke-width:1.2}
.chart circle{fill-opacity:.7}
.cmp-key{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:.85rem;color:var(--muted);margin:4px 0 10px}
.cmp-key i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;vertical-align:-1px}
.cmp-key .k-gain{background:var(--good)}.cmp-key .k-loss{background:var(--bad)}.cmp-key .k-same{background:#8c959f}
.image-lists{display:flex;gap:32px;flex-wrap:wrap}.image-lists>*{min-width:0}
.lead .cls{overflow-wrap:anywhere}
`;

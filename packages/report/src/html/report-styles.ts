/**
 * The report's stylesheet (inlined in the page): system fonts only, colours with at least 4.5:1
 * contrast for text, tables with sticky headers in scroll boxes at many classes, a print layout that
 * expands every scroll box and hides the controls.
 */
export const REPORT_STYLES = `
:root{--fg:#1b1f24;--muted:#57606a;--border:#d0d7de;--alt:#f6f8fa;--accent:#0b57a4;--good:#116329;--bad:#b3261e;--shade:#e7f0fa;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans",sans-serif;font-size:15px;line-height:1.45;color:var(--fg);background:#fff}
*{box-sizing:border-box}
body{margin:0}
.wrap{max-width:1320px;margin:0 auto;padding:0 24px}
a{color:var(--accent)}
.mono,code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.9em}
.muted{color:var(--muted)}
.note{color:var(--muted);font-size:.9rem;margin:.4rem 0}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:10}
.page-head{background:var(--alt);border-bottom:1px solid var(--border);padding:18px 0 10px}
h1{font-size:1.6rem;margin:0 0 4px}
h2{font-size:1.3rem;margin:0 0 .6rem;padding-top:.4rem}
h3{font-size:1.05rem;margin:1.2rem 0 .5rem}
.lead{margin:0 0 10px;font-size:1.05rem}
.partial{margin:0 0 10px;padding:8px 12px;border:2px solid #b45309;border-radius:6px;background:#fffbeb;color:#78350f}
.settings{display:grid;grid-template-columns:repeat(auto-fill,minmax(290px,1fr));gap:2px 24px;margin:0;font-size:.88rem}
.settings div{display:flex;gap:8px;padding:2px 0;border-bottom:1px dotted var(--border)}
.settings dt{color:var(--muted);min-width:9.5em;flex:none}.settings dd{margin:0;overflow-wrap:anywhere}
details.inline{display:inline}details.inline summary{cursor:pointer;color:var(--accent)}
.toc{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--border)}
.toc ul{list-style:none;margin:0;padding:6px 0;display:flex;flex-wrap:wrap;gap:4px 18px;font-size:.92rem}
.toc a{text-decoration:none}.toc a:hover,.toc a:focus-visible{text-decoration:underline}
.toc .save{margin-left:auto}
section{padding:18px 0 10px;border-bottom:1px solid var(--border);scroll-margin-top:40px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(165px,1fr));gap:12px}
.card{border:1px solid var(--border);border-radius:8px;padding:10px 14px;display:flex;flex-direction:column;background:#fff}
.card-main{border-color:var(--accent);box-shadow:0 0 0 1px var(--accent) inset}
.card-label{font-weight:600;color:var(--muted)}
.card-number{font-size:2rem;font-weight:650;font-variant-numeric:tabular-nums;line-height:1.15}
.card-main .card-number{color:var(--accent)}
.unit{font-size:1rem;margin-left:2px;color:var(--muted)}
.card-ci{font-size:.85rem;font-variant-numeric:tabular-nums}
.card-caption{font-size:.8rem;color:var(--muted)}
.kv{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:2px 18px;font-variant-numeric:tabular-nums}
.kv div{display:flex;justify-content:space-between;border-bottom:1px dotted var(--border)}.kv dt{color:var(--muted)}.kv dd{margin:0}
details>summary{cursor:pointer}
.all-summary{margin-top:10px}
.table-tools{display:flex;align-items:center;gap:8px;margin-bottom:6px;flex-wrap:wrap}
input[type=search]{font:inherit;padding:3px 8px;border:1px solid #8c959f;border-radius:6px;min-width:14em}
.table-scroll{overflow:auto;max-width:100%}
.table-scroll.tall{max-height:78vh;width:fit-content;border:1px solid var(--border);border-radius:6px}
table.data{border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:.9rem}
table.data caption{text-align:left;color:var(--muted);font-size:.85rem;padding:4px 0;caption-side:top}
table.data th,table.data td{padding:3px 12px;border-bottom:1px solid var(--border);text-align:left;white-space:nowrap}
table.data thead th{position:sticky;top:0;background:var(--alt);z-index:1;vertical-align:bottom}
table.data tbody th{font-weight:500}
table.data .num{text-align:right}
table.data tbody tr:hover{background:#f3f6f9}
table.compact th,table.compact td{padding:1px 5px;font-size:.8rem}
td.good{color:var(--good);font-weight:600}td.bad{color:var(--bad);font-weight:600}
tr.absent td,tr.absent th{color:var(--muted)}
button.sort{font:inherit;font-weight:600;color:inherit;background:none;border:0;padding:0;cursor:pointer;display:inline-flex;gap:3px;align-items:center}
th.num button.sort{flex-direction:row-reverse}
button.sort .arrow::after{content:"↕";color:#8c959f;font-size:.85em}
th[aria-sort=ascending] button.sort .arrow::after{content:"▲";color:var(--accent)}
th[aria-sort=descending] button.sort .arrow::after{content:"▼";color:var(--accent)}
button:focus-visible,input:focus-visible,canvas:focus-visible,a:focus-visible,summary:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.sw{display:inline-block;width:.85em;height:.85em;border-radius:2px;margin-right:6px;vertical-align:-1px;box-shadow:inset 0 0 0 1px rgba(0,0,0,.3);flex:none}
.cls,.img-id,.bar-name{unicode-bidi:isolate}
.cls{overflow-wrap:anywhere;min-width:0}
table.data .cls{display:inline-block;white-space:normal;max-width:24em;vertical-align:top}
table.compact .cls{max-width:10em}
.chip{display:inline-flex;align-items:center;max-width:100%;margin-right:10px}
.badge{display:inline-block;font-size:.75rem;line-height:1.3;padding:0 6px;border-radius:9px;border:1px solid;white-space:nowrap}
.badge-absent{background:#eaeef2;color:#32383f;border-color:#afb8c1}
.badge-predonly{background:#fff1c2;color:#5c3b00;border-color:#d4a72c}
.badge-excluded{background:#ddf4ff;color:#0a3069;border-color:#54aeff}
.toggle{font:inherit;font-size:.85rem;border:1px solid #8c959f;background:#fff;border-radius:6px;padding:1px 8px;cursor:pointer}
.toggle[aria-pressed=true]{background:var(--accent);color:#fff;border-color:var(--accent)}
.chart-tools{display:flex;gap:6px;align-items:center;margin-bottom:8px;font-size:.9rem;flex-wrap:wrap}
.mean-key{display:inline-block;width:0;height:12px;border-left:2px dashed #1b1f24;vertical-align:-2px;margin:0 4px 0 12px}
.bars{list-style:none;margin:0;padding:0;columns:330px;column-gap:36px}
.bar-row{display:grid;grid-template-columns:minmax(6em,10em) 1fr 3.6em;align-items:center;gap:8px;break-inside:avoid;font-size:.8rem;line-height:1.25;padding:1px 0}
.bar-name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;text-align:right}
.bar-track{position:relative;height:11px;background:#eef1f4;border-radius:2px}
.bar-fill{position:absolute;left:0;top:0;bottom:0;border-radius:2px;box-shadow:inset 0 0 0 1px rgba(0,0,0,.35);min-width:1px}
.bar-mean{position:absolute;top:-2px;bottom:-2px;border-left:2px dashed #1b1f24;opacity:.75}
.bar-val{text-align:right;font-variant-numeric:tabular-nums}
table.libraries td.same{background:var(--shade)}.same-key{background:var(--shade);padding:0 4px}
table.libraries td.why{white-space:normal;min-width:22em;color:#32383f;font-size:.85rem}
table.libraries tr.own{background:var(--alt);font-weight:600}
.cm-figure{margin:0;position:relative}
.cm-figure figcaption{margin-bottom:6px}
.cm-tools{display:flex;gap:6px;align-items:center;margin:6px 0}
.cm-tools button,.dialog-head button{font:inherit;min-width:2.2em;border:1px solid #8c959f;background:#fff;border-radius:6px;padding:1px 8px;cursor:pointer}
.cm-scroll{overflow:auto;max-height:88vh;width:fit-content;max-width:100%;border:1px solid var(--border);border-radius:6px;background:#fff}
#cm-canvas{display:block}
.cm-tip{position:fixed;z-index:20;pointer-events:none;background:#1b1f24;color:#fff;padding:4px 8px;border-radius:4px;font-size:.82rem;max-width:360px;overflow-wrap:anywhere;box-shadow:0 2px 8px rgba(0,0,0,.25)}
.readout{overflow-wrap:anywhere;font-size:.88rem;min-height:1.4em;margin:4px 0;font-variant-numeric:tabular-nums}
.cm-scale{position:relative;width:min(420px,100%);margin:8px 0 2px;height:34px}
.cm-scale-bar{display:block;height:12px;border:1px solid var(--border)}
.cm-ticks{position:relative;display:block;height:18px;font-size:.75rem;color:var(--muted)}
.cm-ticks .tick{position:absolute;top:2px;transform:translateX(-50%)}
.cm-ticks .tick::before{content:"";position:absolute;left:50%;top:-4px;height:4px;border-left:1px solid var(--muted)}
.overlay-tools{display:flex;flex-wrap:wrap;align-items:center;gap:4px 14px;font-size:.9rem;margin:6px 0}
.overlay-tools label{display:inline-flex;align-items:center;gap:4px}
.gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(430px,1fr));gap:14px;margin-top:10px;align-items:start}
.gallery.no-pictures{grid-template-columns:repeat(auto-fill,minmax(300px,1fr))}
.img-card{border:1px solid var(--border);border-radius:8px;padding:10px 12px;break-inside:avoid;min-width:0}
.img-card h3{margin:0 0 2px;font-size:.95rem;display:flex;gap:8px;align-items:baseline;min-width:0}
.img-id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-weight:500;overflow-wrap:anywhere}
.rank{color:var(--muted)}
.img-stats{margin:0 0 6px;font-size:.85rem}.img-miou{color:var(--bad)}
.thumbs{display:grid;grid-template-columns:repeat(3,1fr);gap:6px}
.thumb{margin:0;min-width:0}.thumb figcaption{font-size:.75rem;color:var(--muted);text-align:center}
.thumb-btn{display:block;width:100%;padding:0;border:1px solid var(--border);background:#fff;cursor:zoom-in;border-radius:3px}
.stack{position:relative;display:block}
.pic,.pic-overlay{display:block;width:100%;height:auto;image-rendering:pixelated}
.pic-overlay{position:absolute;inset:0;height:100%}
.hurt{font-size:.82rem;margin-top:6px}
.hurt ol{display:inline;list-style:none;margin:0;padding:0}.hurt li{display:inline-flex;align-items:center;margin-left:10px;max-width:calc(100% - 10px)}
.hurt .num{margin-left:4px;font-variant-numeric:tabular-nums;flex:none}
.key{display:inline-block;width:.85em;height:.85em;vertical-align:-1px;box-shadow:inset 0 0 0 1px rgba(0,0,0,.3)}
dialog#img-dialog{width:min(1200px,96vw);max-height:96vh;border:1px solid var(--border);border-radius:10px;padding:0}
dialog::backdrop{background:rgba(0,0,0,.55)}
.dialog-head{display:flex;gap:8px;align-items:center;padding:8px 14px;border-bottom:1px solid var(--border);position:sticky;top:0;background:#fff}
.dialog-head h3{margin:0;flex:1;font-size:1rem;overflow-wrap:anywhere}
.dialog-body{padding:8px 14px 14px}
.stage{display:flex;justify-content:center;margin:6px 0}
.stage-inner{position:relative;width:min(100%,calc(60vh * var(--aspect,2)));cursor:crosshair;background:#fff}
.stage img{display:block;width:100%;height:auto;image-rendering:pixelated}
.stage .stage-overlay{position:absolute;left:0;top:0;height:100%}
.dialog-views{display:grid;grid-template-columns:repeat(3,minmax(0,200px));justify-content:center;gap:10px}
.dialog-views figure{margin:0;cursor:pointer}.dialog-views img{width:100%;height:auto;image-rendering:pixelated;border:1px solid var(--border)}
.dialog-views figcaption{font-size:.8rem;color:var(--muted);text-align:center}
.legend{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:2px 16px;font-size:.85rem}
.legend li{display:flex;align-items:center;min-width:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.legend .sw{width:1.1em;height:1.1em}
.legend .cls{overflow:hidden;text-overflow:ellipsis;overflow-wrap:normal}
.legend-id{color:var(--muted);font-variant-numeric:tabular-nums;min-width:2.2em;text-align:right;margin-right:6px}
.legend-special{margin-top:10px}
footer{padding:16px 0 40px;font-size:.85rem;color:var(--muted)}
@media (max-width:700px){.gallery{grid-template-columns:1fr}.wrap{padding:0 12px}}
@media print{
:root{font-size:11px}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.toc,.table-tools,.chart-tools,.cm-tools,.overlay-tools,.cm-tip,#cm-readout,dialog,.skip,.save{display:none!important}
.table-scroll,.table-scroll.tall,.cm-scroll{max-height:none;overflow:visible;border:0}
table.data thead th{position:static}
#cm-canvas{max-width:100%;height:auto!important;width:auto!important}
section{break-inside:auto;border:0}
h2,h3{break-after:avoid}
.img-card,tr,.bar-row,.card{break-inside:avoid}
.gallery{grid-template-columns:repeat(2,1fr)}
}
`;

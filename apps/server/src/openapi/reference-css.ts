/** The stylesheet of GET /api/docs (the CSP forbids inline styles, so it is linked from /api/docs/reference.css). */
export const REFERENCE_CSS = `:root { color-scheme: light dark; --fg: #1d2430; --muted: #5b6576; --line: #d9dee7; --bg: #ffffff; --panel: #f5f7fa; --accent: #0b5cad; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e9ef; --muted: #9aa4b5; --line: #2e3542; --bg: #14181f; --panel: #1b2029; --accent: #6aa9ff; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); display: grid; grid-template-columns: 20rem 1fr; }
.top { grid-column: 1 / -1; padding: 1.25rem 2rem; border-bottom: 1px solid var(--line); }
.top h1 { margin: 0 0 .25rem; font-size: 1.6rem; }
.version { font-size: .9rem; color: var(--muted); font-weight: normal; }
.toc { padding: 1rem; border-right: 1px solid var(--line); position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto; font-size: .85rem; }
.toc ul { list-style: none; margin: 0; padding-left: .75rem; }
.toc > ul { padding-left: 0; }
.toc li { margin: .2rem 0; }
main { padding: 1rem 2rem 4rem; min-width: 0; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
h2 { margin-top: 2.5rem; padding-bottom: .3rem; border-bottom: 2px solid var(--line); }
h4 { margin: 1rem 0 .4rem; font-size: .9rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
.operation, .schema { margin: 1.25rem 0; padding: 1rem 1.25rem; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; }
.operation h3, .schema h3 { margin: 0 0 .4rem; font-size: 1.05rem; word-break: break-all; }
.method { display: inline-block; min-width: 4.2rem; padding: .1rem .4rem; margin-right: .3rem; border-radius: 4px; font: 600 .75rem/1.4 ui-monospace, monospace; text-align: center; color: #fff; background: #6b7280; }
.m-get { background: #2563eb; } .m-post { background: #15803d; } .m-put { background: #b45309; } .m-patch { background: #7c3aed; } .m-delete { background: #b91c1c; }
.toc .method { min-width: 3.4rem; font-size: .65rem; }
.summary { margin: .2rem 0; font-weight: 600; }
.description, .constraints, .format { color: var(--muted); }
.access { margin: .4rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
.responses { display: grid; grid-template-columns: 4rem 1fr; gap: .3rem 1rem; margin: 0; }
.responses dt { font: 600 .9rem ui-monospace, monospace; }
.responses dd { margin: 0; }
.responses dd p { margin: 0 0 .3rem; }
.s2xx { color: #15803d; } .s4xx { color: #b45309; } .s5xx { color: #b91c1c; }
.media-type { margin: .3rem 0 .2rem; color: var(--muted); }
.properties { list-style: none; margin: .2rem 0 .2rem .25rem; padding-left: .9rem; border-left: 2px solid var(--line); }
.properties li { margin: .25rem 0; }
.properties li > .schema-body { display: inline; }
.prop { font-weight: 600; }
.required { font-size: .72rem; color: #b91c1c; text-transform: uppercase; letter-spacing: .03em; }
dl dt { margin-top: .5rem; }
@media (max-width: 900px) { body { display: block; } .toc { position: static; max-height: none; border-right: 0; border-bottom: 1px solid var(--line); } }
`;

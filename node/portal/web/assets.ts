/**
 * The portal's one stylesheet, served from our own origin (the CSP allows no inline style). Plain
 * CSS for phones first: one column, large touch targets, visible focus, and colours with at least
 * 4.5:1 contrast against their background.
 */
export const PORTAL_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;font-size:100%;line-height:1.5;color:#1b1b1b;background:#fff}
body{margin:0}
a{color:#0a4bc2}
a:hover{color:#06337f}
:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.top :focus-visible{outline-color:#ffbf47}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.skip{position:absolute;left:-10000px;top:0}
.skip:focus{left:.5rem;top:.5rem;background:#fff;padding:.5rem;z-index:10}
.top{background:#10243e;color:#fff;padding:.75rem 1rem}
.top a{color:#fff}
.brand{margin:0 0 .5rem;font-weight:700}
.lang-switch{margin:0 0 .25rem}
.lang-switch button{background:none;border:0;padding:.5rem 0;min-height:44px;color:#fff;text-decoration:underline;font-weight:400}
.lang-switch button:hover{background:none;color:#fff}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
nav a{display:inline-block;padding:.5rem 0;min-height:44px}
nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
main{max-width:52rem;margin:0 auto;padding:1rem}
main:focus{outline:none}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
.bottom{max-width:52rem;margin:2rem auto 0;padding:1rem;border-top:1px solid #c9c9c9;color:#3b3b3b}
.cards{list-style:none;padding:0;margin:0;display:grid;gap:.75rem}
.card{border:1px solid #b9b9b9;border-radius:6px;padding:.75rem 1rem}
.card h3{margin:0 0 .25rem;font-size:1.1rem}
.card p{margin:.25rem 0;overflow-wrap:anywhere}
.card h2{margin:0 0 .25rem;font-size:1.1rem;overflow-wrap:anywhere}
.pager{margin:1rem 0}
dl.facts{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.25rem 1rem;margin:0 0 1rem}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0;overflow-wrap:anywhere}
.field{margin:0 0 1rem}
label{display:block;font-weight:600;margin-bottom:.25rem}
.optional{font-weight:400;color:#4a4a4a}
.hint{margin:0 0 .25rem;color:#4a4a4a}
input[type=text],input[type=email],input[type=date],input[type=number],input[type=tel],input[type=url],input[type=search],input[type=password],select,textarea{width:100%;max-width:34rem;font:inherit;padding:.55rem;border:2px solid #5a5a5a;border-radius:4px;background:#fff;color:#1b1b1b;min-height:44px}
.invalid input,.invalid select,.invalid textarea{border-color:#b00020}
.field-error{color:#b00020;font-weight:600;margin:0 0 .25rem}
button{font:inherit;font-weight:600;padding:.6rem 1.1rem;min-height:44px;border:2px solid #0a4bc2;border-radius:4px;background:#0a4bc2;color:#fff;cursor:pointer}
button:hover{background:#06337f;border-color:#06337f}
button.secondary{background:#fff;color:#0a4bc2}
button.danger{background:#fff;color:#b00020;border-color:#b00020}
form.inline{display:inline}
.actions{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start;margin:1rem 0}
fieldset{border:1px solid #b9b9b9;border-radius:6px;margin:1rem 0;padding:.75rem 1rem}
legend{font-weight:700;padding:0 .25rem}
.notice{border-left:6px solid;padding:.5rem 1rem;margin:0 0 1rem}
.notice h2{margin:0;font-size:1.1rem}
.notice ul{margin:.25rem 0;padding-left:1.25rem}
.notice.done{border-color:#1d6b2f;background:#eef7f0}
.notice.error{border-color:#b00020;background:#fdf0f2}
.status{display:inline-block;padding:0 .4rem;border-radius:4px;border:1px solid #5a5a5a;font-size:.9rem;white-space:nowrap}
.deadline{font-weight:700}
.timeline{list-style:none;padding:0;margin:0}
.timeline li{border-left:3px solid #b9b9b9;padding:.25rem 0 .75rem .75rem}
.timeline .meta{color:#4a4a4a;font-size:.95rem}
.timeline li.internal{border-left:6px dashed #8a5a00;background:#fff8e6}
.visibility{margin:.25rem 0}
.muted{color:#4a4a4a}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;min-width:100%}
caption{text-align:left;padding:.25rem 0}
th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #c9c9c9;white-space:nowrap}
thead th{border-bottom:2px solid #5a5a5a}
.prewrap{white-space:pre-wrap;overflow-wrap:anywhere}
.chart{margin:1rem 0}
.chart figcaption{font-weight:700}
.chart th,.chart td{padding:.3rem .4rem}
.chart th{white-space:normal}
.chart table{min-width:0}
.chart svg{display:block;width:100%;height:auto;max-width:40rem}
.legend{list-style:none;margin:.25rem 0;padding:0;display:flex;flex-wrap:wrap;gap:0 1rem}
.legend li::before{content:"";display:inline-block;width:.8em;height:.8em;margin-right:.35em;vertical-align:-.05em}
.legend .key-0::before{background:#0a4bc2}
.legend .key-1::before{background:#b35c00}
.legend .key-2::before{background:#2e7d32}
@media (min-width:40rem){.top{display:flex;align-items:center;justify-content:space-between;gap:1rem}.brand{margin:0}.cards.compare{grid-template-columns:repeat(auto-fit,minmax(18rem,1fr))}}
`;

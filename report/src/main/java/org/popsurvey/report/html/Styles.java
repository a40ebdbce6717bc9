package org.popsurvey.report.html;

/** The page's only style sheet, inline: laptop screens and print (A4 or Letter, grey-scale safe). */
final class Styles {

    static final String CSS = """
            :root { --ink: #1b1b1b; --muted: #5a5a5a; --line: #d0d0d0; --high: #1f5f99; --medium: #a86408;
                    --low: #c01f2f; --band: #f3f6fa; }
            * { box-sizing: border-box; }
            body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
                   color: var(--ink); margin: 0 auto; max-width: 1000px; padding: 24px 28px 60px; }
            h1 { font-size: 26px; margin: 0 0 4px; }
            h2 { font-size: 20px; margin: 36px 0 8px; border-bottom: 2px solid var(--ink); padding-bottom: 4px; }
            h3 { font-size: 16px; margin: 22px 0 6px; }
            p, li { max-width: 75ch; }
            .subtitle, .note { color: var(--muted); }
            nav ol { columns: 2; padding-left: 20px; }
            .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 12px; }
            .card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
            .card .label { font-size: 13px; color: var(--muted); }
            .card .figure { font-size: 22px; font-weight: 600; }
            .card .moe { font-size: 15px; font-weight: 400; color: var(--muted); }
            table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 13.5px; }
            th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
            th { background: #eee; }
            td.num, th.num, td.estimate, td.moe, td.cv, td.rank, td.range, td.count { text-align: right;
                   font-variant-numeric: tabular-nums; white-space: nowrap; }
            tr.group-even td { background: var(--band); }
            tr.gap td { border-bottom: 2px solid var(--ink); }
            .reliability-high { color: var(--high); }
            .reliability-medium { color: var(--medium); }
            .reliability-low { color: var(--low); font-weight: 600; }
            img.chart { display: block; width: 100%; height: auto; border: 1px solid var(--line); margin: 8px 0; }
            figure { margin: 0; }
            figcaption { font-size: 13px; color: var(--muted); }
            code { font-size: 13px; }
            @page { margin: 14mm; }
            @media print {
              body { max-width: none; padding: 0; font-size: 11pt; }
              nav { display: none; }
              h2 { break-after: avoid; }
              figure, .card, tr { break-inside: avoid; }
              tr.group-even td, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
              a { color: inherit; text-decoration: none; }
            }
            """;

    private Styles() {}
}

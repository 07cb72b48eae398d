// The report's downloads, built in the renderer from report.get's JSON with the same formatters
// the CLI's `cascadeflow report --format` uses (shared/core/monitoring/report-format.ts).
import type { CostReport } from '../../../../shared/core/monitoring/report.ts';
import { reportToCsv, reportToMarkdown } from '../../../../shared/core/monitoring/report-format.ts';

export type ReportFormat = 'markdown' | 'csv' | 'json';

export interface ReportFile {
  filename: string;
  mimeType: string;
  content: string;
}

export function reportFile(r: CostReport, format: ReportFormat): ReportFile {
  const stamp = new Date(r.range.to).toISOString().slice(0, 10);
  const base = `cascadeflow-report-${r.period}-${stamp}`;
  switch (format) {
    case 'markdown':
      return { filename: `${base}.md`, mimeType: 'text/markdown', content: reportToMarkdown(r) };
    case 'csv':
      return { filename: `${base}.csv`, mimeType: 'text/csv', content: reportToCsv(r) };
    case 'json':
      return { filename: `${base}.json`, mimeType: 'application/json', content: `${JSON.stringify(r, null, 2)}\n` };
  }
}

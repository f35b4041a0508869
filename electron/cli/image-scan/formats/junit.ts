// JUnit XML for CI test reports: one testcase per vulnerability finding and per compliance check.
import type { ScanReport } from '../report';

export function xmlEscape(s: string): string {
  // Characters XML 1.0 cannot carry at all are dropped; markup characters are escaped.
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)
  );
}

export function renderJunit(r: ScanReport): string {
  const vulnCases = r.vulnJudged.map((j) => {
    const f = j.finding;
    const name = `${f.id} in ${f.package.name} ${f.package.version}`;
    const body =
      j.disposition === 'fail'
        ? `<failure type="${f.severity}" message="${xmlEscape(`${f.severity} vulnerability${f.fixedIn ? `, fixed in ${f.fixedIn}` : ''}`)}">${xmlEscape(f.description ?? '')}</failure>`
        : j.disposition === 'excepted' || j.disposition === 'ignored'
          ? `<skipped message="${xmlEscape(j.disposition)}"/>`
          : '';
    return `    <testcase classname="${xmlEscape(`vulnerabilities.${f.package.ecosystem}`)}" name="${xmlEscape(name)}">${body}</testcase>`;
  });
  const compCases = r.complianceJudged.map((j) => {
    const c = j.result;
    const body =
      j.outcome === 'fail'
        ? `<failure type="${c.severity}" message="${xmlEscape(c.status === 'error' ? `error: ${c.reason ?? ''}` : c.evidence.join('; '))}"/>`
        : c.status === 'not_applicable'
          ? `<skipped message="${xmlEscape(c.reason ?? 'not applicable')}"/>`
          : '';
    return `    <testcase classname="compliance" name="${xmlEscape(`${c.checkId} ${c.title}`)}">${body}</testcase>`;
  });
  const suite = (name: string, cases: string[], failures: number, skipped: number): string =>
    `  <testsuite name="${xmlEscape(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${r.scannedAt}">\n${cases.join('\n')}${cases.length ? '\n' : ''}  </testsuite>`;
  const vf = r.vulnJudged.filter((j) => j.disposition === 'fail').length;
  const vs = r.vulnJudged.filter((j) => j.disposition === 'excepted' || j.disposition === 'ignored').length;
  const cf = r.complianceJudged.filter((j) => j.outcome === 'fail').length;
  const cs = r.complianceJudged.filter((j) => j.result.status === 'not_applicable').length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlEscape(`moat images scan ${r.target}`)}" tests="${vulnCases.length + compCases.length}" failures="${vf + cf}">`,
    suite(`vulnerabilities ${r.target}`, vulnCases, vf, vs),
    suite(`compliance ${r.target}`, compCases, cf, cs),
    '</testsuites>',
    '',
  ].join('\n');
}

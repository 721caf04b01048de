import type { Language } from '../alerts/language';
import type { Decision } from './model';

/**
 * The words of the monthly report, in English and German (`client.language`): written for a
 * managing director, not an engineer. Amounts are formatted by `formatMoney`.
 */
export interface ReportTexts {
  readonly title: (client: string, month: string) => string;
  readonly generated: (date: string) => string;
  readonly sections: {
    readonly decisions: string;
    readonly spend: string;
    readonly savings: string;
    readonly security: string;
    readonly resilience: string;
    readonly changes: string;
  };
  readonly noDecisions: string;
  readonly total: string;
  readonly previousMonth: string;
  readonly change: string;
  readonly forecastNextMonth: string;
  readonly budget: string;
  readonly limit: string;
  readonly spent: string;
  readonly used: string;
  readonly topDrivers: string;
  readonly biggestChanges: string;
  readonly service: string;
  readonly thisMonth: string;
  readonly lastMonth: string;
  readonly wasteTotal: string;
  readonly wastePrevious: string;
  readonly resourceType: string;
  readonly idleCount: string;
  readonly perMonth: string;
  readonly openCritical: string;
  readonly openHigh: string;
  readonly newFindings: string;
  readonly passedControls: string;
  readonly cisAlarms: string;
  readonly none: string;
  readonly backupJobs: string;
  readonly copyJobs: string;
  readonly completed: string;
  readonly failed: string;
  readonly lastRestoreTest: string;
  readonly noRestoreTest: string;
  readonly pastRetention: string;
  readonly deployments: string;
  readonly noDeployments: string;
  readonly configurationChanges: string;
  readonly chartSpend: string;
  readonly chartBudgetLine: (budget: string) => string;
  readonly chartBudgets: string;
  readonly chartFindings: string;
  readonly critical: string;
  readonly high: string;
  readonly currencyNote: (code: string, rate: number) => string;
  /** Which account's security, backup and change figures the page shows (costs cover the whole bill). */
  readonly coverage: (account: string, region: string) => string;
  /** The same when every account was read. */
  readonly coverageAll: (accounts: string) => string;
  readonly decision: (decision: Decision, money: (usd: number) => string) => { readonly finding: string; readonly action: string };
}

const en: ReportTexts = {
  title: (client, month) => `${client}: IT report for ${month}`,
  generated: (date) => `Prepared on ${date} from AWS Cost Explorer, CloudWatch, Security Hub, AWS Backup and CloudTrail.`,
  sections: {
    decisions: 'Decisions for you',
    spend: 'What IT cost',
    savings: 'Savings',
    security: 'Is it safe?',
    resilience: 'Would the backups save us?',
    changes: 'Changes',
  },
  noDecisions: 'Nothing needs your decision this month.',
  total: 'Total this month',
  previousMonth: 'Previous month',
  change: 'Change',
  forecastNextMonth: 'Forecast for next month',
  budget: 'Budget',
  limit: 'Limit',
  spent: 'Spent',
  used: 'Used',
  topDrivers: 'Largest cost drivers',
  biggestChanges: 'What changed most',
  service: 'Service',
  thisMonth: 'This month',
  lastMonth: 'Last month',
  wasteTotal: 'Idle resources found, per month',
  wastePrevious: 'A month ago',
  resourceType: 'Kind of resource',
  idleCount: 'Idle',
  perMonth: 'Per month',
  openCritical: 'Open critical findings',
  openHigh: 'Open high findings',
  newFindings: 'New critical and high findings this month',
  passedControls: 'Security checks passed',
  cisAlarms: 'Security alarms that fired',
  none: 'none',
  backupJobs: 'Backups',
  copyJobs: 'Copies to the second region',
  completed: 'completed',
  failed: 'failed',
  lastRestoreTest: 'Last restore test',
  noRestoreTest: 'No restore test has run yet.',
  pastRetention: 'Backups kept longer than promised',
  deployments: 'Deployments of the landing zone',
  noDeployments: 'No deployment this month.',
  configurationChanges: 'Other changes to access, network and storage settings',
  chartSpend: 'Monthly spend, last 12 months (USD)',
  chartBudgetLine: (budget) => `Budget "${budget}"`,
  chartBudgets: 'Budgets: used this month in % of the limit',
  chartFindings: 'Open critical and high findings at month end',
  critical: 'critical',
  high: 'high',
  currencyNote: (code, rate) => `Amounts in USD as AWS bills them; ${code} at a fixed rate of ${rate} per USD.`,
  coverage: (account, region) => `Costs cover the whole AWS bill; security, backups and changes the account ${account} in ${region}.`,
  coverageAll: (accounts) =>
    `Costs cover the whole AWS bill; security, backups and changes the accounts ${accounts}, each in its home region.`,
  decision: (d, money) => {
    switch (d.kind) {
      case 'restore-test-failed':
        return {
          finding: `The last restore test (${d.date}${d.resourceType ? `, ${d.resourceType}` : ''}) ended ${d.status}.`,
          action:
            'Have the failed restore investigated and repeated this week: until a restore succeeds, the backups are not proven to save the company.',
        };
      case 'budget-over':
        return {
          finding: `Budget "${d.budget}": ${money(d.actualUsd)} spent, ${d.usedPercent} % of its ${money(d.limitUsd)}.`,
          action: 'Decide: raise the budget to what the business now needs, or cut the cost drivers listed under "What IT cost".',
        };
      case 'forecast-over-budget':
        return {
          finding: `Next month is forecast at ${money(d.forecastUsd)}, over the budget "${d.budget}" of ${money(d.limitUsd)}.`,
          action: 'Approve the higher spend, or agree which of the largest cost drivers to reduce before the month starts.',
        };
      case 'waste':
        return {
          finding: `Idle resources waste an estimated ${money(d.wasteUsd)} a month.`,
          action: 'Approve removing or downsizing the idle resources listed under "Savings".',
        };
      case 'stale-findings':
        return {
          finding: `${d.count} critical or high finding(s) have been open for more than ${d.days} days.`,
          action: 'Name an owner and a date for each, or accept the risk in writing.',
        };
    }
  },
};

const de: ReportTexts = {
  title: (client, month) => `${client}: IT-Bericht ${month}`,
  generated: (date) => `Erstellt am ${date} aus AWS Cost Explorer, CloudWatch, Security Hub, AWS Backup und CloudTrail.`,
  sections: {
    decisions: 'Ihre Entscheidungen',
    spend: 'Was die IT gekostet hat',
    savings: 'Einsparungen',
    security: 'Ist es sicher?',
    resilience: 'Würden die Backups uns retten?',
    changes: 'Änderungen',
  },
  noDecisions: 'Diesen Monat ist keine Entscheidung nötig.',
  total: 'Summe dieses Monats',
  previousMonth: 'Vormonat',
  change: 'Veränderung',
  forecastNextMonth: 'Prognose für den nächsten Monat',
  budget: 'Budget',
  limit: 'Limit',
  spent: 'Ausgegeben',
  used: 'Verbraucht',
  topDrivers: 'Größte Kostentreiber',
  biggestChanges: 'Was sich am meisten verändert hat',
  service: 'Dienst',
  thisMonth: 'Dieser Monat',
  lastMonth: 'Vormonat',
  wasteTotal: 'Gefundene ungenutzte Ressourcen, pro Monat',
  wastePrevious: 'Vor einem Monat',
  resourceType: 'Art der Ressource',
  idleCount: 'Ungenutzt',
  perMonth: 'Pro Monat',
  openCritical: 'Offene kritische Befunde',
  openHigh: 'Offene hohe Befunde',
  newFindings: 'Neue kritische und hohe Befunde in diesem Monat',
  passedControls: 'Bestandene Sicherheitsprüfungen',
  cisAlarms: 'Ausgelöste Sicherheitsalarme',
  none: 'keine',
  backupJobs: 'Backups',
  copyJobs: 'Kopien in die zweite Region',
  completed: 'abgeschlossen',
  failed: 'fehlgeschlagen',
  lastRestoreTest: 'Letzter Wiederherstellungstest',
  noRestoreTest: 'Es lief noch kein Wiederherstellungstest.',
  pastRetention: 'Länger als zugesagt aufbewahrte Backups',
  deployments: 'Bereitstellungen der Landing Zone',
  noDeployments: 'Keine Bereitstellung in diesem Monat.',
  configurationChanges: 'Weitere Änderungen an Zugriffs-, Netzwerk- und Speichereinstellungen',
  chartSpend: 'Monatliche Kosten, letzte 12 Monate (USD)',
  chartBudgetLine: (budget) => `Budget „${budget}“`,
  chartBudgets: 'Budgets: in diesem Monat verbraucht, in % des Limits',
  chartFindings: 'Offene kritische und hohe Befunde am Monatsende',
  critical: 'kritisch',
  high: 'hoch',
  currencyNote: (code, rate) => `Beträge in USD, wie AWS sie abrechnet; ${code} zum festen Kurs von ${rate} je USD.`,
  coverage: (account, region) =>
    `Die Kosten umfassen die ganze AWS-Rechnung; Sicherheit, Backups und Änderungen das Konto ${account} in ${region}.`,
  coverageAll: (accounts) =>
    `Die Kosten umfassen die ganze AWS-Rechnung; Sicherheit, Backups und Änderungen die Konten ${accounts}, jeweils in ihrer Heimatregion.`,
  decision: (d, money) => {
    switch (d.kind) {
      case 'restore-test-failed':
        return {
          finding: `Der letzte Wiederherstellungstest (${d.date}${d.resourceType ? `, ${d.resourceType}` : ''}) endete mit ${d.status}.`,
          action:
            'Lassen Sie die fehlgeschlagene Wiederherstellung diese Woche untersuchen und wiederholen: Solange keine gelingt, ist nicht belegt, dass die Backups das Unternehmen retten.',
        };
      case 'budget-over':
        return {
          finding: `Budget „${d.budget}“: ${money(d.actualUsd)} ausgegeben, ${d.usedPercent} % von ${money(d.limitUsd)}.`,
          action:
            'Entscheiden Sie: das Budget auf den heutigen Bedarf anheben oder die Kostentreiber unter „Was die IT gekostet hat“ senken.',
        };
      case 'forecast-over-budget':
        return {
          finding: `Der nächste Monat wird auf ${money(d.forecastUsd)} geschätzt, über dem Budget „${d.budget}“ von ${money(d.limitUsd)}.`,
          action: 'Genehmigen Sie die höheren Ausgaben oder legen Sie vor Monatsbeginn fest, welcher Kostentreiber gesenkt wird.',
        };
      case 'waste':
        return {
          finding: `Ungenutzte Ressourcen kosten geschätzt ${money(d.wasteUsd)} im Monat.`,
          action: 'Genehmigen Sie, die unter „Einsparungen“ genannten ungenutzten Ressourcen zu entfernen oder zu verkleinern.',
        };
      case 'stale-findings':
        return {
          finding: `${d.count} kritische oder hohe Befunde sind seit mehr als ${d.days} Tagen offen.`,
          action: 'Benennen Sie für jeden eine verantwortliche Person und ein Datum, oder akzeptieren Sie das Risiko schriftlich.',
        };
    }
  },
};

export function reportTexts(language: Language): ReportTexts {
  return language === 'de' ? de : en;
}

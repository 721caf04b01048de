import { languageOf } from '../shared/language';
import { catalogue } from '../../lib/core/alerts/catalogue';
import type { Language } from '../../lib/core/alerts/language';
import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import { alarmName } from '../shared/alarm-names';
import { CIS_MONITORING_CONTROLS, type CisMonitoringControl, type CisMonitoringControlId } from '../../lib/core/security/cis-controls';

/**
 * The name of the alarm of one CIS control, e.g. `Acme-Production-Security-CIS-4.3-RootAccountUsage`:
 * the house alarm name (client, account, layer) ending in the form AWS uses in its remediation
 * steps, so the alarm is recognisable in the console and in findings.
 */
export function cisAlarmName(scope: IConstruct, control: CisMonitoringControl): string {
  return alarmName(scope, 'CIS', control.cisId, control.metricName);
}

/** Properties of {@link CisAlarms}. */
export interface CisAlarmsProps {
  /** The CloudWatch log group that receives the account's multi-region CloudTrail trail. */
  readonly logGroup: logs.ILogGroup;

  /** Where the alarms notify (the security alert topic). */
  readonly alarmTopic: sns.ITopic;

  /**
   * Namespace of the metrics the filters publish (1-255 characters without `:`, `*`, `$`, not
   * starting with `AWS/`).
   * @default 'CISBenchmark'
   */
  readonly metricNamespace?: string;

  /**
   * The CIS ids to monitor, e.g. `['4.3', '4.7']`; at least one.
   * @default - all fifteen of {@link CIS_MONITORING_CONTROLS}
   */
  readonly controls?: readonly string[];

  /**
   * The language of the alarm descriptions, which are what email and chat show of a native alarm.
   * @default 'en'
   */
  readonly language?: Language;

  /**
   * Where the runbooks can be read (the account's operations dashboard), named in each description.
   * @default - no link
   */
  readonly runbookUrl?: string;
}

/**
 * CIS AWS Foundations Benchmark v3.0.0 section 4: for each monitored control, a metric filter on
 * the trail's log group and an alarm that notifies the alert topic as soon as one matching
 * event occurs (Sum >= 1 over 5 minutes).
 *
 * Cost per account and region (us-east-1 list prices): USD 0.10 per alarm, USD 1.50 a month
 * for all fifteen. Metric filters are free, but each metric they publish is a custom metric at
 * USD 0.30 a month, pro-rated by the hour: the filters have no default value, so a metric is
 * only published, and billed, in hours with a matching event (4.1 in a busy account nearly
 * always; 4.3 rarely). At most USD 4.50 a month for fifteen metrics.
 *
 * Deploy once per account, in the region of the trail's log group (the home region): the
 * multi-region trail brings the events of every region there.
 */
export class CisAlarms extends Construct {
  /** The CIS ids monitored, in benchmark order. */
  readonly cisIds: readonly CisMonitoringControlId[];
  /** The alarm of each monitored CIS id, for dashboards. */
  readonly alarms: ReadonlyMap<CisMonitoringControlId, cloudwatch.Alarm>;

  constructor(scope: Construct, id: string, props: CisAlarmsProps) {
    super(scope, id);
    const namespace = props.metricNamespace ?? 'CISBenchmark';
    const controls = this.selectControls(props.controls);
    if (!Token.isUnresolved(namespace) && !isValidNamespace(namespace)) {
      throw new Error(
        `CisAlarms ${this.node.path}: metricNamespace must be 1-255 characters without ':', '*' or '$' and must not start with "AWS/", which is reserved for AWS services (received "${namespace}")`,
      );
    }

    const action = new cloudwatchActions.SnsAction(props.alarmTopic);
    const texts = catalogue(props.language ?? languageOf(this));
    // The English texts are the source (lib/core/security/cis-controls.ts); a catalogue may translate them.
    const describe = (control: CisMonitoringControl) => {
      const translated = texts.cisAlarms?.[control.cisId];
      const description = texts.cisAlarmDescription(
        control.cisId,
        translated?.title ?? control.title,
        translated?.response ?? control.response,
        props.runbookUrl ?? '',
      );
      return props.runbookUrl === undefined ? description.replace(/ Runbooks: $/, '') : description;
    };
    const alarms = new Map<CisMonitoringControlId, cloudwatch.Alarm>();
    for (const control of controls) {
      const scope = new Construct(this, control.metricName);
      // No default value: with no matching event no data point is published, so the metric
      // costs nothing in quiet hours, and the alarm treats missing data as not breaching.
      const filter = new logs.MetricFilter(scope, 'Filter', {
        logGroup: props.logGroup,
        filterPattern: logs.FilterPattern.literal(control.filterPattern),
        metricNamespace: namespace,
        metricName: control.metricName,
        metricValue: '1',
      });
      const alarm = new cloudwatch.Alarm(scope, 'Alarm', {
        alarmName: cisAlarmName(scope, control),
        alarmDescription: describe(control),
        metric: filter.metric({ statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5) }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      alarms.set(control.cisId, alarm);
    }
    this.alarms = alarms;
    this.cisIds = controls.map((control) => control.cisId);
  }

  private selectControls(requested: readonly string[] | undefined): readonly CisMonitoringControl[] {
    if (requested === undefined) return CIS_MONITORING_CONTROLS;
    const known = CIS_MONITORING_CONTROLS.map((control) => control.cisId as string);
    if (requested.length === 0) {
      throw new Error(
        `CisAlarms ${this.node.path}: controls must name at least one CIS id (received an empty list); leave it out to monitor all of ${known.join(', ')}`,
      );
    }
    const unknown = requested.filter((cisId) => !known.includes(cisId));
    if (unknown.length > 0) {
      throw new Error(
        `CisAlarms ${this.node.path}: controls may only contain ${known.join(', ')} (received unknown ${unknown.join(', ')})`,
      );
    }
    const duplicates = requested.filter((cisId, index) => requested.indexOf(cisId) !== index);
    if (duplicates.length > 0) {
      throw new Error(
        `CisAlarms ${this.node.path}: controls must name each CIS id once (received ${[...new Set(duplicates)].join(', ')} more than once)`,
      );
    }
    return CIS_MONITORING_CONTROLS.filter((control) => requested.includes(control.cisId));
  }
}

function isValidNamespace(namespace: string): boolean {
  // CloudWatch Logs' rule for MetricTransformation.metricNamespace: [^:*$]*, at most 255.
  return namespace.length >= 1 && namespace.length <= 255 && !/[:*$]/.test(namespace) && !namespace.startsWith('AWS/');
}

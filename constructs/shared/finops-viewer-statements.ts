import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { FINOPS_VIEWER_NAMED_READ_ACTIONS, FINOPS_VIEWER_READ_ACTIONS } from '../../lib/core/security/finops-viewer-actions';

/**
 * The FinOps viewer's statements: Cost Explorer, budgets and the FinOps CloudWatch dashboards,
 * read only. Shared by the FinOps viewer people role and the Identity Center permission set.
 *
 * @param account the account the budget and dashboard ARNs name: `Aws.ACCOUNT_ID` for a role of
 *   one account, `*` for a permission set that Identity Center provisions in many
 */
export function finopsViewerStatements(account: string): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'ReadCostsAndMetrics',
      actions: [...FINOPS_VIEWER_READ_ACTIONS],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'ReadBudgetsAndDashboards',
      actions: [...FINOPS_VIEWER_NAMED_READ_ACTIONS],
      resources: [`arn:${Aws.PARTITION}:budgets::${account}:budget/*`, `arn:${Aws.PARTITION}:cloudwatch::${account}:dashboard/*`],
    }),
  ];
}

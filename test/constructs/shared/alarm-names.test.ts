import { Stack } from 'aws-cdk-lib';
import { alarmName } from '../../../constructs/shared/alarm-names';

describe('alarmName', () => {
  test('is the stack name (client, account, layer), then what the alarm watches', () => {
    const stack = new Stack(undefined, 'Acme-Production-FinOps');
    expect(alarmName(stack, 'Budget', 'total', 'Actual', '80pct')).toBe('Acme-Production-FinOps-Budget-total-Actual-80pct');
  });

  test("refuses a name over CloudWatch's 255 characters, naming the parts to shorten", () => {
    const stack = new Stack(undefined, 'Acme-Production-FinOps');
    expect(() => alarmName(stack, 'Budget', 'b'.repeat(240))).toThrow(
      /the alarm name "Acme-Production-FinOps-Budget-b+" has 270 characters, over CloudWatch's 255; shorten the name it is built from \(Budget, b+\)/,
    );
  });
});

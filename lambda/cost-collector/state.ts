import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { parseReportedState, serializeReportedState, type ReportedState } from './budgets';
import { sdkClientOptions } from '../shared/sdk-client-options';

/**
 * Thin SSM adapter for the run state: which budget thresholds were already reported this month,
 * and the forecasts requested earlier on the client's day.
 * The Lambda owns the parameter's value; the stack creates the parameter with a placeholder
 * (`{}`) and must not manage its value afterwards.
 */

/**
 * Largest value of a standard-tier parameter. The state holds each budget's name and a few
 * 4-6 byte threshold ids, always less than the settings JSON that carries the same names and
 * much more, which must itself fit Lambda's 4 KB environment: the guard below cannot fire for a
 * function that started. The forecast cache (up to about 25 bytes per forecast) is dropped when
 * it would not fit.
 */
const MAX_STANDARD_VALUE_BYTES = 4096;

const byteLength = (value: string) => new TextEncoder().encode(value).length;

/** An SSM client for the collector (the SDK's standard retries apply). */
export function createSsmClient(): SSMClient {
  return new SSMClient(sdkClientOptions({}));
}

/** The state as loaded: absent, unreadable (with the reason) or a state. */
export interface LoadedState {
  readonly state: ReportedState | undefined;
  /** Why a stored value was ignored, for a warning. */
  readonly problem?: string;
}

/** Reads and writes the state parameter. */
export class StateStore {
  constructor(
    private readonly client: SSMClient,
    private readonly parameterName: string,
  ) {}

  /** The saved state; a parameter that does not exist yet is no state. */
  async load(): Promise<LoadedState> {
    try {
      const output = await this.client.send(new GetParameterCommand({ Name: this.parameterName }));
      return parseReportedState(output.Parameter?.Value);
    } catch (error) {
      if ((error as { name?: string }).name === 'ParameterNotFound') return { state: undefined };
      throw error;
    }
  }

  /**
   * Saves the state (overwriting the previous value). A state that is too large only with its
   * forecast cache is saved without it: the next run then requests the forecasts again.
   */
  async save(state: ReportedState): Promise<void> {
    let value = serializeReportedState(state);
    if (state.forecasts && byteLength(value) > MAX_STANDARD_VALUE_BYTES)
      value = serializeReportedState({ month: state.month, reported: state.reported });
    const bytes = byteLength(value);
    if (bytes > MAX_STANDARD_VALUE_BYTES) {
      throw new Error(
        `the run state is ${bytes} bytes, more than the ${MAX_STANDARD_VALUE_BYTES} bytes of a standard SSM parameter (${this.parameterName}); shorten the budget names`,
      );
    }
    await this.client.send(new PutParameterCommand({ Name: this.parameterName, Value: value, Type: 'String', Overwrite: true }));
  }
}

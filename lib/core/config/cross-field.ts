import type * as z from 'zod/mini';

/**
 * What the cross-field rules of the sections share. The rules run even when other fields are
 * invalid, so that every problem of a file is reported at once: each reads the file defensively,
 * and the types below promise no more than that.
 */

/** Reports one problem: its path from the file's root, the value found, what is wrong and allowed. */
export type ReportIssue = (path: ReadonlyArray<string | number>, input: unknown, message: string) => void;

/** A reporter that adds each problem to zod's refinement context. */
export function reportTo(ctx: z.core.$RefinementCtx): ReportIssue {
  return (path, input, message) => ctx.addIssue({ code: 'custom', path: [...path], input, message });
}

/** A person of the `contacts` section, as far as the rules read it. */
interface ContactView {
  readonly title?: string;
  readonly phone?: string;
}

/** The parts of a client file that section rules read beyond their own section. */
export interface ClientFileView {
  readonly accounts?: ReadonlyArray<{ readonly name?: string; readonly homeRegion?: string } | undefined>;
  readonly allowedRegions?: readonly string[];
  readonly contacts?: {
    readonly technical?: ContactView;
    readonly billing?: ContactView;
    readonly security?: ContactView;
    readonly operations?: ContactView;
  };
  readonly security?: {
    readonly enabled?: boolean;
    readonly cloudTrail?: { readonly enabled?: boolean };
    readonly config?: { readonly enabled?: boolean };
  };
}

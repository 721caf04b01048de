/**
 * Renders a rule target's `InputTransformer` (as CloudFormation holds it) for a recorded event:
 * the message a person would read. Follows "Amazon EventBridge input transformation" of the
 * EventBridge user guide for what our rules use: `InputPathsMap` of simple JSON paths
 * (`$.detail.a.b`, `$.detail.list[0].c`) and a text `InputTemplate` (one JSON string).
 *
 * A path that the event does not have throws: EventBridge would print nothing there, which is
 * how a misspelled path turns an alert into a sentence with holes.
 */
export interface InputTransformer {
  readonly InputPathsMap?: Record<string, string>;
  readonly InputTemplate: string;
}

export function renderInputTransformer(transformer: InputTransformer, event: unknown): string {
  let rendered = transformer.InputTemplate;
  for (const [name, path] of Object.entries(transformer.InputPathsMap ?? {})) {
    const value = resolvePath(event, path);
    if (value === undefined) throw new Error(`input transformer: the event has no ${path} (variable <${name}>)`);
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    // Inside the template's JSON string, a value is inserted as string content.
    rendered = rendered.split(`<${name}>`).join(JSON.stringify(text).slice(1, -1));
  }
  const unresolved = rendered.match(/<[A-Za-z0-9_.-]+>/);
  if (unresolved) throw new Error(`input transformer: ${unresolved[0]} is not in InputPathsMap`);
  const message: unknown = JSON.parse(rendered);
  if (typeof message !== 'string') throw new Error('input transformer: only text templates (one JSON string) are rendered here');
  return message;
}

function resolvePath(event: unknown, path: string): unknown {
  if (!/^\$(\.[A-Za-z0-9_-]+(\[\d+\])?)+$/.test(path)) throw new Error(`input transformer: path ${path} is not a simple JSON path`);
  let current: unknown = event;
  for (const step of path.slice(2).split('.')) {
    const [, key, index] = /^([^[]+)(?:\[(\d+)\])?$/.exec(step)!;
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
    if (index !== undefined) current = Array.isArray(current) ? current[Number(index)] : undefined;
  }
  return current;
}

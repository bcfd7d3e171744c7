/**
 * @module
 * What every check needs: the names a template declares, and a place to put problems.
 */

/** One thing wrong with a template, located by its path in the document. */
export interface TemplateProblem {
  /** Where the problem is, e.g. `Resources.NotesTable.Properties.KeySchema[0].AttributeName`. */
  path: string;
  message: string;
}

/** The names declared by a template, which intrinsic functions may refer to. */
export interface TemplateScope {
  /** Logical ID → resource `Type` (undefined when the resource has no usable Type). */
  readonly resources: ReadonlyMap<string, string | undefined>;
  /** Parameter name → parameter `Type`. */
  readonly parameters: ReadonlyMap<string, string | undefined>;
  readonly conditions: ReadonlySet<string>;
  readonly mappings: ReadonlyMap<string, unknown>;
  /** Names listed in the template's `Transform`. */
  readonly transforms: ReadonlySet<string>;
}

/** Collects problems and the resource-to-resource references needed to find dependency cycles. */
export class Checker {
  problems: TemplateProblem[] = [];
  /** Logical ID → resources it refers to (via DependsOn, Ref, Fn::GetAtt or Fn::Sub). */
  readonly edges = new Map<string, Set<string>>();
  /** The resource whose body is being checked; references are recorded as its dependencies. */
  from: string | undefined;
  /** The resource type being checked, used to name nested types in messages. */
  resourceType = '';
  /** True inside `Conditions`, where only parameters and pseudo parameters may be referenced. */
  inConditions = false;

  constructor(readonly scope: TemplateScope) {}

  report(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  /** Runs `check` and returns the problems it found instead of keeping them (to try union members). */
  trial(check: () => void): TemplateProblem[] {
    const kept = this.problems;
    this.problems = [];
    try {
      check();
      return this.problems;
    } finally {
      this.problems = kept;
    }
  }

  /** Records that the resource being checked depends on `target`. */
  dependOn(target: string): void {
    if (this.from === undefined) return;
    let targets = this.edges.get(this.from);
    if (!targets) this.edges.set(this.from, (targets = new Set()));
    targets.add(target);
  }
}

/** `Resources` + `Foo` → `Resources.Foo`. */
export function at(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** `Foo.Bar` + 2 → `Foo.Bar[2]`. */
export function item(path: string, index: number): string {
  return `${path}[${index}]`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a JSON value's shape for messages: "a string", "an array", ... */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `the ${typeof value} ${String(value)}`;
}

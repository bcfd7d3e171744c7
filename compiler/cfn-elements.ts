/**
 * Template sections other than resources: Parameters, Conditions and Mappings.
 * @module
 */
import type { Construct } from "./construct.ts"
import { CfnElement } from "./element.ts"
import { Fn, Ref, type Intrinsic, type Value } from "./intrinsics.ts"

export interface CfnParameterProps {
  /** @default "String" */
  type?: string
  default?: string | number
  description?: string
  allowedValues?: string[]
  allowedPattern?: string
  noEcho?: boolean
  minLength?: number
  maxLength?: number
}

/** A template parameter whose value is given at deploy time. */
export class CfnParameter extends CfnElement {
  readonly section = "Parameters" as const
  constructor(
    scope: Construct,
    id: string,
    readonly props: CfnParameterProps = {},
  ) {
    super(scope, id)
  }
  /** The parameter's value, usable in any property or string. */
  get value(): string {
    return new Ref(this).toString()
  }
  /** Same as {@link value}; the name CDK users know. */
  get valueAsString(): string {
    return this.value
  }
}

/** A named condition; resources and outputs refer to it, `Fn.conditionIf` picks values by it. */
export class CfnCondition extends CfnElement {
  readonly section = "Conditions" as const
  constructor(
    scope: Construct,
    id: string,
    readonly props: { expression: Intrinsic },
  ) {
    super(scope, id)
  }
}

/** A two-level lookup table read with `Fn::FindInMap`. */
export class CfnMapping extends CfnElement {
  readonly section = "Mappings" as const
  constructor(
    scope: Construct,
    id: string,
    readonly props: { mapping: Record<string, Record<string, Value>> },
  ) {
    super(scope, id)
  }
  findInMap(topKey: Value, secondKey: Value): string {
    return Fn.findInMap(this, topKey, secondKey)
  }
}

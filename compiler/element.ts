/**
 * A node that becomes an entry of a template section (a resource, parameter, condition or
 * mapping) and so has a logical ID.
 * @module
 */
import { Construct } from "./construct.ts"

export type TemplateSection = "Resources" | "Parameters" | "Conditions" | "Mappings"

export abstract class CfnElement extends Construct {
  abstract readonly section: TemplateSection
  /** Set by {@link overrideLogicalId}; otherwise the ID comes from the path. */
  logicalIdOverride: string | undefined

  constructor(scope: Construct, id: string) {
    super(scope, id)
    // Touch the stack now: an element outside any stack is reported where it is made.
    void this.enclosingStack
  }

  /** Pins the logical ID, e.g. to keep a resource's identity when its construct moves. */
  overrideLogicalId(logicalId: string): void {
    this.logicalIdOverride = logicalId
  }
}

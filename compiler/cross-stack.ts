/**
 * Cross-stack references, without CloudFormation exports.
 *
 * Decision: when a value of stack P (a Ref or GetAtt of one of its elements) is used in stack C,
 * P gets a plain Output holding the value and C gets a Parameter; the deployer, which deploys P
 * before C, reads P's output and passes it as C's parameter value. The manifest records which
 * output fills which parameter.
 *
 * Why not `Export` + `Fn::ImportValue` (what CDK and SST v1 emit): an export in use can be neither
 * changed nor removed ("Export X cannot be updated as it is in use by Y"), so renaming or removing
 * a resource that another stack uses needs two deploys and manual steps. With parameters, P may
 * drop or change the output freely; C is updated right after with the new value or without it.
 * The trade-off: CloudFormation no longer guards against deleting P while C still uses it, so
 * `sst remove` deletes stacks in reverse dependency order, and a stack deployed alone takes its
 * producers' values from their current outputs.
 *
 * Scale: a stack has at most 200 parameters and 200 outputs, and a parameter value is at most
 * 4,096 bytes. Up to {@link MAX_SINGLE_IMPORTS} values per consumer get one readable parameter each
 * (`XrefDatabaseNotesTableArn`). Past that, values from one producer are packed, up to
 * {@link PACK_SIZE} per CommaDelimitedList parameter, picked out with `Fn::Select`; the producer
 * emits the matching `Fn::Join` output. A producer read by many stacks packs the values of its
 * largest readers too, until its outputs fit in 200. 25 ARNs of ~150 characters stay under 4,096 bytes; the
 * deployer checks the real size before it deploys. Values are ARNs, names, ids and URLs, which
 * hold no commas; the deployer refuses a packed value whose item count does not match.
 * @module
 */
import type { CfnElement } from "./element.ts"
import type { Problem } from "./errors.ts"
import { GetAtt, type Ref } from "./intrinsics.ts"
import { MAX_OUTPUTS } from "./limits.ts"
import type { CoreStack } from "./stack.ts"

export const MAX_SINGLE_IMPORTS = 100
export const PACK_SIZE = 25
export const XREF_PREFIX = "Xref"

/** Stands for an imported value in resolved JSON until the wiring is planned. */
export class ImportPlaceholder {
  constructor(readonly key: string) {}
}

interface ImportedValue {
  key: string
  producer: CoreStack
  element: CfnElement
  attribute: string | undefined
}

export interface PlannedParameter {
  name: string
  type: "String" | "CommaDelimitedList"
  producer: CoreStack
  output: string
  description: string
}

export interface PlannedOutput {
  name: string
  /** The element values to output, joined with "," when there are several. */
  values: { element: CfnElement; attribute: string | undefined }[]
  description: string
}

export interface CrossStackPlan {
  parameters: Map<CoreStack, PlannedParameter[]>
  outputs: Map<CoreStack, PlannedOutput[]>
  /** JSON that replaces each placeholder, per consumer. */
  replacements: Map<CoreStack, Map<string, unknown>>
  problems: Problem[]
}

export class CrossStackWiring {
  /** consumer → imported values, in first-use order. */
  private readonly imports = new Map<CoreStack, Map<string, ImportedValue>>()

  constructor(private readonly logicalIds: ReadonlyMap<CfnElement, string>) {}

  /** Records that `consumer` uses `reference` and returns its placeholder. */
  record(consumer: CoreStack, reference: Ref | GetAtt): ImportPlaceholder {
    const element = reference.target
    const producer = element.enclosingStack
    if (element.section !== "Resources" && element.section !== "Parameters") {
      throw new Error(`internal: a ${element.section} entry cannot be referenced from another stack`)
    }
    const attribute = reference instanceof GetAtt ? reference.attribute : undefined
    const key = `${producer.stackName}/${this.logicalId(element)}/${attribute ?? ""}`
    let values = this.imports.get(consumer)
    if (!values) this.imports.set(consumer, (values = new Map()))
    if (!values.has(key)) values.set(key, { key, producer, element, attribute })
    consumer.addDependency(producer)
    return new ImportPlaceholder(key)
  }

  plan(): CrossStackPlan {
    const plan: CrossStackPlan = { parameters: new Map(), outputs: new Map(), replacements: new Map(), problems: [] }
    const packed = this.choosePacked()
    const singleOutputs = new Map<CoreStack, Map<string, PlannedOutput>>()
    for (const [consumer, values] of this.imports) {
      const parameters: PlannedParameter[] = []
      const replacements = new Map<string, unknown>()
      const packedHere = packed.get(consumer)
      for (const value of values.values()) {
        if (packedHere?.has(value.producer)) continue
        const outputName = XREF_PREFIX + this.valueName(value)
        let outputs = singleOutputs.get(value.producer)
        if (!outputs) singleOutputs.set(value.producer, (outputs = new Map()))
        if (!outputs.has(outputName)) {
          outputs.set(outputName, { name: outputName, values: [value], description: `Read by other stacks of this app` })
        }
        const name = XREF_PREFIX + sanitize(value.producer.id) + this.valueName(value)
        parameters.push({ name, type: "String", producer: value.producer, output: outputName, description: describe(value, this.logicalId(value.element)) })
        replacements.set(value.key, { Ref: name })
      }
      const toPack = [...values.values()].filter((value) => packedHere?.has(value.producer))
      if (toPack.length > 0) this.planPacked(consumer, toPack, parameters, replacements, plan)
      plan.parameters.set(consumer, parameters)
      plan.replacements.set(consumer, replacements)
    }
    for (const [producer, outputs] of singleOutputs) {
      plan.outputs.set(producer, [...(plan.outputs.get(producer) ?? []), ...outputs.values()])
    }
    return plan
  }

  /**
   * Which consumers read which producers' values packed: every producer of a consumer that reads
   * more than MAX_SINGLE_IMPORTS values; then, while a producer would need more outputs than
   * it may have, the consumer that reads most of its values one by one.
   */
  private choosePacked(): Map<CoreStack, Set<CoreStack>> {
    const packed = new Map<CoreStack, Set<CoreStack>>()
    const pack = (consumer: CoreStack, producer: CoreStack) => {
      if (!packed.has(consumer)) packed.set(consumer, new Set())
      packed.get(consumer)?.add(producer)
    }
    const producers = new Set<CoreStack>()
    for (const [consumer, values] of this.imports) {
      for (const value of values.values()) {
        producers.add(value.producer)
        if (values.size > MAX_SINGLE_IMPORTS) pack(consumer, value.producer)
      }
    }
    for (const producer of producers) {
      for (;;) {
        const readers = this.readersOf(producer, packed)
        const singles = new Set(readers.filter((r) => !r.packed).flatMap((r) => r.values.map((v) => this.valueName(v))))
        const packs = readers.filter((r) => r.packed).reduce((sum, r) => sum + Math.ceil(r.values.length / PACK_SIZE), 0)
        if (producer.outputs.size + singles.size + packs <= MAX_OUTPUTS) break
        const largest = readers.filter((r) => !r.packed).sort((a, b) => b.values.length - a.values.length)[0]
        if (!largest) break // even packed it does not fit: the limits check reports the stack
        pack(largest.consumer, producer)
      }
    }
    return packed
  }

  /** The consumers of `producer` (in first-use order) with the values each reads from it. */
  private readersOf(producer: CoreStack, packed: Map<CoreStack, Set<CoreStack>>): { consumer: CoreStack; values: ImportedValue[]; packed: boolean }[] {
    const readers: { consumer: CoreStack; values: ImportedValue[]; packed: boolean }[] = []
    for (const [consumer, values] of this.imports) {
      const read = [...values.values()].filter((value) => value.producer === producer)
      if (read.length > 0) readers.push({ consumer, values: read, packed: packed.get(consumer)?.has(producer) ?? false })
    }
    return readers
  }

  private planPacked(consumer: CoreStack, values: ImportedValue[], parameters: PlannedParameter[], replacements: Map<string, unknown>, plan: CrossStackPlan): void {
    const byProducer = new Map<CoreStack, ImportedValue[]>()
    for (const value of values) {
      const list = byProducer.get(value.producer) ?? []
      list.push(value)
      byProducer.set(value.producer, list)
    }
    for (const [producer, list] of byProducer) {
      for (let start = 0, pack = 1; start < list.length; start += PACK_SIZE, pack++) {
        const chunk = list.slice(start, start + PACK_SIZE)
        const outputName = `${XREF_PREFIX}${sanitize(consumer.id)}Pack${pack}`
        const name = `${XREF_PREFIX}${sanitize(producer.id)}Pack${pack}`
        const outputs = plan.outputs.get(producer) ?? []
        outputs.push({ name: outputName, values: chunk, description: `Values read by stack ${consumer.stackName}, joined with ","` })
        plan.outputs.set(producer, outputs)
        parameters.push({ name, type: "CommaDelimitedList", producer, output: outputName, description: `${chunk.length} ${chunk.length === 1 ? "value" : "values"} of stack ${producer.stackName}` })
        chunk.forEach((value, index) => replacements.set(value.key, { "Fn::Select": [index, { Ref: name }] }))
      }
    }
  }

  private valueName(value: ImportedValue): string {
    return this.logicalId(value.element) + (value.attribute === undefined ? "Ref" : sanitize(value.attribute))
  }

  private logicalId(element: CfnElement): string {
    const id = this.logicalIds.get(element)
    if (id === undefined) throw new Error(`internal: no logical ID for "${element.path}"`)
    return id
  }
}

function sanitize(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, "")
}

function describe(value: ImportedValue, logicalId: string): string {
  const what = value.attribute === undefined ? `Ref of ${logicalId}` : `${logicalId}.${value.attribute}`
  return `${what} from stack ${value.producer.stackName}`
}

/** Replaces import placeholders in resolved JSON. */
export function replacePlaceholders(value: unknown, replacements: ReadonlyMap<string, unknown> | undefined): unknown {
  if (value instanceof ImportPlaceholder) {
    const replacement = replacements?.get(value.key)
    if (replacement === undefined) throw new Error(`internal: no parameter planned for ${value.key}`)
    return replacement
  }
  if (Array.isArray(value)) return value.map((item) => replacePlaceholders(item, replacements))
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) out[key] = replacePlaceholders(item, replacements)
    return out
  }
  return value
}

/** A cycle among stack dependencies, as stack names in order, or undefined. */
export function findStackCycle(stacks: readonly CoreStack[]): CoreStack[] | undefined {
  const state = new Map<CoreStack, "visiting" | "done">()
  const trail: CoreStack[] = []
  const visit = (stack: CoreStack): CoreStack[] | undefined => {
    if (state.get(stack) === "done") return undefined
    if (state.get(stack) === "visiting") return [...trail.slice(trail.indexOf(stack)), stack]
    state.set(stack, "visiting")
    trail.push(stack)
    for (const dependency of stack.dependencies) {
      const cycle = visit(dependency)
      if (cycle) return cycle
    }
    trail.pop()
    state.set(stack, "done")
    return undefined
  }
  for (const stack of stacks) {
    const cycle = visit(stack)
    if (cycle) return cycle
  }
  return undefined
}

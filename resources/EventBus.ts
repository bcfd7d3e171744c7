/**
 * EventBus: an EventBridge event bus (SST v1's `EventBus`) with rules that send matching events to
 * functions and queues, and v2's `subscribe(type, fn)` shorthand.
 *
 * Each rule is an `AWS::Events::Rule` on the bus; a function target gets a permission that lets
 * EventBridge invoke it for that rule only, a queue target a statement in the queue's policy. The
 * pattern's `detailType` is written `detail-type`, as EventBridge names the field.
 * @module
 */
import { z } from "zod"
import { assertSameShape, CfnResource, Construct, Lazy, parseProps, type Problem, type Value } from "../compiler/index.ts"
import type { FunctionBinding, SSTConstruct } from "./bindable.ts"
import { closest } from "../compiler/props.ts"
import { eventPattern, RuleTargetSchema, TARGET_ID_PATTERN, targetRetryPolicy, type EventBusRulePattern, type EventBusTargetOptions } from "./event-bus/rule.ts"
import { Function } from "./Function.ts"
import type { Permissions } from "./function/permissions.ts"
import type { FunctionDefinition, FunctionProps } from "./function/props.ts"
import { Queue } from "./Queue.ts"
import { allowInvoke, childId, FunctionDefinitionSchema } from "./targets/function-target.ts"
import { serviceStatement } from "./targets/resource-policy.ts"

export type { EventBusRulePattern, EventBusTargetOptions } from "./event-bus/rule.ts"

export interface EventBusFunctionTargetProps {
  /** Marks a function target; optional. */
  type?: "function"
  /** @example function: { handler: "functions/receipt.main", timeout: 10 } */
  function: FunctionDefinition
  cdk?: { target?: EventBusTargetOptions }
}

export interface EventBusQueueTargetProps {
  /** Marks a queue target. */
  type: "queue"
  /** @example queue: new Queue(stack, "Orders") */
  queue: Queue
  cdk?: { target?: EventBusTargetOptions & { messageGroupId?: string } }
}

export type EventBusTarget = FunctionDefinition | Queue | EventBusFunctionTargetProps | EventBusQueueTargetProps

export interface EventBusRuleProps {
  /** Which events the rule matches. @example pattern: { source: ["myevent"], detailType: ["Order"] } */
  pattern?: EventBusRulePattern
  /** Where matching events go, by name (at most 5). @example targets: { receipt: "functions/receipt.main" } */
  targets?: Record<string, EventBusTarget>
}

/** Props of {@link EventBus}. */
export interface EventBusProps {
  /**
   * Rules by name.
   * @example rules: { orders: { pattern: { source: ["shop"], detailType: ["Order"] }, targets: { receipt: "functions/receipt.main" } } }
   */
  rules?: Record<string, EventBusRuleProps>
  defaults?: {
    /** Props every target function starts from. */
    function?: FunctionProps
    /** How many times EventBridge retries delivering an event to a target (0 to 185). @default 185 */
    retries?: number
  }
}

const isQueue = (value: unknown) => value instanceof Queue
const FunctionTargetSchema = z.strictObject({
  type: z.literal("function").optional(),
  function: FunctionDefinitionSchema,
  cdk: z.strictObject({ target: RuleTargetSchema.optional() }).optional(),
})
const QueueTargetSchema = z.strictObject({
  type: z.literal("queue"),
  queue: z.custom<Queue>(isQueue, { message: "a Queue" }),
  cdk: z.strictObject({ target: RuleTargetSchema.extend({ messageGroupId: z.string().min(1).max(128).optional() }).optional() }).optional(),
})
const TargetsSchema = z.record(z.string(), z.union([FunctionDefinitionSchema, z.custom<Queue>(isQueue), FunctionTargetSchema, QueueTargetSchema]))
const RuleSchema = z.strictObject({
  pattern: z.strictObject({ source: z.array(z.string()).optional(), detailType: z.array(z.string()).optional(), detail: z.record(z.string(), z.unknown()).optional() }).optional(),
  targets: TargetsSchema.optional(),
})
const RulesSchema = z.record(z.string(), RuleSchema)
const EventBusPropsSchema = z.strictObject({ // strict: `rule` is an error, not a bus without rules
  rules: RulesSchema.optional(),
  defaults: z
    .strictObject({
      function: z.custom<FunctionProps>((value) => value !== null && typeof value === "object" && !Array.isArray(value), { message: "function props" }).optional(),
      retries: z.number().int().min(0).max(185).optional(),
    })
    .optional(),
})
assertSameShape<EventBusProps, z.input<typeof EventBusPropsSchema>>()

/** EventBridge allows at most 5 targets per rule. */
const MAX_TARGETS = 5

interface RuleEntry {
  resource: CfnResource
  scope: Construct
  targets: Record<string, Value>[]
  functions: Record<string, Function>
  names: Set<string>
}

export class EventBus extends Construct implements SSTConstruct {
  /** The `AWS::Events::EventBus` resource. */
  readonly resource: CfnResource
  /** SST v1 apps reach the bus through `bus.cdk.eventBus`. */
  readonly cdk: { eventBus: CfnResource }
  private readonly props: z.output<typeof EventBusPropsSchema>
  private readonly rules: Record<string, RuleEntry> = {}
  private readonly permissionsForTargets: Permissions[] = []
  private readonly bindForTargets: SSTConstruct[] = []
  private readonly attributes: { arn?: string; name?: string } = {}

  constructor(scope: Construct, id: string, rawProps: EventBusProps = {}) {
    super(scope, id)
    this.props = parseProps(EventBusPropsSchema, rawProps, this, "EventBus")
    this.resource = new CfnResource(this, "Resource", { type: "AWS::Events::EventBus", properties: { Name: this.app.logicalPrefixedName(this.id) } })
    this.cdk = { eventBus: this.resource }
    if (this.props.rules) this.addRules(this, this.props.rules)
  }

  /** The bus's name, which `PutEvents` takes. */
  get eventBusName(): string {
    return (this.attributes.name ??= this.resource.getAtt("Name"))
  }

  /** The bus's ARN. */
  get eventBusArn(): string {
    return (this.attributes.arn ??= this.resource.getAtt("Arn"))
  }

  /**
   * Adds rules; their rules and functions are created in `scope`.
   * @example bus.addRules(stack, { refunds: { pattern: { detailType: ["Refund"] }, targets: { refund: "functions/refund.main" } } })
   */
  addRules(scope: Construct, rules: Record<string, EventBusRuleProps>): void {
    const parsed = parseProps(RulesSchema, rules, this, "EventBus")
    for (const [key, rule] of Object.entries(parsed)) this.addRule(scope, key, rule as EventBusRuleProps)
  }

  /**
   * Adds targets to an existing rule.
   * @example bus.addTargets(stack, "orders", { audit: "functions/audit.main" })
   */
  addTargets(scope: Construct, ruleKey: string, targets: Record<string, EventBusTarget>): void {
    const parsed = parseProps(TargetsSchema, targets, this, "EventBus")
    const rule = this.ruleNamed(ruleKey, "addTargets")
    if (!rule) return
    for (const [name, target] of Object.entries(parsed)) this.addTarget(scope, ruleKey, rule, name, target as EventBusTarget)
  }

  /**
   * Runs `fn` for events whose `detail-type` is `type` (or one of `types`): a rule named after the
   * types, with one target. `pattern` narrows it further.
   * @example bus.subscribe("order.created", "functions/receipt.main")
   */
  subscribe(type: string | string[], fn: FunctionDefinition | EventBusFunctionTargetProps, props?: { pattern?: Omit<EventBusRulePattern, "detailType"> }): void {
    const types = [type].flat()
    const base = types.map((t) => t.replace(/[^A-Za-z0-9]/g, "_")).join("__") || "subscription"
    let key = base
    for (let n = 2; this.rules[key]; n++) key = `${base}_${n}`
    this.addRules(this, { [key]: { pattern: { ...props?.pattern, detailType: types }, targets: { subscriber: fn } } })
  }

  /** The rule resource, by key. */
  getRule(key: string): CfnResource | undefined {
    return this.rules[key]?.resource
  }

  /** The function of a function target. */
  getFunction(ruleKey: string, targetName: string): Function | undefined {
    return this.rules[ruleKey]?.functions[targetName]
  }

  /** Grants permissions to every target function, present and future. */
  attachPermissions(permissions: Permissions): void {
    for (const rule of Object.values(this.rules)) for (const fn of Object.values(rule.functions)) fn.attachPermissions(permissions)
    this.permissionsForTargets.push(permissions)
  }

  /** Grants permissions to one target function. */
  attachPermissionsToTarget(ruleKey: string, targetName: string, permissions: Permissions): void {
    this.targetNamed(ruleKey, targetName, "attachPermissionsToTarget")?.attachPermissions(permissions)
  }

  /** Binds constructs to every target function, present and future. */
  bind(constructs: SSTConstruct[]): void {
    for (const rule of Object.values(this.rules)) for (const fn of Object.values(rule.functions)) fn.bind(constructs)
    this.bindForTargets.push(...constructs)
  }

  /** Binds constructs to one target function. */
  bindToTarget(ruleKey: string, targetName: string, constructs: SSTConstruct[]): void {
    this.targetNamed(ruleKey, targetName, "bindToTarget")?.bind(constructs)
  }

  getConstructMetadata(): unknown {
    return { type: "EventBus", data: { eventBusName: this.eventBusName, rules: Object.entries(this.rules).map(([key, rule]) => ({ key, targets: Object.values(rule.functions).map((fn) => fn.path), targetNames: [...rule.names] })) } }
  }

  /** Binding gives `SST_EventBus_eventBusName_<id>` and `events:*` on this bus only. */
  getFunctionBinding(): FunctionBinding {
    return {
      clientPackage: "event-bus",
      variables: { eventBusName: { type: "plain", value: this.eventBusName } },
      permissions: { "events:*": [this.eventBusArn] },
    }
  }

  private addRule(scope: Construct, key: string, rule: EventBusRuleProps): void {
    const property = `rules.${key}`
    if (this.rules[key]) {
      this.report({ code: "DuplicateRule", property, problem: "is already a rule of this bus.", allowed: "rule keys that are unique per bus.", fix: "give the rule another key." })
      return
    }
    const pattern = eventPattern(rule.pattern)
    if (!pattern) {
      this.report({ code: "MissingPattern", property: `${property}.pattern`, problem: "is missing or empty, so the rule would match nothing.", allowed: "a pattern with source, detailType or detail.", fix: 'add pattern: { source: ["myapp"], detailType: ["Order"] }.' })
    }
    const targets: Record<string, Value>[] = []
    const resource = new CfnResource(scope, childId(this, scope, "Rule", key), {
      type: "AWS::Events::Rule",
      properties: { EventBusName: this.eventBusName, EventPattern: pattern ?? {}, State: "ENABLED", Targets: new Lazy(() => [...targets], this.app) },
    })
    const entry: RuleEntry = { resource, scope, targets, functions: {}, names: new Set() }
    this.rules[key] = entry
    for (const [name, target] of Object.entries(rule.targets ?? {})) this.addTarget(scope, key, entry, name, target)
  }

  private addTarget(scope: Construct, ruleKey: string, rule: RuleEntry, name: string, target: EventBusTarget): void {
    const property = `rules.${ruleKey}.targets.${name}`
    if (!this.checkTargetName(rule, name, property)) return
    rule.names.add(name)
    const queueProps = target instanceof Queue ? { type: "queue" as const, queue: target } : isQueueTarget(target) ? target : undefined
    if (queueProps) return this.addQueueTarget(rule, name, queueProps, property)
    const isProps = typeof target === "object" && !(target instanceof Function) && "function" in target
    const props = (isProps ? target : { function: target }) as EventBusFunctionTargetProps
    const fn = Function.fromDefinition(scope, childId(this, scope, "Target", `${ruleKey}_${name}`), props.function, this.props.defaults?.function, `is a target of the EventBus "${this.displayPath}", whose defaults.function cannot apply to a Function that already exists.`)
    rule.functions[name] = fn
    for (const permissions of this.permissionsForTargets) fn.attachPermissions(permissions)
    if (this.bindForTargets.length > 0) fn.bind(this.bindForTargets)
    rule.targets.push(this.targetEntry(name, fn.functionArn, props.cdk?.target, property))
    allowInvoke(scope, childId(this, scope, "TargetPermission", `${ruleKey}_${name}`), fn, "events.amazonaws.com", rule.resource.getAtt("Arn"))
  }

  private addQueueTarget(rule: RuleEntry, name: string, props: EventBusQueueTargetProps, property: string): void {
    const { queue } = props
    const options = props.cdk?.target
    const entry = this.targetEntry(name, queue.queueArn, options, property)
    if (queue.fifo) {
      if (options?.messageGroupId) entry.SqsParameters = { MessageGroupId: options.messageGroupId }
      else this.report({ code: "MissingMessageGroupId", property, problem: `sends to the FIFO queue "${queue.displayPath}" without a message group.`, allowed: "FIFO queue targets with cdk.target.messageGroupId.", fix: 'add cdk: { target: { messageGroupId: "orders" } }.' })
    }
    rule.targets.push(entry)
    queue.addToResourcePolicy(serviceStatement("events.amazonaws.com", "sqs:SendMessage", queue.queueArn, rule.resource.getAtt("Arn")))
  }

  private targetEntry(name: string, arn: string, options: EventBusTargetOptions | undefined, property: string): Record<string, Value> {
    const retryPolicy = targetRetryPolicy(options, this.props.defaults?.retries, (problem) => this.report({ ...problem, property: `${property}.cdk.target.maxEventAge` }))
    return { Id: name, Arn: arn, Input: options?.event === undefined ? undefined : JSON.stringify(options.event), RetryPolicy: retryPolicy }
  }

  private checkTargetName(rule: RuleEntry, name: string, property: string): boolean {
    if (rule.names.has(name)) {
      this.report({ code: "DuplicateTarget", property, problem: "is already a target of this rule.", allowed: "target names that are unique per rule.", fix: "give the target another name." })
      return false
    }
    if (!TARGET_ID_PATTERN.test(name)) {
      this.report({ code: "InvalidTargetName", property, problem: `is named ${JSON.stringify(name)}, which EventBridge refuses as a target id.`, allowed: "1 to 64 letters, digits, '.', '-' and '_'.", fix: `rename it, e.g. ${JSON.stringify(name.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 64))}.` })
      return false
    }
    if (rule.names.size === MAX_TARGETS) {
      this.report({ code: "TooManyTargets", property, problem: `would be target number ${MAX_TARGETS + 1} of the rule.`, allowed: `at most ${MAX_TARGETS} targets per rule (EventBridge's limit).`, fix: "add a second rule with the same pattern for the other targets." })
      return false
    }
    return true
  }

  private ruleNamed(key: string, method: string): RuleEntry | undefined {
    const rule = this.rules[key]
    if (!rule) {
      const known = Object.keys(this.rules)
      const suggestion = closest(key, known)
      this.report({ code: "UnknownRule", property: `${method}(${JSON.stringify(key)})`, problem: "names no rule of this bus.", allowed: known.length > 0 ? `one of ${known.map((k) => JSON.stringify(k)).join(", ")}.` : "no rules yet.", fix: suggestion ? `did you mean "${suggestion}"?` : "add the rule first with addRules." })
    }
    return rule
  }

  private targetNamed(ruleKey: string, name: string, method: string): Function | undefined {
    const rule = this.ruleNamed(ruleKey, method)
    const fn = rule?.functions[name]
    if (rule && !fn) {
      const known = Object.keys(rule.functions)
      this.report({ code: "UnknownTarget", property: `${method}(${JSON.stringify(ruleKey)}, ${JSON.stringify(name)})`, problem: "names no function target of this rule.", allowed: known.length > 0 ? `one of ${known.map((k) => JSON.stringify(k)).join(", ")}.` : "no function targets in this rule.", fix: closest(name, known) ? `did you mean "${closest(name, known)}"?` : "add the target first with addTargets." })
    }
    return fn
  }

  private report(problem: Omit<Problem, "path" | "construct">): void {
    this.app.report({ ...problem, path: this.displayPath, construct: "EventBus" } as Problem)
  }
}

function isQueueTarget(value: unknown): value is EventBusQueueTargetProps {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "queue"
}

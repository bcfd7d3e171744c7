/**
 * What the deployer tells the terminal while it works. The deployer only emits these;
 * `cli/ui/deploy-progress.ts` draws them (a live view on a terminal, plain lines otherwise).
 * @module
 */
import type { ResourceChange } from "./changes.ts"

/** Where one stack is in a deploy or a remove. */
export type StackPhase =
  | "waiting"
  | "checking"
  | "changeset"
  | "deploying"
  | "deployed"
  | "unchanged"
  | "failed"
  | "skipped"
  | "removing"
  | "removed"
  | "missing"

export type DeployEvent =
  /** A step of the whole run: identity, bootstrap, lock, uploads. */
  | { type: "step"; message: string }
  /** A stack moved to another phase. */
  | { type: "stack"; stack: string; phase: StackPhase; detail?: string }
  /** A resource event read from CloudFormation. */
  | { type: "resource"; stack: string; logicalId: string; resourceType: string; status: string; reason?: string; timestamp: Date }
  /** What a change set will do, before it is executed. */
  | { type: "changes"; stack: string; changes: ResourceChange[] }
  /** Something a person should know: a stack recreated, a lock broken, a rollback continued. */
  | { type: "notice"; stack?: string; level: "info" | "warning"; message: string }
  /** Assets uploaded so far in this run. */
  | { type: "upload"; uploaded: number; bytes: number }

export type Reporter = (event: DeployEvent) => void

// The actions the fake answers, by their awsQuery `Action` name.

import type { FakeContext } from "../context.ts"
import type { QueryParams } from "../query.ts"
import type { XmlValue } from "../xml.ts"
import { createChangeSet, deleteChangeSet, describeChangeSet, executeChangeSet, listChangeSets } from "./change-sets.ts"
import { describeStackEvents, listExports, listImports } from "./events-and-exports.ts"
import { continueUpdateRollback, deleteStack, describeStackResources, describeStacks, getTemplate, listStacks } from "./stacks.ts"

export type Handler = (
  ctx: FakeContext,
  params: QueryParams,
) => { [key: string]: XmlValue } | Promise<{ [key: string]: XmlValue }>

export const HANDLERS: Record<string, Handler> = {
  CreateChangeSet: createChangeSet,
  DescribeChangeSet: describeChangeSet,
  ExecuteChangeSet: executeChangeSet,
  DeleteChangeSet: deleteChangeSet,
  ListChangeSets: listChangeSets,
  DescribeStacks: describeStacks,
  ListStacks: listStacks,
  DescribeStackEvents: describeStackEvents,
  DescribeStackResources: describeStackResources,
  GetTemplate: getTemplate,
  DeleteStack: deleteStack,
  ContinueUpdateRollback: continueUpdateRollback,
  ListExports: listExports,
  ListImports: listImports,
}

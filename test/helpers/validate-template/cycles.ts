/**
 * @module
 * Finds dependency cycles between resources, which CloudFormation rejects ("Circular dependency
 * between resources") only after the template is uploaded.
 */
import { at } from './context.ts';
import type { Checker } from './context.ts';

/** Reports each group of mutually dependent resources once, with one concrete cycle through it. */
export function checkCycles(order: readonly string[], checker: Checker): void {
  const { edges } = checker;
  for (const group of stronglyConnected(order, edges)) {
    const first = group[0]!;
    const cyclic = group.length > 1 || edges.get(first)?.has(first);
    if (!cyclic) continue;
    const cycle = shortestCycle(first, new Set(group), edges);
    checker.report(at('Resources', first), `circular dependency: ${cycle.join(' -> ')}`);
  }
}

/** Tarjan's algorithm; groups list their members in template order. */
function stronglyConnected(order: readonly string[], edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const position = new Map(order.map((id, i) => [id, i]));
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      groups.push(group.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0)));
    }
  };
  for (const node of order) if (!index.has(node)) visit(node);
  return groups.sort((a, b) => (position.get(a[0]!) ?? 0) - (position.get(b[0]!) ?? 0));
}

/** Breadth-first search from `start` back to itself, staying inside its group. */
function shortestCycle(start: string, group: ReadonlySet<string>, edges: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of edges.get(node) ?? []) {
      if (next === start) {
        const chain = [node];
        while (chain[0] !== start) chain.unshift(cameFrom.get(chain[0]!)!);
        return [...chain, start];
      }
      if (group.has(next) && !cameFrom.has(next)) {
        cameFrom.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

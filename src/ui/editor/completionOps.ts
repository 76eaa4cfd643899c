import { type CompletionSource, completeFromList } from '@codemirror/autocomplete';
import { useEffect, useState } from 'react';
import type { OpSignature } from '../../core/op';
import { completions } from '../../lang';
import type { ComputeClient } from '../compute/client';
import { clientOf, type ExplorerStore } from '../store';
import { useExplorerStore } from '../store/context';

/**
 * The ops the editor's completion, the palette and the node editor offer: the engine's registry,
 * asked of the compute client once (the registry loads tfjs, so the main thread never imports it;
 * an op file is the only place an op is listed). Empty until the answer arrives, or when the
 * client has no engine (test fakes).
 */
const asked = new WeakMap<ComputeClient, Promise<readonly OpSignature[]>>();
const known = new WeakMap<ComputeClient, readonly OpSignature[]>();
const NONE: readonly OpSignature[] = [];

function request(client: ComputeClient | undefined): Promise<readonly OpSignature[]> {
  if (!client?.ops) return Promise.resolve(NONE);
  let p = asked.get(client);
  if (!p) {
    p = client.ops().then((o) => {
      const ops = o.ok ? o.value : NONE;
      known.set(client, ops);
      return ops;
    });
    asked.set(client, p);
  }
  return p;
}

/** The store's ops as they stand now (asked for on first use): a getter for CodeMirror's completion. */
export function completionOps(store: ExplorerStore): () => readonly OpSignature[] {
  const client = clientOf(store);
  void request(client);
  return () => (client ? (known.get(client) ?? NONE) : NONE);
}

/** The explorer's ops, for React views: re-renders once when they arrive. */
export function useOps(): readonly OpSignature[] {
  const client = clientOf(useExplorerStore());
  const [ops, setOps] = useState(() => (client ? (known.get(client) ?? NONE) : NONE));
  useEffect(() => {
    let live = true;
    void request(client).then((o) => {
      if (live) setOps(o);
    });
    return () => {
      live = false;
    };
  }, [client]);
  return ops;
}

/** Completion of op names (with their inputs), initialisers, check readers and keywords; the ops read when asked. */
export function gfCompletion(ops: () => readonly OpSignature[]): CompletionSource {
  let last: readonly OpSignature[] | undefined;
  let source: CompletionSource = completeFromList(completions(NONE));
  return (ctx) => {
    const now = ops();
    if (now !== last) {
      last = now;
      source = completeFromList(completions(now));
    }
    return source(ctx);
  };
}

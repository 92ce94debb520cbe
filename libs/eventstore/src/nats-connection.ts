import type { Socket } from 'node:net';
import { NatsConnectionImpl, setTransportFactory, type NatsConnection, type NodeConnectionOptions } from '@nats-io/transport-node';
import { NodeTransport, nodeResolveHost } from '@nats-io/transport-node/lib/node_transport.js';

/**
 * The Node transport, with the frames it is given in one turn of the event loop written in one system call.
 *
 * The client flushes its outbound buffer at every microtask checkpoint, so a busy service wrote to the socket once per
 * callback that published, acknowledged or pulled: a system call each, and a read each for the server. Profiles at
 * `propagate 2,000 × 10` put those writes at 6–16 % of each service's busy time. Here the socket is corked at the
 * first frame of a turn and uncorked once the turn's callbacks have run (setImmediate), so all of them leave in one
 * writev. A frame waits at most for the rest of its turn.
 */
class CoalescingTransport extends NodeTransport {
  /** The socket corked for the current turn, if any. */
  private corked: Socket | undefined;

  override _send(frame: Uint8Array): Promise<void> {
    const socket = this.socket;
    if (socket !== undefined && this.corked !== socket && !this.isClosed) {
      socket.cork();
      this.corked = socket;
      setImmediate(() => {
        if (this.corked === socket) this.corked = undefined;
        socket.uncork();
      });
    }
    return super._send(frame);
  }
}

/**
 * Connects to NATS as `connect` of @nats-io/transport-node does, on the coalescing transport. Async stack traces of
 * requests are off unless the options turn them on: capturing one per publish costs more than the rest of an append
 * on the client.
 */
export function connectNats(options: NodeConnectionOptions): Promise<NatsConnection> {
  // The factory is global to the client library and read at every dial (reconnects included).
  setTransportFactory({ factory: () => new CoalescingTransport(), dnsResolveFn: nodeResolveHost });
  return NatsConnectionImpl.connect({ noAsyncTraces: true, ...options });
}

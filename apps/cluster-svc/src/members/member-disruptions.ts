import { Injectable } from '@nestjs/common';

/**
 * A member's node or pod watch broke (the connection dropped, the member restarted or went away): the collector says
 * so here and the fleet, which is built after the collector, brings that member's next probe forward, so that an
 * unreachable member is seen now rather than up to a status interval later. The damping still holds the change for
 * the whole threshold.
 */
@Injectable()
export class MemberDisruptions {
  private listener: ((cluster: string) => void) | undefined;

  listen(listener: (cluster: string) => void): void {
    this.listener = listener;
  }

  report(cluster: string): void {
    this.listener?.(cluster);
  }
}

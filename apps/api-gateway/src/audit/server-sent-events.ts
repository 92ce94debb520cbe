/**
 * The text/event-stream wire format (WHATWG HTML §9.2): an event is `field: value` lines ending with a blank line,
 * a line starting with `:` is a comment that clients ignore (used as a heartbeat).
 */

/** One event with an id (what the client sends back as `Last-Event-ID` when it reconnects) and JSON data. */
export function sseEvent(id: string, data: unknown): string {
  return `id: ${singleLine(id)}\n${dataLines(JSON.stringify(data))}\n`;
}

/** A comment: keeps idle connections (and proxies) open, invisible to EventSource listeners. */
export function sseComment(text: string): string {
  return `${text.split(/\r\n|\r|\n/).map((line) => `: ${line}`).join('\n')}\n\n`;
}

function dataLines(text: string): string {
  return `${text.split(/\r\n|\r|\n/).map((line) => `data: ${line}`).join('\n')}\n`;
}

/** An id cannot hold line breaks (they would end the field). */
function singleLine(text: string): string {
  return text.replace(/[\r\n]/g, '');
}

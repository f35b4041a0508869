// DNS QNAME decoding from the bytes bpftrace prints with %r (printable bytes as-is, others as \xHH).

/** Turns bpftrace's %r rendering back into bytes. A literal backslash before "xHH" is ambiguous; we read it as an escape. */
export function unescapeBpftraceBuf(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && text[i + 1] === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
      out.push(parseInt(text.slice(i + 2, i + 4), 16));
      i += 3;
    } else {
      const c = text.charCodeAt(i);
      out.push(c & 0xff);
    }
  }
  return Uint8Array.from(out);
}

const LABEL_CHAR = /^[A-Za-z0-9_-]+$/;

/**
 * Decodes a QNAME (length-prefixed labels ending in a zero byte) starting at `offset`.
 * Returns undefined for anything that is not a plausible query name (compression pointers, binary
 * labels, a name longer than 253 chars); a name cut off by the capture length ends with "…".
 */
export function decodeQname(bytes: Uint8Array, offset = 0): string | undefined {
  const labels: string[] = [];
  let i = offset;
  let total = 0;
  while (i < bytes.length) {
    const len = bytes[i];
    if (len === 0) return labels.length > 0 ? labels.join('.') : undefined;
    if (len > 63) return undefined; // pointer or reserved bits: not in a question we sent
    const label = String.fromCharCode(...bytes.subarray(i + 1, i + 1 + len));
    if (label.length > 0 && !LABEL_CHAR.test(label)) return undefined;
    total += len + 1;
    if (total > 254) return undefined;
    if (i + 1 + len > bytes.length) {
      labels.push(label);
      return labels.join('.') + '…';
    }
    labels.push(label);
    i += 1 + len;
  }
  return labels.length > 0 ? labels.join('.') + '…' : undefined;
}

// ADDIN54: bytes as base64 for Excel.createWorkbook, in pieces so the pane can show progress and stay responsive.

/** A piece size that is a multiple of 3, so the pieces' base64 joins into the whole's (RFC 4648 §4). */
const PIECE = 3 * 64 * 1024;

/** Encodes `bytes`; `onProgress(done, total)` after every piece, with a yield to the page between pieces. */
export async function toBase64(bytes: Uint8Array, onProgress?: (done: number, total: number) => void): Promise<string> {
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += PIECE) {
    const piece = bytes.subarray(at, at + PIECE);
    let bin = '';
    for (let i = 0; i < piece.length; i += 0x2000) bin += String.fromCharCode(...piece.subarray(i, i + 0x2000));
    parts.push(btoa(bin));
    onProgress?.(Math.min(at + PIECE, bytes.length), bytes.length);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return parts.join('');
}

// ADDIN50: a downloaded file handed to the pane's browser — a Blob and an <a download> with the server's Chinese name.
import type { DownloadedFile } from '../client/api';

/**
 * The pane runs in a browser: the browser itself in Excel on the web, a webview in Excel on Windows (Edge WebView2) and
 * Mac (WKWebView) — https://learn.microsoft.com/office/dev/add-ins/concepts/browsers-used-by-office-web-add-ins — and an
 * `<a download>` of a Blob URL is that browser's ordinary download (HTML Living Standard, "Downloading resources"). The
 * token stays in the request header; no link carries it.
 */
export function saveFile(file: DownloadedFile, doc: Document = document): void {
  const blob = new Blob([new Uint8Array(file.bytes)], { type: file.type });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

import { createHash } from 'node:crypto';
import { MAX_IMAGE_BYTES } from '../snapshot/snapshot-image.js';

/** WeCom group robot limits (wallboard.md): markdown content at most 4096 bytes of UTF-8. */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * Keeps whole lines while they fit, then says how many were left out, so the message stays
 * within the robot's limit without cutting a character (or a line) in half.
 */
export function fitMarkdown(markdown: string, maxBytes = WECOM_MARKDOWN_MAX_BYTES): string {
  if (bytes(markdown) <= maxBytes) return markdown;
  const lines = markdown.split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const note = `\n> …另有 ${lines.length - i} 行未列出，详见系统`;
    const candidate = [...kept, lines[i]!].join('\n');
    if (bytes(candidate) + bytes(note) > maxBytes) return kept.join('\n') + note;
    kept.push(lines[i]!);
  }
  return kept.join('\n');
}

export function wecomMarkdownBody(markdown: string): { msgtype: 'markdown'; markdown: { content: string } } {
  return { msgtype: 'markdown', markdown: { content: fitMarkdown(markdown) } };
}

/** The image message: base64 of the raw bytes and their md5; null when the image is over the robot's 2 MB. */
export function wecomImageBody(png: Buffer): { msgtype: 'image'; image: { base64: string; md5: string } } | null {
  if (png.length > MAX_IMAGE_BYTES) return null;
  return {
    msgtype: 'image',
    image: { base64: png.toString('base64'), md5: createHash('md5').update(png).digest('hex') },
  };
}

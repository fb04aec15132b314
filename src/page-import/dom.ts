/**
 * The part of the DOM this module reads, as linkedom builds it. linkedom's
 * own types name the browser's DOM types, which the project does not load
 * (no "DOM" lib, so no `document` global can slip into the bot's code).
 */
import { parseHTML } from 'linkedom';

export const TEXT_NODE = 3;
export const ELEMENT_NODE = 1;

export interface DomNode {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

export interface DomElement extends DomNode {
  tagName: string;
  getAttribute(name: string): string | null;
}

export interface DomDocument {
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export function parseDocument(html: string): DomDocument {
  return parseHTML(html).document as unknown as DomDocument;
}

/** Text with every run of white space (newlines, non-breaking spaces) made one space. */
export const squeeze = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

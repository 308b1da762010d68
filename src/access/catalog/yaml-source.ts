import { LineCounter, isMap, isNode, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';

/** One thing wrong in a catalog file: where (line null: the file as a whole) and why. */
export interface CatalogProblem {
  file: string;
  line: number | null;
  message: string;
}

export type Path = readonly PropertyKey[];

/** `roles[2].permissions[1]`: how a problem names the entry it is about. */
export function pathText(path: Path): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${String(k)}`)).join('');
}

/**
 * A parsed YAML file that remembers where each value came from, so a
 * problem found later (by zod or a cross-file rule) names its line.
 */
export class YamlSource {
  readonly problems: CatalogProblem[] = [];
  private readonly lines = new LineCounter();
  private readonly doc: Document.Parsed;

  constructor(readonly file: string, text: string) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    for (const error of this.doc.errors) {
      const line = error.linePos?.[0].line ?? this.lineAt(error.pos[0]);
      this.problems.push({ file, line, message: `not valid YAML: ${error.message.split('\n')[0]}` });
    }
  }

  /** The file's content as plain data (undefined when it is not valid YAML). */
  data(): unknown {
    return this.problems.length ? undefined : this.doc.toJS();
  }

  /** Records a problem about the value at `path` (or, when absent, its nearest present parent). */
  report(path: Path, message: string) {
    this.problems.push({ file: this.file, line: this.lineOf(path), message: path.length ? `${pathText(path)}: ${message}` : message });
  }

  /** Records the problems of a failed zod parse, each at its own line. */
  reportZod(error: z.ZodError) {
    for (const issue of error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) this.report([...issue.path, key], `unknown key "${key}"`);
      } else if (issue.path.length && !this.has(issue.path)) {
        this.report(issue.path, 'is missing');
      } else {
        this.report(issue.path, issue.message);
      }
    }
  }

  has(path: Path): boolean {
    return this.doc.hasIn(path as unknown[]);
  }

  /** The line of the value at `path`: the key's line for a collection, the value's for a scalar. */
  lineOf(path: Path): number {
    let node: unknown = this.doc.contents;
    let line = isNode(node) && node.range ? this.lineAt(node.range[0]) : 1;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
        if (!pair) break;
        if (isNode(pair.key) && pair.key.range) line = this.lineAt(pair.key.range[0]);
        node = pair.value;
        if (isScalar(node) && node.range) line = this.lineAt(node.range[0]);
      } else if (isSeq(node) && typeof key === 'number' && node.items[key] !== undefined) {
        node = node.items[key];
        if (isNode(node) && node.range) line = this.lineAt(node.range[0]);
      } else {
        break;
      }
    }
    return line;
  }

  private lineAt(offset: number): number {
    return this.lines.linePos(offset).line;
  }
}

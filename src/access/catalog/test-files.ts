import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Four-language text for test catalogs. */
export const all = (text: string) => `{ nl: ${text} nl, fr: ${text} fr, de: ${text} de, en: ${text} en }`;

export const DOMAINS_YAML = `domains:
  - id: finances
    name: ${all('Finances')}
  - id: walloon_region
    name: ${all('Wallonia')}
`;

/** An application file with the given roles (YAML list items, indented by two). */
export function applicationYaml(id: string, roles: string, extra = ''): string {
  return `id: ${id}
domain: walloon_region
name: ${all(id)}
description: ${all('Description')}
category: ${all('Transversal')}
${extra}permissions:
  - code: read
    name: ${all('Read')}
  - code: modify
    name: ${all('Modify')}
roles:
${roles}`;
}

export function roleYaml(code: string, permissions: string, extra = ''): string {
  return `  - code: ${code}
    name: ${all(code)}
    short_description: ${all('Short')}
    long_description: ${all('Long')}
    permissions: [${permissions}]
${extra}`;
}

/** A catalog directory in a fresh temporary folder: file path → content. */
export function writeCatalog(files: Record<string, string>): { dir: string; write(files: Record<string, string>): void; remove(file: string): void; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sesame-catalog-'));
  const write = (more: Record<string, string>) => {
    for (const [name, text] of Object.entries(more)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
  };
  write(files);
  return { dir, write, remove: (file) => rmSync(path.join(dir, file)), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

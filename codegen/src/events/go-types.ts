/**
 * Reads govmomi's `types.go` / `enum.go` (vim25 data model): struct declarations with their
 * embedded parents and fields, type aliases (`type A B`) and string enums. Only the
 * declaration forms those files use are understood; anything else in a struct body is an
 * error naming the file and line, so a new govmomi cannot be misread silently.
 */

/** A field's Go type: `*T`, `[]T`, a named type, or one of the few qualified ones (`time.Time`). */
export type GoType = { kind: 'named'; name: string } | { kind: 'pointer'; elem: GoType } | { kind: 'slice'; elem: GoType };

export interface GoField {
  name: string;
  type: GoType;
  /** `xml:"...,omitempty"`: the zero value means "unset" (an empty string for enums, 0 for numbers). */
  omitempty: boolean;
}

export interface GoStruct {
  name: string;
  /** Embedded structs, in declaration order (their fields are promoted, as encoding/json flattens them). */
  embeds: string[];
  /** Members in declaration order: an embed is `{ embed: name }`, a field is a GoField. */
  members: ({ embed: string } | GoField)[];
  line: number;
}

export interface GoModel {
  structs: Map<string, GoStruct>;
  /** `type A B` where B is not a struct literal (e.g. `type AdminDisabledFault AdminDisabled`). */
  aliases: Map<string, string>;
  /** `type X string` with its `const ( XA = X("a") ... )` values, in declaration order. */
  enums: Map<string, string[]>;
}

function parseType(text: string, where: string): GoType {
  if (text.startsWith('*')) return { kind: 'pointer', elem: parseType(text.slice(1), where) };
  if (text.startsWith('[]')) return { kind: 'slice', elem: parseType(text.slice(2), where) };
  if (/^[A-Za-z_][\w]*(\.[A-Za-z_]\w*)?$/.test(text)) return { kind: 'named', name: text };
  throw new Error(`${where}: unsupported Go type '${text}'`);
}

/** Parses the struct and alias declarations of `types.go` (and enum types of `enum.go`). */
export function parseGo(files: { name: string; text: string }[]): GoModel {
  const model: GoModel = { structs: new Map(), aliases: new Map(), enums: new Map() };
  for (const file of files) {
    const lines = file.text.split('\n');
    let current: GoStruct | undefined;
    let constBlock = false;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const where = `${file.name}:${i + 1}`;
      if (current) {
        const t = line.trim();
        if (t === '}') {
          model.structs.set(current.name, current);
          current = undefined;
          continue;
        }
        if (t === '' || t.startsWith('//')) continue;
        const m = /^([A-Za-z_]\w*)(?:\s+(\S+))?(?:\s+`([^`]*)`)?\s*(?:\/\/.*)?$/.exec(t);
        if (!m) throw new Error(`${where}: cannot read struct member '${t}' of ${current.name}`);
        if (m[2] === undefined) {
          current.embeds.push(m[1]!);
          current.members.push({ embed: m[1]! });
        } else {
          const tag = m[3] ?? '';
          current.members.push({ name: m[1]!, type: parseType(m[2], where), omitempty: /xml:"[^"]*,omitempty/.test(tag) });
        }
        continue;
      }
      let m = /^type ([A-Za-z_]\w*) struct \{\s*(\})?\s*$/.exec(line);
      if (m) {
        current = { name: m[1]!, embeds: [], members: [], line: i + 1 };
        if (m[2]) {
          model.structs.set(current.name, current);
          current = undefined;
        }
        continue;
      }
      m = /^type ([A-Za-z_]\w*) string\s*$/.exec(line);
      if (m) {
        model.enums.set(m[1]!, []);
        continue;
      }
      m = /^type ([A-Za-z_]\w*) ([A-Za-z_][\w.]*)\s*$/.exec(line);
      if (m) {
        model.aliases.set(m[1]!, m[2]!);
        continue;
      }
      if (/^const \($/.test(line)) {
        constBlock = true;
        continue;
      }
      if (constBlock) {
        if (line.trim() === ')') {
          constBlock = false;
          continue;
        }
        const c = /^\s*\w+\s*=\s*([A-Za-z_]\w*)\("((?:[^"\\]|\\.)*)"\)\s*$/.exec(line);
        if (c && model.enums.has(c[1]!)) model.enums.get(c[1]!)!.push(JSON.parse(`"${c[2]}"`));
      }
    }
    if (current) throw new Error(`${file.name}: struct ${current.name} (line ${current.line}) is never closed`);
  }
  return model;
}

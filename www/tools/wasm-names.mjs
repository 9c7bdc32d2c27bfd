// Short import and export names for the widget's wasm modules, the same in every module.
//
// wasm-bindgen names each import after the browser call plus a 16-digit hash (`__wbg_append_…`),
// and the module and the glue both carry these names: about 3 KB brotli. The build makes two
// modules from one crate (with and without lists) that share one glue, so both must get the
// *same* short name for the same import. wasm-opt's minify pass numbers names in the order it
// meets them in each module, which differs between the two; this does the renaming itself, from
// one table built over both modules. It also drops every custom section (names, producers,
// target features): no browser reads them.
//
// It rewrites only the import and export sections of the binary and copies every other section
// byte for byte.

/** Reads an unsigned LEB128 number at `pos`: `[value, next position]`. */
function leb(buf, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (pos >= buf.length) throw new Error('wasm-names: truncated number');
    const byte = buf[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(byte & 0x80)) return [value, pos];
    if (shift > 63) throw new Error('wasm-names: number too long');
  }
}

function uleb(n) {
  const out = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return Buffer.from(out);
}

function name(buf, pos) {
  const [len, at] = leb(buf, pos);
  return [buf.subarray(at, at + len).toString('utf8'), at + len];
}

const encodeName = (s) => {
  const bytes = Buffer.from(s, 'utf8');
  return Buffer.concat([uleb(bytes.length), bytes]);
};

/** The module's sections: `{id, start, end}` (the payload's bounds). */
function sections(buf) {
  if (buf.readUInt32LE(0) !== 0x6d736100 || buf.readUInt32LE(4) !== 1) {
    throw new Error('wasm-names: not a version-1 wasm module');
  }
  const out = [];
  let pos = 8;
  while (pos < buf.length) {
    const id = buf[pos];
    const [size, start] = leb(buf, pos + 1);
    out.push({ id, start, end: start + size });
    pos = start + size;
  }
  if (pos !== buf.length) throw new Error('wasm-names: a section runs past the end');
  return out;
}

/** Skips a table's or memory's limits. */
function limits(buf, pos) {
  const flags = buf[pos];
  let [, at] = leb(buf, pos + 1);
  if (flags & 1) [, at] = leb(buf, at);
  return at;
}

/** Skips an import's description (function, table, memory, global or tag). */
function importDesc(buf, pos) {
  const kind = buf[pos];
  switch (kind) {
    case 0: return leb(buf, pos + 1)[1];
    case 1: return limits(buf, pos + 2);
    case 2: return limits(buf, pos + 1);
    case 3: {
      const type = buf[pos + 1];
      if (type === 0x63 || type === 0x64) throw new Error('wasm-names: typed reference globals are not handled');
      return pos + 3;
    }
    case 4: return leb(buf, pos + 2)[1];
    default: throw new Error(`wasm-names: unknown import kind ${kind}`);
  }
}

/** Imports `[module, name]` and export names of a module, in order. */
export function namesOf(buf) {
  const imports = [];
  const exports = [];
  for (const s of sections(buf)) {
    if (s.id !== 2 && s.id !== 7) continue;
    let [count, pos] = leb(buf, s.start);
    for (let i = 0; i < count; i++) {
      if (s.id === 2) {
        const [module, a] = name(buf, pos);
        const [field, b] = name(buf, a);
        imports.push([module, field]);
        pos = importDesc(buf, b);
      } else {
        const [field, a] = name(buf, pos);
        exports.push(field);
        pos = leb(buf, a + 1)[1];
      }
    }
    if (pos !== s.end) throw new Error('wasm-names: a section has bytes left over');
  }
  return { imports, exports };
}

/** `a`, `b`, … `z`, `A`, … `Z`, `aa`, `ab`, …: the n-th short name. */
function short(n) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let out = '';
  n += 1;
  while (n > 0) {
    n -= 1;
    out = letters[n % letters.length] + out;
    n = Math.floor(n / letters.length);
  }
  return out;
}

/**
 * One table of short names over several modules: every import module becomes `a`, each distinct
 * import and export name its own short name, numbered in the order the modules list them.
 * Returns `{module, imports: [[module, name, short]], exports: [[name, short]]}`.
 */
export function nameTable(modules) {
  const imports = new Map();
  const exports = new Map();
  for (const buf of modules) {
    const names = namesOf(buf);
    for (const [module, field] of names.imports) {
      const key = `${module}\u0000${field}`;
      if (!imports.has(key)) imports.set(key, [module, field, short(imports.size)]);
    }
    for (const field of names.exports) {
      if (!exports.has(field)) exports.set(field, [field, short(exports.size)]);
    }
  }
  return { module: 'a', imports: [...imports.values()], exports: [...exports.values()] };
}

/** The module with the table's short names, and without custom sections. */
export function rename(buf, table) {
  const importName = new Map(table.imports.map(([module, field, s]) => [`${module}\u0000${field}`, s]));
  const exportName = new Map(table.exports);
  const parts = [buf.subarray(0, 8)];
  for (const s of sections(buf)) {
    if (s.id === 0) continue;
    let payload = buf.subarray(s.start, s.end);
    if (s.id === 2 || s.id === 7) {
      let [count, pos] = leb(buf, s.start);
      const out = [uleb(count)];
      for (let i = 0; i < count; i++) {
        if (s.id === 2) {
          const [module, a] = name(buf, pos);
          const [field, b] = name(buf, a);
          const next = importDesc(buf, b);
          const to = importName.get(`${module}\u0000${field}`);
          if (to === undefined) throw new Error(`wasm-names: no short name for import ${module}.${field}`);
          out.push(encodeName(table.module), encodeName(to), buf.subarray(b, next));
          pos = next;
        } else {
          const [field, a] = name(buf, pos);
          const next = leb(buf, a + 1)[1];
          const to = exportName.get(field);
          if (to === undefined) throw new Error(`wasm-names: no short name for export ${field}`);
          out.push(encodeName(to), buf.subarray(a, next));
          pos = next;
        }
      }
      payload = Buffer.concat(out);
    }
    parts.push(Buffer.from([s.id]), uleb(payload.length), payload);
  }
  return Buffer.concat(parts);
}

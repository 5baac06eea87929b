#!/usr/bin/env node
// Checks organizations.csv on its own (no dependencies): header, counts per type, unique ids,
// parents exist and have the right type, province_code consistent along the parent chain,
// letter prefixes well-formed and unique, no two LAOs of one type and name in one district.
// Usage: node check.mjs [path/to/organizations.csv]   (exit 1 on any failure)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const file = process.argv[2] || path.join(path.dirname(fileURLToPath(import.meta.url)), 'organizations.csv');
const text = fs.readFileSync(file, 'utf8');

// RFC 4180 parser (accepts LF or CRLF)
function parse(s) {
  const out = []; let row = []; let f = ''; let i = 0; let quoted = false;
  while (i < s.length) {
    const c = s[i];
    if (quoted) {
      if (c === '"') { if (s[i + 1] === '"') { f += '"'; i += 2; continue; } quoted = false; i++; continue; }
      f += c; i++; continue;
    }
    if (c === '"' && f === '') { quoted = true; i++; continue; }
    if (c === ',') { row.push(f); f = ''; i++; continue; }
    if (c === '\r' && s[i + 1] === '\n') { i++; continue; }
    if (c === '\n') { row.push(f); out.push(row); row = []; f = ''; i++; continue; }
    f += c; i++;
  }
  if (f !== '' || row.length) { row.push(f); out.push(row); }
  return out;
}

const errors = [];
const fail = (m) => { if (errors.length < 50) errors.push(m); else if (errors.length === 50) errors.push('...'); };
const [header, ...data] = parse(text);
const FIELDS = ['id', 'type', 'name', 'parent_id', 'province_code', 'letter_prefix', 'address', 'head_title', 'mailbox'];
if (header.join(',') !== FIELDS.join(',')) fail(`header is ${header.join(',')}`);
const rows = data.map((r, n) => { if (r.length !== FIELDS.length) fail(`line ${n + 2}: ${r.length} fields`); return Object.fromEntries(FIELDS.map((k, j) => [k, r[j] ?? ''])); });

const EXPECT = { 'pm-office': 1, unit: 1, province: 76, district: 878, pao: 76, 'city-municipality': 30, 'town-municipality': 195,
  'subdistrict-municipality': 2247, sao: 5300, bma: 1, pattaya: 1 };
const PARENT = { 'pm-office': [''], unit: ['pm-office'], province: ['pm-office'], district: ['province'], pao: ['province'],
  'city-municipality': ['province'], pattaya: ['province'], bma: ['pm-office'], 'town-municipality': ['district'],
  'subdistrict-municipality': ['district'], sao: ['district'] };
const LAO = new Set(['pao', 'city-municipality', 'town-municipality', 'subdistrict-municipality', 'sao', 'bma', 'pattaya']);

const count = {};
const byId = new Map();
for (const r of rows) {
  count[r.type] = (count[r.type] || 0) + 1;
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(r.id)) fail(`id not ASCII kebab: ${r.id}`);
  if (byId.has(r.id)) fail(`duplicate id ${r.id}`);
  byId.set(r.id, r);
  if (!(r.type in EXPECT)) fail(`${r.id}: unknown type ${r.type}`);
  for (const k of ['name', 'letter_prefix', 'address', 'head_title']) if (!r[k]) fail(`${r.id}: empty ${k}`);
  if (r.mailbox && !/^saraban@[a-z0-9.-]+$/.test(r.mailbox)) fail(`${r.id}: mailbox ${r.mailbox} is not saraban@…`);
}
for (const [k, v] of Object.entries(EXPECT)) if ((count[k] || 0) !== v) fail(`count ${k} = ${count[k] || 0}, expected ${v}`);
const laoTotal = rows.filter((r) => LAO.has(r.type)).length;
if (laoTotal !== 7850) fail(`LAO total ${laoTotal}, expected 7850`);

const provinceOf = (r) => { let x = r; for (let n = 0; x && n < 5; n++) { if (x.type === 'province') return x; x = byId.get(x.parent_id); } return null; };
const prefixes = new Map(); // scope -> Set
const use = (scope, p, id) => { if (!prefixes.has(scope)) prefixes.set(scope, new Map()); const m = prefixes.get(scope); if (m.has(p)) fail(`letter prefix ${p} of ${id} also used by ${m.get(p)}`); m.set(p, id); };
const laoNames = new Set();
for (const r of rows) {
  const parent = r.parent_id ? byId.get(r.parent_id) : null;
  if (r.parent_id && !parent) fail(`${r.id}: parent ${r.parent_id} missing`);
  const ok = PARENT[r.type] || [];
  if (!ok.includes(parent ? parent.type : '')) fail(`${r.id}: parent type ${parent ? parent.type : '(none)'} not allowed for ${r.type}`);
  if (!/^[ก-ฮ]{2} [๐-๙]{4}(\.[๐-๙]+)?$/.test(r.letter_prefix)) fail(`${r.id}: bad letter prefix ${r.letter_prefix}`);
  if (!r.letter_prefix.startsWith(r.province_code || 'นร')) fail(`${r.id}: prefix ${r.letter_prefix} does not start with its code`);
  if (r.type === 'pm-office' || r.type === 'unit') { if (r.province_code) fail(`${r.id}: PM office row has a province code`); use('all', r.letter_prefix, r.id); continue; }
  if (!/^[ก-ฮ]{2}$/.test(r.province_code)) fail(`${r.id}: bad province_code ${r.province_code}`);
  if (!/ [0-9]{5}$/.test(r.address)) fail(`${r.id}: address does not end with a postcode`);
  if (r.type === 'bma') { use('all', r.letter_prefix, r.id); continue; }
  const p = provinceOf(r);
  if (!p) { fail(`${r.id}: no province in its parent chain`); continue; }
  if (p.province_code !== r.province_code) fail(`${r.id}: province_code ${r.province_code} but its province ${p.id} has ${p.province_code}`);
  if (LAO.has(r.type) && !r.address.includes(`จังหวัด${p.name.replace(/^จังหวัด/, '')}`)) fail(`${r.id}: address not in ${p.name}`);
  if (r.type === 'province' || r.type === 'district') use('all', r.letter_prefix, r.id); else use(p.id, r.letter_prefix, r.id);
  if (r.type === 'district' && !r.address.startsWith(`ที่ว่าการ${r.name}`)) fail(`${r.id}: district address`);
  if (parent && parent.type === 'district') {
    if (!r.address.includes(parent.name.replace(/^อำเภอ/, 'อำเภอ'))) fail(`${r.id}: address not in ${parent.name}`);
    const k = `${parent.id}|${r.type}|${r.name}`;
    if (laoNames.has(k)) fail(`two ${r.type} named ${r.name} in ${parent.id}`);
    laoNames.add(k);
  }
}
// province and district prefixes must not clash with any LAO prefix either
const all = prefixes.get('all') || new Map();
for (const [scope, m] of prefixes) if (scope !== 'all') for (const [p, id] of m) if (all.has(p)) fail(`prefix ${p} of ${id} clashes with ${all.get(p)}`);
const districtsWithout = rows.filter((r) => r.type === 'district' && !rows.some((x) => x.parent_id === r.id));
if (districtsWithout.length) fail(`${districtsWithout.length} districts without any LAO`);

console.log(`${file}: ${rows.length} rows`);
for (const k of Object.keys(EXPECT)) console.log(`  ${k.padEnd(26)} ${count[k] || 0}`);
console.log(`  LAOs in all                ${laoTotal}`);
if (errors.length) { console.log(`FAILED:\n  ${errors.join('\n  ')}`); process.exit(1); }
console.log('all checks passed');

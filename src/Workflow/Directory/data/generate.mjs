#!/usr/bin/env node
// Generator for organizations.csv (and name_sources.csv): the national directory of the
// organizations a PM Office circular cascades through (PM Office -> ODLOC -> 76 provinces ->
// 878 districts -> 7,850 LAOs). See README.md beside this file.
//
// Usage (needs the npm package thai-address-database@0.0.30 resolvable from the current
// directory, e.g. `npm install thai-address-database@0.0.30` in a scratch folder and run there):
//   node <path>/generate.mjs [--geodb <path/to/geodb.json>] [--out <dir>]
// Output is deterministic: same package version -> byte-identical files.

import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PKG_NAME = 'thai-address-database';
const PKG_VERSION = '0.0.30';
const GEODB_SHA256 = '581a16ef0327ce20e64dea9f822f9d2f0dc8880e1fb64112cf94f4f06e17bdae'; // database/backup/geodb.json of 0.0.30

// ---------------------------------------------------------------- arguments / input
const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = opt('--out') || here;
let geodbPath = opt('--geodb');
if (!geodbPath) {
  const req = createRequire(path.join(process.cwd(), 'noop.js'));
  let pkgJson;
  try { pkgJson = req.resolve(`${PKG_NAME}/package.json`); } catch {
    console.error(`cannot find ${PKG_NAME}; run \`npm install ${PKG_NAME}@${PKG_VERSION}\` in the current directory (or pass --geodb)`);
    process.exit(2);
  }
  const v = JSON.parse(fs.readFileSync(pkgJson, 'utf8')).version;
  if (v !== PKG_VERSION) console.error(`warning: ${PKG_NAME} is ${v}, this generator was written against ${PKG_VERSION}; output may differ`);
  geodbPath = path.join(path.dirname(pkgJson), 'database', 'backup', 'geodb.json');
}
const geodbRaw = fs.readFileSync(geodbPath);
const geodbSha = createHash('sha256').update(geodbRaw).digest('hex');
if (geodbSha !== GEODB_SHA256) console.error(`warning: geodb.json sha256 ${geodbSha} differs from the one this generator was written against; output may differ`);

// geodb.json is compacted with a word dictionary and a lookup table (same scheme as
// jquery.Thailand.js / the package's preprocess()): [[province, code, [[amphoe, code, [[tambon, code, zip]]]]]]
const geodb = JSON.parse(geodbRaw.toString('utf8'));
const lookup = geodb.lookup.split('|');
const words = geodb.words.split('|');
const t = (x) => {
  if (typeof x === 'number') x = lookup[x];
  return x.replace(/[A-Z]/gi, (m) => { const ch = m.charCodeAt(0); return words[ch < 97 ? ch - 65 : 26 + ch - 97]; });
};
let provinces = geodb.data.map((p) => ({
  name: t(p[0]), code: p[1],
  districts: p[2].map((a) => ({
    name: t(a[0]), code: a[1] || 0,
    tambons: a[2].map((d) => ({ name: t(d[0]), code: d[1] || 0, zip: String(d[2]) })),
  })),
}));

// ---------------------------------------------------------------- fixes to the source data
const fixes = [];
// Bangkok is not a province row (it appears only as the LAO `bma`); its 50 khet are excluded.
provinces = provinces.filter((p) => p.code !== 10);
{ // Entries without a postcode are islands (เกาะ...) listed as if they were tambons (Chumphon,
  // Prachuap Khiri Khan); they are not subdistricts and are dropped.
  let dropped = 0;
  for (const p of provinces) for (const d of p.districts) {
    const keep = d.tambons.filter((x) => /^[0-9]{5}$/.test(x.zip));
    dropped += d.tambons.length - keep.length; d.tambons = keep;
  }
  if (dropped) fixes.push(`dropped ${dropped} entries without a postcode (islands listed as tambons)`);
}
const prov = (name) => provinces.find((p) => p.name === name);
const dist = (p, name) => p.districts.find((d) => d.name === name);
{ // Bueng Kan: the package has province code 97 and amphoe code 0; the DOPA geocodes are 38 / 38xx.
  const bk = prov('บึงกาฬ');
  if (bk && bk.code !== 38) { fixes.push(`province บึงกาฬ: code ${bk.code} -> 38 (DOPA geocode)`); bk.code = 38; }
  const bkCodes = { 'เมืองบึงกาฬ': 3801, 'พรเจริญ': 3802, 'โซ่พิสัย': 3803, 'เซกา': 3804, 'ปากคาด': 3805, 'บึงโขงหลง': 3806, 'ศรีวิไล': 3807, 'บุ่งคล้า': 3808 };
  for (const d of bk.districts) if (!d.code && bkCodes[d.name]) { d.code = bkCodes[d.name]; fixes.push(`district ${d.name} (บึงกาฬ): code 0 -> ${d.code}`); }
}
{ // Chiang Mai: Galyani Vadhana has no code in the package.
  const d = dist(prov('เชียงใหม่'), 'กัลยาณิวัฒนา');
  if (d && !d.code) { d.code = 5025; fixes.push('district กัลยาณิวัฒนา (เชียงใหม่): code 0 -> 5025'); }
}
{ // Roi Et: code missing, and the official spelling has no karan.
  const d = dist(prov('ร้อยเอ็ด'), 'จตุรพักตร์พิมาน');
  if (d) { d.name = 'จตุรพักตรพิมาน'; if (!d.code) d.code = 4504; fixes.push('district จตุรพักตร์พิมาน (ร้อยเอ็ด): code 0 -> 4504, name -> จตุรพักตรพิมาน'); }
}
{ // Khon Kaen: Wiang Kao (4029, created 2007 from Phu Wiang) is missing; the package still lists its
  // three tambons under Phu Wiang. Move them to a new district. This brings the count to 878.
  const kk = prov('ขอนแก่น');
  if (!dist(kk, 'เวียงเก่า')) {
    const pw = dist(kk, 'ภูเวียง');
    const moved = ['ในเมือง', 'เมืองเก่าพัฒนา', 'เขาน้อย'];
    const tam = pw.tambons.filter((x) => moved.includes(x.name));
    if (tam.length !== 3) throw new Error('Wiang Kao fix: tambons not found under Phu Wiang');
    pw.tambons = pw.tambons.filter((x) => !moved.includes(x.name));
    kk.districts.push({ name: 'เวียงเก่า', code: 4029, tambons: tam });
    fixes.push('district เวียงเก่า (ขอนแก่น, 4029) added; tambons ในเมือง, เมืองเก่าพัฒนา, เขาน้อย moved from ภูเวียง');
  }
}

// ---------------------------------------------------------------- reference tables
// 2-letter province abbreviations used in document numbers (ที่ ...).
const ABBR = {
  'กระบี่': 'กบ', 'กรุงเทพมหานคร': 'กท', 'กาญจนบุรี': 'กจ', 'กาฬสินธุ์': 'กส', 'กำแพงเพชร': 'กพ', 'ขอนแก่น': 'ขก',
  'จันทบุรี': 'จบ', 'ฉะเชิงเทรา': 'ฉช', 'ชลบุรี': 'ชบ', 'ชัยนาท': 'ชน', 'ชัยภูมิ': 'ชย', 'ชุมพร': 'ชพ',
  'เชียงราย': 'ชร', 'เชียงใหม่': 'ชม', 'ตรัง': 'ตง', 'ตราด': 'ตร', 'ตาก': 'ตก', 'นครนายก': 'นย', 'นครปฐม': 'นฐ',
  'นครพนม': 'นพ', 'นครราชสีมา': 'นม', 'นครศรีธรรมราช': 'นศ', 'นครสวรรค์': 'นว', 'นนทบุรี': 'นบ', 'นราธิวาส': 'นธ',
  'น่าน': 'นน', 'บึงกาฬ': 'บก', 'บุรีรัมย์': 'บร', 'ปทุมธานี': 'ปท', 'ประจวบคีรีขันธ์': 'ปข', 'ปราจีนบุรี': 'ปจ',
  'ปัตตานี': 'ปน', 'พระนครศรีอยุธยา': 'อย', 'พะเยา': 'พย', 'พังงา': 'พง', 'พัทลุง': 'พท', 'พิจิตร': 'พจ',
  'พิษณุโลก': 'พล', 'เพชรบุรี': 'พบ', 'เพชรบูรณ์': 'พช', 'แพร่': 'พร', 'ภูเก็ต': 'ภก', 'มหาสารคาม': 'มค',
  'มุกดาหาร': 'มห', 'แม่ฮ่องสอน': 'มส', 'ยโสธร': 'ยส', 'ยะลา': 'ยล', 'ร้อยเอ็ด': 'รอ', 'ระนอง': 'รน', 'ระยอง': 'รย',
  'ราชบุรี': 'รบ', 'ลพบุรี': 'ลบ', 'ลำปาง': 'ลป', 'ลำพูน': 'ลพ', 'เลย': 'ลย', 'ศรีสะเกษ': 'ศก', 'สกลนคร': 'สน',
  'สงขลา': 'สข', 'สตูล': 'สต', 'สมุทรปราการ': 'สป', 'สมุทรสงคราม': 'สส', 'สมุทรสาคร': 'สค', 'สระแก้ว': 'สก',
  'สระบุรี': 'สบ', 'สิงห์บุรี': 'สห', 'สุโขทัย': 'สท', 'สุพรรณบุรี': 'สพ', 'สุราษฎร์ธานี': 'สฎ', 'สุรินทร์': 'สร',
  'หนองคาย': 'นค', 'หนองบัวลำภู': 'นภ', 'อ่างทอง': 'อท', 'อำนาจเจริญ': 'อจ', 'อุดรธานี': 'อด', 'อุตรดิตถ์': 'อต',
  'อุทัยธานี': 'อน', 'อุบลราชธานี': 'อบ',
};

// The 30 city municipalities (เทศบาลนคร): [name, province, district, host tambon or null = district seat].
const CITY = [
  ['เชียงใหม่', 'เชียงใหม่', 'เมืองเชียงใหม่', null], ['เชียงราย', 'เชียงราย', 'เมืองเชียงราย', null],
  ['ลำปาง', 'ลำปาง', 'เมืองลำปาง', null], ['พิษณุโลก', 'พิษณุโลก', 'เมืองพิษณุโลก', null],
  ['นครสวรรค์', 'นครสวรรค์', 'เมืองนครสวรรค์', null], ['แม่สอด', 'ตาก', 'แม่สอด', 'แม่สอด'],
  ['นนทบุรี', 'นนทบุรี', 'เมืองนนทบุรี', null], ['ปากเกร็ด', 'นนทบุรี', 'ปากเกร็ด', 'ปากเกร็ด'],
  ['รังสิต', 'ปทุมธานี', 'ธัญบุรี', 'ประชาธิปัตย์'], ['สมุทรปราการ', 'สมุทรปราการ', 'เมืองสมุทรปราการ', null],
  ['อ้อมน้อย', 'สมุทรสาคร', 'กระทุ่มแบน', 'อ้อมน้อย'], ['สมุทรสาคร', 'สมุทรสาคร', 'เมืองสมุทรสาคร', null],
  ['นครปฐม', 'นครปฐม', 'เมืองนครปฐม', null], ['พระนครศรีอยุธยา', 'พระนครศรีอยุธยา', 'พระนครศรีอยุธยา', null],
  ['เจ้าพระยาสุรศักดิ์', 'ชลบุรี', 'ศรีราชา', 'สุรศักดิ์'], ['แหลมฉบัง', 'ชลบุรี', 'ศรีราชา', 'ทุ่งสุขลา'],
  ['ระยอง', 'ระยอง', 'เมืองระยอง', null], ['นครราชสีมา', 'นครราชสีมา', 'เมืองนครราชสีมา', null],
  ['ขอนแก่น', 'ขอนแก่น', 'เมืองขอนแก่น', null], ['อุดรธานี', 'อุดรธานี', 'เมืองอุดรธานี', null],
  ['สกลนคร', 'สกลนคร', 'เมืองสกลนคร', null], ['อุบลราชธานี', 'อุบลราชธานี', 'เมืองอุบลราชธานี', null],
  ['นครศรีธรรมราช', 'นครศรีธรรมราช', 'เมืองนครศรีธรรมราช', null], ['สุราษฎร์ธานี', 'สุราษฎร์ธานี', 'เมืองสุราษฎร์ธานี', null],
  ['เกาะสมุย', 'สุราษฎร์ธานี', 'เกาะสมุย', 'อ่างทอง'], ['ภูเก็ต', 'ภูเก็ต', 'เมืองภูเก็ต', null],
  ['หาดใหญ่', 'สงขลา', 'หาดใหญ่', 'หาดใหญ่'], ['สงขลา', 'สงขลา', 'เมืองสงขลา', null],
  ['ตรัง', 'ตรัง', 'เมืองตรัง', null], ['ยะลา', 'ยะลา', 'เมืองยะลา', null],
];

// Town municipalities (เทศบาลเมือง) whose names are known. Every capital district that has no
// city municipality has a town municipality named after the province (added in code, with the
// exception below); these are the others: [name, province, district, host tambon or null].
const CAPITAL_TOWN_NAME = { 'สุโขทัย': 'สุโขทัยธานี' };
const TOWN = [
  ['แสนสุข', 'ชลบุรี', 'เมืองชลบุรี', 'แสนสุข'], ['อ่างศิลา', 'ชลบุรี', 'เมืองชลบุรี', 'อ่างศิลา'],
  ['บ้านสวน', 'ชลบุรี', 'เมืองชลบุรี', 'บ้านสวน'], ['บ้านบึง', 'ชลบุรี', 'บ้านบึง', 'บ้านบึง'],
  ['พนัสนิคม', 'ชลบุรี', 'พนัสนิคม', 'พนัสนิคม'], ['ศรีราชา', 'ชลบุรี', 'ศรีราชา', 'ศรีราชา'],
  ['หนองปรือ', 'ชลบุรี', 'บางละมุง', 'หนองปรือ'],
  ['บ้านไผ่', 'ขอนแก่น', 'บ้านไผ่', 'ในเมือง'], ['ชุมแพ', 'ขอนแก่น', 'ชุมแพ', 'ชุมแพ'],
  ['เมืองพล', 'ขอนแก่น', 'พล', 'เมืองพล'], ['ศิลา', 'ขอนแก่น', 'เมืองขอนแก่น', 'ศิลา'],
  ['ปากช่อง', 'นครราชสีมา', 'ปากช่อง', 'ปากช่อง'], ['บัวใหญ่', 'นครราชสีมา', 'บัวใหญ่', 'บัวใหญ่'],
  ['คอหงส์', 'สงขลา', 'หาดใหญ่', 'คอหงส์'], ['คลองแห', 'สงขลา', 'หาดใหญ่', 'คลองแห'],
  ['บ้านพรุ', 'สงขลา', 'หาดใหญ่', 'บ้านพรุ'], ['ควนลัง', 'สงขลา', 'หาดใหญ่', 'ควนลัง'],
  ['สะเดา', 'สงขลา', 'สะเดา', 'สะเดา'], ['ปาดังเบซาร์', 'สงขลา', 'สะเดา', 'ปาดังเบซาร์'],
  ['เขารูปช้าง', 'สงขลา', 'เมืองสงขลา', 'เขารูปช้าง'],
  ['บางบัวทอง', 'นนทบุรี', 'บางบัวทอง', 'โสนลอย'], ['พิมลราช', 'นนทบุรี', 'บางบัวทอง', 'พิมลราช'],
  ['บางคูรัด', 'นนทบุรี', 'บางบัวทอง', 'บางคูรัด'], ['บางกรวย', 'นนทบุรี', 'บางกรวย', 'วัดชลอ'],
  ['ไทรม้า', 'นนทบุรี', 'เมืองนนทบุรี', 'ไทรม้า'], ['บางศรีเมือง', 'นนทบุรี', 'เมืองนนทบุรี', 'บางศรีเมือง'],
  ['คูคต', 'ปทุมธานี', 'ลำลูกกา', 'คูคต'], ['ลาดสวาย', 'ปทุมธานี', 'ลำลูกกา', 'ลาดสวาย'],
  ['ท่าโขลง', 'ปทุมธานี', 'คลองหลวง', 'คลองหนึ่ง'], ['บึงยี่โถ', 'ปทุมธานี', 'ธัญบุรี', 'บึงยี่โถ'],
  ['พระประแดง', 'สมุทรปราการ', 'พระประแดง', 'ตลาด'], ['ปู่เจ้าสมิงพราย', 'สมุทรปราการ', 'พระประแดง', 'สำโรงกลาง'],
  ['แพรกษา', 'สมุทรปราการ', 'เมืองสมุทรปราการ', 'แพรกษา'], ['ด่านสำโรง', 'สมุทรปราการ', 'เมืองสมุทรปราการ', 'สำโรงเหนือ'],
  ['กระทุ่มแบน', 'สมุทรสาคร', 'กระทุ่มแบน', 'ตลาดกระทุ่มแบน'],
  ['ไร่ขิง', 'นครปฐม', 'สามพราน', 'ไร่ขิง'], ['กระทุ่มล้ม', 'นครปฐม', 'สามพราน', 'กระทุ่มล้ม'],
  ['สามควายเผือก', 'นครปฐม', 'เมืองนครปฐม', 'สามควายเผือก'],
  ['มาบตาพุด', 'ระยอง', 'เมืองระยอง', 'มาบตาพุด'], ['บ้านฉาง', 'ระยอง', 'บ้านฉาง', 'บ้านฉาง'],
  ['แม่เหียะ', 'เชียงใหม่', 'เมืองเชียงใหม่', 'แม่เหียะ'], ['ต้นเปา', 'เชียงใหม่', 'สันกำแพง', 'ต้นเปา'],
  ['เมืองแกนพัฒนา', 'เชียงใหม่', 'แม่แตง', null],
  ['กะทู้', 'ภูเก็ต', 'กะทู้', 'กะทู้'], ['ป่าตอง', 'ภูเก็ต', 'กะทู้', 'ป่าตอง'],
  ['เกาะแก้ว', 'ภูเก็ต', 'เมืองภูเก็ต', 'เกาะแก้ว'], ['รัษฎา', 'ภูเก็ต', 'เมืองภูเก็ต', 'รัษฎา'],
  ['วิชิต', 'ภูเก็ต', 'เมืองภูเก็ต', 'วิชิต'],
  ['นาสาร', 'สุราษฎร์ธานี', 'บ้านนาสาร', 'นาสาร'], ['ท่าข้าม', 'สุราษฎร์ธานี', 'พุนพิน', 'ท่าข้าม'],
  ['ทุ่งสง', 'นครศรีธรรมราช', 'ทุ่งสง', 'ปากแพรก'], ['ปากพนัง', 'นครศรีธรรมราช', 'ปากพนัง', 'ปากพนัง'],
  ['ปากพูน', 'นครศรีธรรมราช', 'เมืองนครศรีธรรมราช', 'ปากพูน'],
  ['หนองสำโรง', 'อุดรธานี', 'เมืองอุดรธานี', null],
  ['วารินชำราบ', 'อุบลราชธานี', 'วารินชำราบ', 'วารินชำราบ'],
  ['เขาสามยอด', 'ลพบุรี', 'เมืองลพบุรี', 'เขาสามยอด'],
  ['แก่งคอย', 'สระบุรี', 'แก่งคอย', 'แก่งคอย'], ['ทับกวาง', 'สระบุรี', 'แก่งคอย', 'ทับกวาง'],
  ['พระพุทธบาท', 'สระบุรี', 'พระพุทธบาท', 'ขุนโขลน'],
  ['อโยธยา', 'พระนครศรีอยุธยา', 'พระนครศรีอยุธยา', null], ['เสนา', 'พระนครศรีอยุธยา', 'เสนา', 'เสนา'],
  ['ลำตาเสา', 'พระนครศรีอยุธยา', 'วังน้อย', 'ลำตาเสา'],
  ['อรัญญิก', 'พิษณุโลก', 'เมืองพิษณุโลก', 'อรัญญิก'],
  ['ท่าเรือพระแท่น', 'กาญจนบุรี', 'ท่ามะกา', 'ท่าเรือ'],
  ['บ้านโป่ง', 'ราชบุรี', 'บ้านโป่ง', 'บ้านโป่ง'], ['โพธาราม', 'ราชบุรี', 'โพธาราม', 'โพธาราม'],
  ['ชะอำ', 'เพชรบุรี', 'ชะอำ', 'ชะอำ'], ['หัวหิน', 'ประจวบคีรีขันธ์', 'หัวหิน', 'หัวหิน'],
  ['เขลางค์นคร', 'ลำปาง', 'เมืองลำปาง', null], ['ท่าช้าง', 'จันทบุรี', 'เมืองจันทบุรี', 'ท่าช้าง'],
  ['อรัญญประเทศ', 'สระแก้ว', 'อรัญประเทศ', 'อรัญประเทศ'], ['เบตง', 'ยะลา', 'เบตง', 'เบตง'],
  ['สุไหงโก-ลก', 'นราธิวาส', 'สุไหงโก-ลก', 'สุไหงโก-ลก'], ['บัวขาว', 'กาฬสินธุ์', 'กุฉินารายณ์', 'บัวขาว'],
];

const TARGET = { town: 195, sdm: 2247, sao: 5300 };

// ---------------------------------------------------------------- helpers
const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';
const th = (s) => String(s).replace(/[0-9]/g, (d) => THAI_DIGITS[+d]);
const pad = (n, w) => String(n).padStart(w, '0');
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0); // code-unit order: locale independent

provinces.sort((a, b) => a.code - b.code);
for (const p of provinces) {
  if (!ABBR[p.name]) throw new Error(`no abbreviation for ${p.name}`);
  p.abbr = ABBR[p.name];
  p.districts.sort((a, b) => a.code - b.code);
  for (const d of p.districts) {
    d.province = p;
    const own = (x) => Math.floor(x.code / 100) === d.code;
    // tambon order: tambons whose code belongs to this district by code, then the rest by name
    d.tambons.sort((a, b) => (own(b) - own(a)) || (own(a) ? a.code - b.code : 0) || cmp(a.name, b.name));
    // the district seat: the tambon named like the district, else code <district>01, else the first
    const bare = d.name.replace(/^เมือง/, '');
    d.seat = d.tambons.find((x) => x.name === d.name) || d.tambons.find((x) => x.code === d.code * 100 + 1)
      || d.tambons.find((x) => x.name === bare) || d.tambons[0];
    d.tambons = [d.seat, ...d.tambons.filter((x) => x !== d.seat)];
    d.hosted = new Set(); // tambons hosting a city or town municipality
  }
  p.capital = p.districts.find((d) => d.code === p.code * 100 + 1);
}

const findDistrict = (pname, dname) => {
  const p = prov(pname); if (!p) throw new Error(`province ${pname}`);
  const d = dist(p, dname); if (!d) throw new Error(`district ${dname} in ${pname}`);
  return d;
};
const warnings = [];
const pickHost = (d, tambonName, what) => {
  if (tambonName) {
    const x = d.tambons.find((y) => y.name === tambonName);
    if (x) { if (d.hosted.has(x)) warnings.push(`${what}: host ${tambonName} already hosts another municipality`); return x; }
    warnings.push(`${what}: tambon ${tambonName} not in ${d.name}; using the first free tambon`);
  }
  return d.tambons.find((y) => !d.hosted.has(y)) || d.seat;
};

// ---------------------------------------------------------------- city and town municipalities
const cities = []; // {name, district, host}
for (const [name, pname, dname, host] of CITY) {
  const d = findDistrict(pname, dname);
  const h = pickHost(d, host, `เทศบาลนคร${name}`); d.hosted.add(h);
  cities.push({ name, district: d, host: h });
}
if (cities.length !== 30) throw new Error('city count');
const towns = []; // {name, district, host, source}
const cityCapitals = new Set(cities.map((c) => c.district).filter((d) => d === d.province.capital).map((d) => d.province));
for (const p of provinces) {
  if (cityCapitals.has(p)) continue;
  const d = p.capital;
  const name = CAPITAL_TOWN_NAME[p.name] || p.name;
  d.hosted.add(d.seat);
  towns.push({ name, district: d, host: d.seat, source: 'curated' });
}
for (const [name, pname, dname, host] of TOWN) {
  const d = findDistrict(pname, dname);
  const h = pickHost(d, host, `เทศบาลเมือง${name}`); d.hosted.add(h);
  towns.push({ name, district: d, host: h, source: 'curated' });
}
const allDistricts = provinces.flatMap((p) => p.districts);
{ // derived town municipalities: one at a time, to the district (without a city or town
  // municipality, not a capital) in the province with the fewest towns so far, largest first.
  const townsPerProv = new Map(provinces.map((p) => [p, 0]));
  for (const x of towns) townsPerProv.set(x.district.province, townsPerProv.get(x.district.province) + 1);
  const eligible = allDistricts.filter((d) => d.hosted.size === 0 && d !== d.province.capital && d.tambons.length >= 2);
  while (towns.length < TARGET.town) {
    let best = null;
    for (const d of eligible) {
      if (d.hosted.size) continue;
      if (!best) { best = d; continue; }
      const k = (x) => [townsPerProv.get(x.province), -x.tambons.length, x.code];
      const a = k(d), b = k(best);
      if (a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])))) best = d;
    }
    if (!best) throw new Error('no district left for a derived town municipality');
    best.hosted.add(best.seat);
    towns.push({ name: best.seat.name, district: best, host: best.seat, source: 'derived' });
    townsPerProv.set(best.province, townsPerProv.get(best.province) + 1);
  }
}
if (towns.length !== TARGET.town) throw new Error(`town count ${towns.length}`);

// ---------------------------------------------------------------- subdistrict municipalities and SAOs
// Largest-remainder apportionment of `total` over items with weight w, minimum lo and cap hi.
function apportion(total, items) {
  const q = items.map((x) => x.lo);
  let left = total - q.reduce((s, v) => s + v, 0);
  if (left < 0) throw new Error('minimums exceed total');
  for (;;) {
    const open = items.map((x, i) => i).filter((i) => q[i] < items[i].hi);
    const W = open.reduce((s, i) => s + items[i].w, 0);
    if (left === 0) break;
    if (!open.length || W === 0) throw new Error('capacity too small');
    const share = open.map((i) => ({ i, v: (left * items[i].w) / W }));
    let given = 0;
    for (const s of share) { const add = Math.min(Math.floor(s.v), items[s.i].hi - q[s.i]); q[s.i] += add; given += add; s.r = s.v - Math.floor(s.v); }
    left -= given;
    if (given === 0) {
      share.sort((a, b) => (b.r - a.r) || (items[a.i].key - items[b.i].key));
      for (const s of share) { if (left === 0) break; if (q[s.i] < items[s.i].hi) { q[s.i]++; left--; } }
    }
  }
  return q;
}
for (const d of allDistricts) d.free = d.tambons.filter((x) => !d.hosted.has(x));
const sdmQ = apportion(TARGET.sdm, allDistricts.map((d) => ({
  w: d.free.length, lo: d.hosted.size === 0 && d.free.length > 0 ? 1 : 0, hi: d.free.length, key: d.code,
})));
const saoQ = apportion(TARGET.sao, allDistricts.map((d) => ({ w: d.free.length, lo: 0, hi: d.free.length, key: d.code })));

// ---------------------------------------------------------------- rows
const rows = [];
const sources = [];
const add = (r, source, host) => { rows.push(r); sources.push({ id: r.id, source, host: host || '' }); };
const lao = (tambon, d) => `ตำบล${tambon.name} อำเภอ${d.name} จังหวัด${d.province.name} ${tambon.zip}`;

add({ id: 'pmo-ops', type: 'pm-office', name: 'สำนักงานปลัดสำนักนายกรัฐมนตรี', parent_id: '', province_code: '',
  letter_prefix: 'นร ๐๑๐๗', address: 'ทำเนียบรัฐบาล ถนนพิษณุโลก เขตดุสิต กรุงเทพมหานคร 10300', head_title: 'ปลัดสำนักนายกรัฐมนตรี' }, 'curated');
add({ id: 'pmo-ops-odloc', type: 'unit', name: 'สำนักงานคณะกรรมการการกระจายอำนาจให้แก่องค์กรปกครองส่วนท้องถิ่น', parent_id: 'pmo-ops',
  province_code: '', letter_prefix: 'นร ๐๑๐๗.๘', address: 'ทำเนียบรัฐบาล ถนนพิษณุโลก เขตดุสิต กรุงเทพมหานคร 10300',
  head_title: 'เลขาธิการคณะกรรมการการกระจายอำนาจให้แก่องค์กรปกครองส่วนท้องถิ่น' }, 'curated');
add({ id: 'lao-bma', type: 'bma', name: 'กรุงเทพมหานคร', parent_id: 'pmo-ops', province_code: 'กท', letter_prefix: 'กท ๕๐๐๑',
  address: 'ศาลาว่าการกรุงเทพมหานคร ถนนดินสอ แขวงเสาชิงช้า เขตพระนคร กรุงเทพมหานคร 10200', head_title: 'ผู้ว่าราชการกรุงเทพมหานคร' }, 'curated');

for (const p of provinces) {
  const pid = `prov-${pad(p.code, 2)}`;
  const cap = p.capital;
  add({ id: pid, type: 'province', name: `จังหวัด${p.name}`, parent_id: 'pmo-ops', province_code: p.abbr,
    letter_prefix: `${p.abbr} ๐๐๒๓.๓`, address: `ศาลากลางจังหวัด${p.name} อำเภอ${cap.name} จังหวัด${p.name} ${cap.seat.zip}`,
    head_title: `ผู้ว่าราชการจังหวัด${p.name}` }, 'package');
  add({ id: `lao-pao-${pad(p.code, 2)}`, type: 'pao', name: `องค์การบริหารส่วนจังหวัด${p.name}`, parent_id: pid, province_code: p.abbr,
    letter_prefix: `${p.abbr} ๕๐๐๑`, address: lao(cap.seat, cap), head_title: `นายกองค์การบริหารส่วนจังหวัด${p.name}` }, 'package', cap.seat.name);
  let provSeq = 1;
  const cityCount = {};
  for (const c of cities.filter((x) => x.district.province === p).sort((a, b) => a.district.code - b.district.code)) {
    const d = c.district; cityCount[d.code] = (cityCount[d.code] || 0) + 1;
    add({ id: `lao-city-${d.code}-${pad(cityCount[d.code], 2)}`, type: 'city-municipality', name: `เทศบาลนคร${c.name}`, parent_id: pid,
      province_code: p.abbr, letter_prefix: `${p.abbr} ${th(5000 + ++provSeq)}`, address: lao(c.host, d), head_title: `นายกเทศมนตรีนคร${c.name}` }, 'curated', c.host.name);
  }
  if (p.name === 'ชลบุรี') {
    const d = dist(p, 'บางละมุง');
    const h = d.tambons.find((x) => x.name === 'หนองปรือ');
    add({ id: 'lao-pattaya', type: 'pattaya', name: 'เมืองพัทยา', parent_id: pid, province_code: p.abbr, letter_prefix: `${p.abbr} ๕๐๐๙`,
      address: `ศาลาว่าการเมืองพัทยา ตำบล${h.name} อำเภอ${d.name} จังหวัด${p.name} ${h.zip}`, head_title: 'นายกเมืองพัทยา' }, 'curated', h.name);
  }
  if (provSeq > 8) throw new Error('too many province-level LAOs for the 50xx prefix range');
  for (const d of p.districts) {
    const idx = allDistricts.indexOf(d);
    const aa = d.code % 100;
    if (aa < 1 || aa > 49) throw new Error(`district code ${d.code} outside 01..49`);
    const did = `dist-${d.code}`;
    add({ id: did, type: 'district', name: `อำเภอ${d.name}`, parent_id: pid, province_code: p.abbr,
      letter_prefix: `${p.abbr} ${th('04' + pad(aa, 2))}`, address: `ที่ว่าการอำเภอ${d.name} จังหวัด${p.name} ${d.seat.zip}`,
      head_title: `นายอำเภอ${d.name}` }, 'package', d.seat.name);
    let seq = 0;
    const prefix = () => { if (++seq > 99) throw new Error(`too many LAOs in ${d.name}`); return `${p.abbr} ${th(pad(50 + aa, 2) + pad(seq, 2))}`; };
    towns.filter((x) => x.district === d).forEach((x, i) => add({ id: `lao-town-${d.code}-${pad(i + 1, 2)}`, type: 'town-municipality',
      name: `เทศบาลเมือง${x.name}`, parent_id: did, province_code: p.abbr, letter_prefix: prefix(), address: lao(x.host, d),
      head_title: `นายกเทศมนตรีเมือง${x.name}` }, x.source, x.host.name));
    // subdistrict municipalities from the seat outward, SAOs from the far end inward
    const sdm = d.free.slice(0, sdmQ[idx]);
    const sao = d.free.slice(d.free.length - saoQ[idx]).reverse();
    sdm.forEach((x, i) => add({ id: `lao-sdm-${d.code}-${pad(i + 1, 2)}`, type: 'subdistrict-municipality', name: `เทศบาลตำบล${x.name}`,
      parent_id: did, province_code: p.abbr, letter_prefix: prefix(), address: lao(x, d), head_title: `นายกเทศมนตรีตำบล${x.name}` }, 'derived', x.name));
    sao.forEach((x, i) => add({ id: `lao-sao-${d.code}-${pad(i + 1, 2)}`, type: 'sao', name: `องค์การบริหารส่วนตำบล${x.name}`,
      parent_id: did, province_code: p.abbr, letter_prefix: prefix(), address: lao(x, d), head_title: `นายกองค์การบริหารส่วนตำบล${x.name}` }, 'derived', x.name));
  }
}

// ---------------------------------------------------------------- validate and write
const count = {};
for (const r of rows) count[r.type] = (count[r.type] || 0) + 1;
const expect = { 'pm-office': 1, unit: 1, province: 76, district: 878, pao: 76, 'city-municipality': 30, 'town-municipality': 195,
  'subdistrict-municipality': 2247, sao: 5300, bma: 1, pattaya: 1 };
for (const [k, v] of Object.entries(expect)) if (count[k] !== v) throw new Error(`count ${k}: ${count[k]} != ${v}`);
const ids = new Set(rows.map((r) => r.id));
if (ids.size !== rows.length) throw new Error('duplicate ids');
const pref = new Set();
for (const r of rows) {
  const k = r.letter_prefix;
  if (pref.has(k)) throw new Error(`duplicate letter prefix ${k}`);
  pref.add(k);
  if (!/^[ก-ฮ]{2} [๐-๙]{4}(\.[๐-๙]+)?$/.test(k)) throw new Error(`bad prefix ${k}`);
}
const seenName = new Set();
for (const r of rows) if (r.parent_id.startsWith('dist-')) {
  const k = `${r.parent_id}|${r.type}|${r.name}`;
  if (seenName.has(k)) throw new Error(`duplicate ${k}`);
  seenName.add(k);
}

// The central mailbox (since the 2564 amendment every agency has one, saraban@…): placeholders under the
// reserved .invalid domain, so nothing is ever mailed to a real agency by mistake; see README.
for (const r of rows) r.mailbox = `saraban@${r.id}.invalid`;
const FIELDS = ['id', 'type', 'name', 'parent_id', 'province_code', 'letter_prefix', 'address', 'head_title', 'mailbox'];
const q = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = [FIELDS.join(','), ...rows.map((r) => FIELDS.map((f) => q(r[f])).join(','))].join('\n') + '\n';
fs.writeFileSync(path.join(outDir, 'organizations.csv'), csv);
const src = ['id,name_source,host_tambon', ...sources.map((s) => [s.id, s.source, s.host].map(q).join(','))].join('\n') + '\n';
fs.writeFileSync(path.join(outDir, 'name_sources.csv'), src);

const bySource = {};
for (const s of sources) bySource[s.source] = (bySource[s.source] || 0) + 1;
console.error(`source ${geodbPath} sha256 ${geodbSha}`);
for (const f of fixes) console.error(`fix: ${f}`);
for (const w of warnings) console.error(`warning: ${w}`);
console.error(`rows ${rows.length}:`, JSON.stringify(count));
console.error('name sources:', JSON.stringify(bySource));
console.error(`subdistricts (tambon) outside Bangkok: ${allDistricts.reduce((s, d) => s + d.tambons.length, 0)}`);

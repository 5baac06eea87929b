// สารบรรณอิเล็กทรอนิกส์: the little the pages need beyond HTML. Every page works without it.
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  // ลงรับหนังสือกระดาษ: read the pasted text through /api/intake and fill the form for the clerk to check.
  // The same for a chosen scan: /api/intake reads it by OCR on the server (never a cloud service).
  const fill = (json, out) => {
    const f = json[0] || {};
    const v = x => x && (x.value ?? x.text ?? x);
    // The reader gives dates as YYYY-MM-DD; the form shows them as a Thai clerk writes them (๑๔ ก.ย. ๒๕๖๖).
    const months = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
    const thai = s => String(s).replace(/[0-9]/g, d => '๐๑๒๓๔๕๖๗๘๙'[d]);
    const date = x => { const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v(x) || ''); return m ? thai(`${+m[3]} ${months[m[2] - 1]} ${+m[1] + 543}`) : v(x); };
    const set = (id, x) => { const e = document.getElementById(id); if (e && x) e.value = x; };
    set('senderName', v(f.sender));
    set('documentNumber', f.documentNumber && (f.documentNumber.text ?? v(f.documentNumber)));
    set('date', date(f.date)); set('subject', v(f.subject)); set('addresseeLine', v(f.addressee)); set('actionDue', date(f.deadline));
    out.textContent = 'เติมข้อมูลแล้ว โปรดตรวจก่อนลงทะเบียน';
  };
  const intake = async (body, type, out) => {
    out.textContent = 'กำลังอ่าน…';
    const r = await fetch('/api/intake', { method: 'POST', headers: { 'Content-Type': type }, body });
    const json = await r.json().catch(() => ({}));
    if (!r.ok) { out.textContent = json.detail || 'อ่านไม่ได้'; return; }
    fill(json, out);
  };
  const read = document.getElementById('read');
  if (read) read.addEventListener('click', () =>
    intake(document.getElementById('pasted').value, 'text/plain; charset=utf-8', document.getElementById('readResult')));
  const scan = document.getElementById('scan');
  if (scan) scan.addEventListener('change', () => {
    if (scan.files.length === 1) intake(scan.files[0], 'application/octet-stream', document.getElementById('scanResult'));
  });

  // The addressee picker: typing narrows the offices shown (an office stays when it or one below it matches).
  document.querySelectorAll('[data-picker]').forEach(picker => {
    const filter = picker.querySelector('input[type=search]');
    const items = [...picker.querySelectorAll('li[data-name]')];
    if (filter) filter.addEventListener('input', () => {
      const q = filter.value.trim();
      items.forEach(li => {
        li.hidden = q !== '' && !li.dataset.name.includes(q) && ![...li.querySelectorAll('li[data-name]')].some(x => x.dataset.name.includes(q));
      });
      if (q !== '') picker.querySelectorAll('details').forEach(d => { d.open = true; });
    });
  });

  // Buttons that act for many people ask once more.
  document.querySelectorAll('form[data-confirm]').forEach(f => f.addEventListener('submit', e => {
    if (!confirm(f.dataset.confirm)) e.preventDefault();
  }));
});

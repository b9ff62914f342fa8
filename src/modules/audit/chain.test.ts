import { describe, expect, it } from 'vitest';
import { CHAIN_START, hashAuditRecord, signAnchor, verifyAnchor, verifyLinks, type AuditRecord } from './chain.ts';

const KEY = 'k'.repeat(40);

function chainOf(count: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  let prevHash = CHAIN_START.hash;
  for (let seq = 1; seq <= count; seq++) {
    const base = {
      seq,
      at: new Date(Date.UTC(2026, 9, 1, 0, seq)),
      actorId: null,
      actorName: '王小梅',
      actorRole: 'window_staff',
      orgId: null,
      action: 'staff.update',
      targetType: 'staff',
      targetId: String(seq),
      summary: { changed: ['name'], n: seq },
      clientIp: '127.0.0.1',
      prevHash,
    };
    const hash = hashAuditRecord(KEY, base);
    records.push({ ...base, hash });
    prevHash = hash;
  }
  return records;
}

describe('audit hash chain', () => {
  it('accepts an untouched chain and its anchor', () => {
    const records = chainOf(5);
    const verdict = verifyLinks(KEY, records, CHAIN_START);
    expect(verdict.ok).toBe(true);
    const last = records[4]!;
    expect(
      verifyAnchor(KEY, { seq: 5, hash: last.hash, signature: signAnchor(KEY, 5, last.hash) }, { seq: 5, hash: last.hash }),
    ).toBeNull();
  });

  it('names the first edited, deleted, reordered or forged record', () => {
    const edited = chainOf(5);
    edited[2] = { ...edited[2]!, summary: { changed: ['role'] } };
    expect(verifyLinks(KEY, edited, CHAIN_START)).toMatchObject({ ok: false, firstBroken: { seq: 3 } });

    const deleted = chainOf(5).filter((record) => record.seq !== 2);
    expect(verifyLinks(KEY, deleted, CHAIN_START)).toMatchObject({ ok: false, firstBroken: { seq: 2 } });

    const swapped = chainOf(5);
    const [third, fourth] = [swapped[2]!, swapped[3]!];
    swapped[2] = { ...fourth, seq: 3 };
    swapped[3] = { ...third, seq: 4 };
    expect(verifyLinks(KEY, swapped, CHAIN_START)).toMatchObject({ ok: false, firstBroken: { seq: 3 } });

    const forged = chainOf(5);
    const fake = { ...forged[1]!, action: 'staff.disable' };
    forged[1] = { ...fake, hash: hashAuditRecord('attacker-without-the-key-000000000000', fake) };
    expect(verifyLinks(KEY, forged, CHAIN_START)).toMatchObject({ ok: false, firstBroken: { seq: 2 } });
  });

  it('detects a cut-off tail and a forged anchor', () => {
    const records = chainOf(5);
    const last = records[4]!;
    const anchor = { seq: 5, hash: last.hash, signature: signAnchor(KEY, 5, last.hash) };
    const cut = verifyLinks(KEY, records.slice(0, 3), CHAIN_START);
    if (!cut.ok) throw new Error('prefix should link');
    expect(verifyAnchor(KEY, anchor, cut.end)).toMatchObject({ seq: 4 });
    const third = records[2]!;
    expect(verifyAnchor(KEY, { seq: 3, hash: third.hash, signature: 'forged' }, cut.end)).toMatchObject({ seq: 3 });
    expect(verifyAnchor(KEY, null, cut.end)).not.toBeNull();
  });
});

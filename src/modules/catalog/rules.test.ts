import { describe, expect, it } from 'vitest';
import { demoCatalogContents, DEMO_BUNDLES } from './demo/seed.ts';
import { checkItem, checkLocalAgainstBase, diffContent, mergeBundleMaterials, planSearch, searchGramsOf, searchKeyOf } from './rules.ts';
import type { ItemContent } from './schemas.ts';

const demo = demoCatalogContents();
const homestead = (): ItemContent => structuredClone(demo.find((item) => item.code === 'ZJD-001') as ItemContent);

describe('checkItem', () => {
  it('accepts every demo item for publishing (八公开 complete), and there are at least 40', () => {
    expect(demo.length).toBeGreaterThanOrEqual(40);
    for (const item of demo) expect(checkItem(item, 'publish'), item.code).toEqual([]);
    expect(new Set(demo.map((item) => item.code)).size).toBe(demo.length);
  });

  it('refuses promised days longer than the legal ones, a nameless required material and a fee without basis — all at once, in Chinese', () => {
    const item = homestead();
    item.promisedDays = 25;
    item.procedure = [];
    item.materials.push({ ...item.materials[0]!, name: '' });
    item.fees = [{ name: '工本费', amount: 10, basis: '' }];
    const problems = checkItem(item, 'draft');
    expect(problems.map((problem) => problem.path)).toEqual([
      'promisedDays',
      `materials[${item.materials.length - 1}].name`,
      'fees[0].basis',
    ]);
    expect(problems[0]?.message).toBe('承诺时限（25个工作日）不能超过法定时限（20个工作日）');
    expect(problems[1]?.message).toMatch(/必需材料，但缺少名称/);
    expect(problems[2]?.message).toMatch(/缺少收费依据/);
  });

  it('refuses 即办件 with days, step days over the promise, and counting a hearing in the limit (行政许可法 第45条)', () => {
    const item = homestead();
    item.handling = 'immediate';
    item.specialSteps.push({ name: '听证', days: 10, basis: '', fee: '', countsInLimit: true });
    const messages = checkItem(item, 'draft').map((problem) => problem.message);
    expect(messages).toContain('即办件应当场办结，承诺时限应为 0');
    expect(messages.some((message) => message.includes('第四十五条'))).toBe(true);
    const slow = homestead();
    slow.promisedDays = 10;
    expect(checkItem(slow, 'draft').map((problem) => problem.path)).toEqual(['procedure']);
  });

  it('lets a draft be incomplete but not a published guide (八公开)', () => {
    const item = homestead();
    item.basis = [];
    item.contacts.supervisePhone = '';
    expect(checkItem(item, 'draft')).toEqual([]);
    expect(checkItem(item, 'publish').map((problem) => problem.message)).toEqual(['发布前须公开办事依据', '发布前须公开监督电话']);
  });

  it('counts calendar days as 自然日 and refuses unknown situations and duplicate materials', () => {
    const item = homestead();
    item.dayKind = 'calendar';
    item.promisedDays = 21;
    item.materials.push({ ...item.materials[1]!, situations: ['nowhere'] });
    const messages = checkItem(item, 'draft').map((problem) => problem.message);
    expect(messages[0]).toBe('承诺时限（21个自然日）不能超过法定时限（20个自然日）');
    expect(messages).toContain('材料“申请人居民身份证”重复列出');
    expect(messages).toContain('材料“申请人居民身份证”引用了不存在的办理情形“nowhere”');
  });

  it('keeps a township from changing the legal limit or the code of a base item', () => {
    const base = homestead();
    const local = { ...homestead(), legalDays: 30, code: 'ZJD-002' };
    expect(checkLocalAgainstBase(local, base).map((problem) => problem.path)).toEqual(['code', 'legalDays']);
    expect(checkLocalAgainstBase({ ...homestead(), promisedDays: 8 }, base)).toEqual([]);
  });
});

describe('search key', () => {
  it('holds the name, full pinyin and initials', () => {
    const key = searchKeyOf(homestead());
    expect(key).toContain('宅基地');
    expect(key).toContain('zhaijidi');
    expect(key).toContain('zjd');
    expect(key).toContain('zjdhjf');
  });

  it('holds the code as a query is normalised, so “ZJD-001” typed in a picker finds it', () => {
    expect(homestead().code).toBe('ZJD-001');
    expect(searchKeyOf(homestead()).split(' ')).toContain('zjd001');
    expect(planSearch('ZJD-001')).toEqual({ kind: 'trigram', text: 'zjd001' });
  });

  it('indexes 1- and 2-character grams for queries too short for trigrams', () => {
    const grams = searchGramsOf('低保申请 dibao');
    expect(grams).toEqual(expect.arrayContaining(['低', '低保', '申请', 'di', 'b']));
    expect(planSearch(' 低保 ')).toEqual({ kind: 'gram', text: '低保' });
    expect(planSearch('Zhai Ji Di')).toEqual({ kind: 'trigram', text: 'zhaijidi' });
    expect(planSearch('%_')).toEqual({ kind: 'none' });
    expect(planSearch(undefined)).toEqual({ kind: 'none' });
  });
});

describe('diffContent and bundles', () => {
  it('lists changed fields and materials by name', () => {
    const before = homestead();
    const after = homestead();
    after.promisedDays = 10;
    after.procedure = after.procedure.slice(0, 2);
    after.materials = after.materials.filter((material) => material.name !== '户口簿');
    after.materials.push({ ...after.materials[0]!, name: '新材料' });
    const diff = diffContent(before, after);
    expect(diff.map((entry) => entry.label)).toEqual(['承诺时限', '办理程序', '申请材料：户口簿', '申请材料：新材料']);
    expect(diff[0]).toMatchObject({ before: 15, after: 10 });
  });

  it('asks each material once across a bundle', () => {
    for (const bundle of DEMO_BUNDLES) {
      const items = bundle.item_codes.map((code) => demo.find((item) => item.code === code) as ItemContent);
      expect(items.every(Boolean), bundle.code).toBe(true);
      const merged = mergeBundleMaterials(items);
      const names = merged.map((material) => material.name);
      expect(new Set(names).size).toBe(names.length);
      const total = items.reduce((sum, item) => sum + item.materials.length, 0);
      if (bundle.code === 'HOUSE') {
        expect(merged.length).toBeLessThan(total);
        expect(merged.find((material) => material.name === '申请人居民身份证')?.forItems).toEqual(['ZJD-001', 'BDCDJ-001']);
      }
    }
  });
});

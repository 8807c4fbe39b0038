import { describe, expect, it } from 'vitest';
import { bareName, nameWithRole } from './person.js';

describe('a person, the role said once', () => {
  it('adds the role to a bare name, and replaces a role already in brackets', () => {
    expect(nameWithRole('周文斌', '科长')).toBe('周文斌（科长）');
    expect(nameWithRole('周文斌（科长）', '科长')).toBe('周文斌（科长）');
    expect(nameWithRole('王建国（分管领导）', '分管领导')).toBe('王建国（分管领导）');
    expect(bareName('王建国（分管领导）')).toBe('王建国');
  });

  it('leaves a name that already ends in its role’s word alone (issue 11 item 7)', () => {
    expect(nameWithRole('瑞昌市广源气体有限公司安全员', '企业安全员')).toBe('瑞昌市广源气体有限公司安全员');
    expect(nameWithRole('系统管理员', '管理员')).toBe('系统管理员');
    // One character in common is no role: 王长 is a name.
    expect(nameWithRole('王长', '科长')).toBe('王长（科长）');
    expect(nameWithRole('Zhou Wenbin', 'Section chief')).toBe('Zhou Wenbin（Section chief）');
  });
});

import { useQuery } from '@vue/apollo-composable';
import { computed } from 'vue';
import { RoleOptionsDocument, type Role } from '../../../gql/generated.js';

/**
 * The roles, and what each account is attached to, as the server says (`roleOptions`): the account and
 * department forms show their fields from these, so the dashboard holds no role list or rule of its own.
 */
export function useRoleOptions() {
  const { result } = useQuery(RoleOptionsDocument, null, { fetchPolicy: 'cache-first' });
  const options = computed(() => result.value?.roleOptions ?? []);
  const byRole = computed(() => new Map(options.value.map((o) => [o.role as Role | '', o])));
  const fact = (role: Role | '') => byRole.value.get(role);
  return {
    roles: computed(() => options.value.map((o) => o.role)),
    belongsToDepartment: (role: Role | '') => fact(role)?.belongsToDepartment ?? false,
    belongsToEnterprise: (role: Role | '') => fact(role)?.belongsToEnterprise ?? false,
    /** The role a department's deputy leader holds; null until the server has answered. */
    leaderRole: computed(() => options.value.find((o) => o.leadsDepartments)?.role ?? null),
    /** The role a department's section chief holds; null until the server has answered. */
    chiefRole: computed(() => options.value.find((o) => o.headsDepartment)?.role ?? null),
  };
}

import { connectionOf } from '../../graphql/connection.js';
import { Enterprise } from './enterprise.entity.js';

export const EnterpriseConnection = connectionOf(Enterprise, 'Enterprise');

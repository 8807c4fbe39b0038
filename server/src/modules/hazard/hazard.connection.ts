import { connectionOf } from '../../graphql/connection.js';
import { Hazard } from './hazard.entity.js';

export const HazardConnection = connectionOf(Hazard, 'Hazard');

import { registerEnumType } from 'type-graphql';

/** The three displays (三个显示). */
export enum AlertKind {
  NO_LOGIN = 'NO_LOGIN',
  NO_FILING = 'NO_FILING',
  OVERDUE = 'OVERDUE',
}

registerEnumType(AlertKind, {
  name: 'AlertKind',
  description: 'The three displays (三个显示) that supervisors watch.',
  valuesConfig: {
    NO_LOGIN: { description: 'The enterprise has not signed in for the no-login window (default 15 days).' },
    NO_FILING: {
      description: 'The enterprise has not filed a hazard itself for the no-filing window (default 15 days).',
    },
    OVERDUE: { description: 'A hazard passed its rectification deadline without being closed or reported done.' },
  },
});

import { registerEnumType } from 'type-graphql';

/** The three displays (三个显示) and the fourth, missed checks (R14). */
export enum AlertKind {
  NO_LOGIN = 'NO_LOGIN',
  NO_FILING = 'NO_FILING',
  OVERDUE = 'OVERDUE',
  CHECKS_MISSED = 'CHECKS_MISSED',
}

registerEnumType(AlertKind, {
  name: 'AlertKind',
  description: 'The displays supervisors watch: the three (三个显示) and missed checks.',
  valuesConfig: {
    NO_LOGIN: { description: 'The enterprise has not signed in for the no-login window (default 15 days).' },
    NO_FILING: {
      description: 'The enterprise has not filed a hazard itself for the no-filing window (default 15 days).',
    },
    OVERDUE: { description: 'A hazard passed its rectification deadline without being closed or reported done.' },
    CHECKS_MISSED: {
      description:
        'The latest check task of some control measure of the enterprise was missed, and no check was recorded after it.',
    },
  },
});

import { setServerClock } from '../shared/server-clock.js';

// Component tests run without a server: the demo bureau's zone (BUREAU_TZ's default) and the device's now.
setServerClock({ now: new Date(), timeZone: 'Asia/Shanghai' });
